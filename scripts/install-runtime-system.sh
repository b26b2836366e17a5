#!/usr/bin/env bash
# Debian libraries dpp-auditor itself needs at run time: WeasyPrint renders the PDF report with
# Pango and a font. Installed only when missing; without root it says what to install.
set -euo pipefail

need=()
libs=$(ldconfig -p 2>/dev/null || true)  # not piped into grep -q: SIGPIPE would trip pipefail
[[ $libs == *libpango-1.0.so* ]] || need+=(libpango-1.0-0)
[[ $libs == *libpangoft2-1.0.so* ]] || need+=(libpangoft2-1.0-0)
ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 || need+=(fonts-dejavu-core)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-runtime-system: as root, run: apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "install-runtime-system: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
