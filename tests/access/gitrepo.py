"""Real git repositories built by the tests (git CLI, fixed identities and dates)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ALICE = ("Alice Archer", "alice.archer@example.com")
BOB = ("Bob Baker", "bob.baker@example.com")
ROOT = ("root", "root@localhost")
DAVE = ("Dave Dyer", "dave.dyer@example.com")

# Test-only fake credentials (shapes of the real ones; never valid anywhere).
AWS_KEY = "AKIA" + "QZ7T4XN2KJ5M8WEP"
LWA_SECRET = "amzn1.oa2-cs.v1." + "3f9c" * 16
REFRESH = "Atzr|" + "IwEBIA" * 8
PEM = "\n".join(
    [
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
        "-----END OPENSSH PRIVATE KEY-----",
        "",
    ]
)


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, who: tuple[str, str] = ALICE, when: str = "2026-06-01T10:00:00Z") -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update(
            GIT_AUTHOR_NAME=who[0],
            GIT_AUTHOR_EMAIL=who[1],
            GIT_COMMITTER_NAME=who[0],
            GIT_COMMITTER_EMAIL=who[1],
            GIT_AUTHOR_DATE=when,
            GIT_COMMITTER_DATE=when,
            GIT_CONFIG_NOSYSTEM="1",
            HOME=str(self.path),
        )
        out = subprocess.run(
            ["git", "-C", str(self.path), *args], env=env, check=True, capture_output=True, text=True
        )
        return out.stdout

    def commit(
        self,
        files: dict[str, str | None],
        who: tuple[str, str] = ALICE,
        when: str = "2026-06-01T10:00:00Z",
        message: str = "change",
    ) -> None:
        for name, text in files.items():
            p = self.path / name
            if text is None:
                self.git("rm", "-q", name)
                continue
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
            self.git("add", name)
        self.git("commit", "-q", "-m", message, who=who, when=when)


def clean_repo(path: Path) -> Repo:
    repo = Repo(path)
    repo.commit({"README.md": "# shop\n"}, ALICE, "2026-05-01T09:00:00Z", "start")
    repo.commit({"app/orders.py": "def export():\n    return []\n"}, BOB, "2026-05-02T09:00:00Z")
    repo.commit({"app/orders.py": "def export():\n    return ['ok']\n"}, ALICE, "2026-05-03T09:00:00Z")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"app/labels.py": "LABELS = 1\n"}, BOB, "2026-05-04T09:00:00Z")
    repo.git("checkout", "-q", "main")
    return repo


def defect_repo(path: Path) -> Repo:
    """Several authors, a shared identity, and secrets committed then deleted on a side branch."""
    repo = clean_repo(path)
    repo.commit({"deploy.sh": "#!/bin/sh\nrsync -a . app1:/srv\n"}, ROOT, "2026-05-05T09:00:00Z", "hotfix")
    repo.commit(
        {
            "keys/id_ed25519": PEM,
            "config/aws.env": f"AWS_ACCESS_KEY_ID={AWS_KEY}\n",
            "config/lwa.yaml": f"client_secret: {LWA_SECRET}\nrefresh_token: {REFRESH}\n",
        },
        BOB,
        "2026-05-06T09:00:00Z",
        "config",
    )
    repo.commit(
        {"keys/id_ed25519": None, "config/aws.env": None, "config/lwa.yaml": None},
        BOB,
        "2026-05-06T10:00:00Z",
        "remove secrets",
    )
    return repo
