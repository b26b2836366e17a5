"""Find the declarative halves (policies/, collectors/, reports/) in a checkout or a wheel.

In a wheel they are bundled under auditor/_bundled/; in a checkout or an editable
install they sit at the repository root next to auditor/.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_NAMES = ("policies", "collectors", "reports")


@cache
def resource_root() -> Path:
    bundled = _PACKAGE_DIR / "_bundled"
    if (bundled / "policies").is_dir():
        return bundled
    checkout = _PACKAGE_DIR.parent
    if (checkout / "policies").is_dir():
        return checkout
    raise FileNotFoundError(f"cannot find {', '.join(_NAMES)} next to {_PACKAGE_DIR}")


def policies_dir() -> Path:
    return resource_root() / "policies"


def collectors_dir() -> Path:
    return resource_root() / "collectors"


def reports_dir() -> Path:
    return resource_root() / "reports"


def catalogue_path() -> Path:
    return policies_dir() / "amazon_dpp" / "clauses.yaml"
