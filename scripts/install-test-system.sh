#!/usr/bin/env bash
# Install the Debian packages the test suite talks to (real sshd, nginx, PostgreSQL, ...),
# only when something is missing, so repeated runs cost nothing.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have sshd || [ -x /usr/sbin/sshd ] || need+=(openssh-server)
have ssh-keygen || need+=(openssh-client)
have nginx || [ -x /usr/sbin/nginx ] || need+=(nginx)
have rg || need+=(ripgrep)
have pdftoppm || need+=(poppler-utils)
have git || need+=(git)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
have nft || [ -x /usr/sbin/nft ] || need+=(nftables)
have iptables-save || [ -x /usr/sbin/iptables-save ] || need+=(iptables)
have openssl || need+=(openssl)
have sudo || [ -x /usr/bin/sudo ] || need+=(sudo)
# schedule tests check calendar expressions with systemd-analyze (never skipped for want of it)
have systemd-analyze || need+=(systemd)
# host collector tests: ip netns, ss (iproute2); unshare (util-linux) for sshd -T in a private mount namespace
{ have ss || [ -x /usr/bin/ss ]; } && { have ip || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ]; } || need+=(iproute2)
have unshare || need+=(util-linux)
# the lab (tests/lab): Debian 12 images built with debootstrap, run as hosts with nsenter
have debootstrap || [ -x /usr/sbin/debootstrap ] || need+=(debootstrap)
have nsenter || need+=(util-linux)
# PDF reports: WeasyPrint subsets fonts with HarfBuzz (fontTools fallback is several times slower)
libs=$(ldconfig -p 2>/dev/null || true)  # not piped into grep -q: SIGPIPE would trip pipefail
[[ $libs == *libharfbuzz-subset* ]] || need+=(libharfbuzz-subset0)

# HTML report tests: real headless Chromium (driven through Playwright's Python package)
have chromium || [ -x /usr/bin/chromium ] || need+=(chromium)

# access.list: date-only HR leave times mean 23:59:59 Europe/London (zoneinfo reads the system tz database)
[ -f /usr/share/zoneinfo/Europe/London ] || need+=(tzdata)

# host.blockdev tests: a real LUKS2 header on a loop device (cryptsetup luksDump)
have cryptsetup || [ -x /usr/sbin/cryptsetup ] || need+=(cryptsetup-bin)
# host.keyfiles tests: real ACL entries (setfacl/getfacl)
have getfacl || need+=(acl)
# make test re-runs the date-sensitive suites with the clock moved
have faketime || need+=(faketime)
# tests/pii real-log corpus: gpgv verifies apt's InRelease files with the Debian keyring
have gpgv || need+=(gpgv)
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-test-system: need root to install: ${need[*]}" >&2
    exit 1
  fi
  echo "install-test-system: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Services must not start on install: the tests start their own instances on loopback.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi
if ! ls /var/lib/apt/lists/*_InRelease >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq  # the corpus needs signed InRelease files to verify
fi
