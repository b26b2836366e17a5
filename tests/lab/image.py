"""Debian 12 (bookworm) root filesystems for the lab: real servers built with debootstrap.

`build_image(recipe) -> Path` returns the root of a finished, read-only-by-convention image
directory, building it first if this machine has none for the recipe's current content. Images
are cached under CACHE_ROOT as `<recipe>-<hash>/rootfs`, where the hash covers the package list,
every file of the recipe tree and BUILDER_VERSION: edit a recipe and the next call builds a new
image; leave it and every later run (and every xdist worker, behind a file lock) reuses it.

Never write into a returned image: run it through tests.lab.host (an overlay per host keeps
the image clean), or copy it.

Packages come from the Debian mirror apt on this machine is configured with (the machine
reaches no other network). Needs root and debootstrap (scripts/install-test-system.sh).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CACHE_ROOT = Path(os.environ.get("DPP_LAB_CACHE", "/var/cache/dpp-auditor-lab"))
SUITE = "bookworm"
RECIPES_DIR = Path(__file__).parent / "recipes"
# Bump when the build steps change in a way the recipe content does not show.
BUILDER_VERSION = "1"

# Both images: what a Debian server has from its "standard" task that the collectors call
# (ss, ps, openssl, sudo) plus the services under audit.
_BASE = ("openssh-server", "sudo", "rsyslog", "nginx", "iproute2", "procps", "openssl",
         "ca-certificates", "netbase", "less", "gzip", "findutils", "coreutils")


@dataclass(frozen=True)
class Recipe:
    name: str
    packages: tuple[str, ...]
    trees: tuple[str, ...]  # recipe directories copied over the root, in order

    def files(self) -> Iterator[tuple[str, Path]]:
        for tree in self.trees:
            base = RECIPES_DIR / tree
            for path in sorted(p for p in base.rglob("*") if p.is_file()):
                yield "/" + str(path.relative_to(base)), path

    def digest(self) -> str:
        h = hashlib.sha256(f"{BUILDER_VERSION}\n{SUITE}\n{' '.join(self.packages)}\n".encode())
        for dest, src in self.files():
            h.update(f"{dest}\n{src.stat().st_mode & 0o7777:o}\n".encode())
            h.update(src.read_bytes())
        return h.hexdigest()[:16]


RECIPES: dict[str, Recipe] = {
    # A server as a new administrator installs it: Debian defaults (SFTP on, no firewall),
    # PostgreSQL 15 with its default cluster, and python3 as the standard task brings it.
    "stock": Recipe("stock", (*_BASE, "postgresql", "python3"), ("common",)),
    # Hardened: nftables default-drop (22 and 443 only), auditd with rules, sshd without an
    # SFTP subsystem, pam_faillock; no python3 (scanners cannot be shipped to it).
    "hardened": Recipe("hardened", (*_BASE, "nftables", "auditd", "libpam-modules"),
                       ("common", "hardened")),
}


def image_dir(recipe: str) -> Path:
    """Where the image for the recipe's current content lives (built or not)."""
    spec = RECIPES[recipe]
    return CACHE_ROOT / f"{spec.name}-{spec.digest()}"


def build_image(recipe: str) -> Path:
    """The root filesystem of `recipe` ("stock" or "hardened"), built once per content hash."""
    if recipe not in RECIPES:
        raise KeyError(f"unknown lab recipe {recipe!r}; known: {', '.join(sorted(RECIPES))}")
    final = image_dir(recipe)
    rootfs = final / "rootfs"
    if (final / "complete").is_file():
        return rootfs
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    with _locked(CACHE_ROOT / f"{recipe}.lock"):
        if (final / "complete").is_file():  # another worker built it while we waited
            return rootfs
        work = CACHE_ROOT / f".build-{final.name}-{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        try:
            _build(RECIPES[recipe], work / "rootfs")
            (work / "complete").write_text(RECIPES[recipe].digest() + "\n")
            shutil.rmtree(final, ignore_errors=True)
            work.rename(final)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return rootfs


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def apt_mirror() -> str:
    """The Debian archive URI apt's sources on this machine use for bookworm (not -security)."""
    sources = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in sources:
        if not path.is_file():
            continue
        text = path.read_text(errors="replace")
        if path.suffix == ".sources":
            for stanza in re.split(r"\n\s*\n", text):
                fields = dict(re.findall(r"(?m)^(\w[\w-]*):\s*(.+)$", stanza))
                if SUITE in fields.get("Suites", "").split():
                    for uri in fields.get("URIs", "").split():
                        if "security" not in uri:
                            return uri.rstrip("/")
        else:
            for line in text.splitlines():
                m = re.match(r"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(\S+)", line)
                if m and m.group(2) == SUITE and "security" not in m.group(1):
                    return m.group(1).rstrip("/")
    raise RuntimeError(f"no apt source for Debian {SUITE} on this machine")


def _run(argv: list[str], log: Path) -> None:
    with open(log, "ab") as out:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"lab image build: {' '.join(argv[:4])}... exited {done.returncode}:\n{tail}")


def _build(spec: Recipe, root: Path) -> None:
    root.mkdir(parents=True)
    log = root.parent / "build.log"
    mirror = apt_mirror()
    _run(["debootstrap", "--variant=minbase", SUITE, str(root), mirror], log)
    # Packages are installed in a second step behind policy-rc.d so that no maintainer script
    # starts a service (PostgreSQL's would) on this machine while the image is being built.
    policy = root / "usr/sbin/policy-rc.d"
    policy.write_text("#!/bin/sh\nexit 101\n")
    policy.chmod(0o755)
    shutil.copy2("/etc/resolv.conf", root / "etc/resolv.conf")
    (root / "etc/apt/sources.list").write_text(f"deb {mirror} {SUITE} main\n")
    install = (f"mount -t proc proc '{root}/proc' && "
               f"chroot '{root}' apt-get install -y -q --no-install-recommends {' '.join(spec.packages)}"
               f" && chroot '{root}' apt-get clean")
    env_prefix = ["env", "DEBIAN_FRONTEND=noninteractive", "LC_ALL=C"]
    _run([*env_prefix, "unshare", "--mount", "--propagation", "private", "sh", "-c", install], log)
    for dest, src in spec.files():
        target = root / dest.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        shutil.copy2(src, target)
    _finish(root)
    policy.unlink()


def _finish(root: Path) -> None:
    """Image-wide touches that make it run as a host inside namespaces."""
    # rsyslog must not read this machine's kernel log ring (imklog): a lab host is not the machine.
    conf = root / "etc/rsyslog.conf"
    if conf.is_file():
        conf.write_text(re.sub(r'(?m)^(module\(load="imklog".*)$', r"# \1", conf.read_text()))
    # Host keys made at build time would be shared by every host of the image: drop them,
    # dpp-lab-init makes each host its own (ssh-keygen -A) on first start.
    for key in (root / "etc/ssh").glob("ssh_host_*"):
        key.unlink()
    (root / "etc/hostname").write_text("dpp-lab\n")


if __name__ == "__main__":
    # scripts/build-lab-images.sh: build (or confirm cached) images ahead of the tests.
    for name in sys.argv[1:] or sorted(RECIPES):
        print(f"{name}: {build_image(name)}")
