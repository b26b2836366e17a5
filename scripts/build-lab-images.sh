#!/usr/bin/env bash
# Build (or find cached) the lab's Debian 12 images the SSH tests run as hosts (tests/lab).
# Cheap when cached: a content hash decides. Needs root and debootstrap (install-test-system.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-.venv/bin/python}" -m tests.lab.image "$@"
