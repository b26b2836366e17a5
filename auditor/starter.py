"""`dpp-auditor init`: a commented starter configuration that validates as written."""

from __future__ import annotations

STARTER = """\
# dpp-auditor configuration (validated strictly: unknown keys are errors naming the line).
version: 1
organisation: "Example Ltd"
scope: "Systems that receive, store or process Amazon Marketplace data"

# Hosts and endpoints to audit. local = this machine; also ssh://[user@]host[:port],
# https://host[:port] and rootfs:/mnt/image. `-t` on the command line replaces this list.
targets:
  - local
  # - ssh://audit@web1.example.com
  # - {id: db1, address: "ssh://audit@10.0.0.12:2222"}

# An Ansible inventory (INI or YAML) adds its hosts as ssh:// targets.
# inventory_file: hosts.ini

# ssh:
#   identity_file: ~/.ssh/dpp_audit_ed25519
#   known_hosts_file: ~/.ssh/known_hosts   # host keys are verified; changed keys always fail
#   accept_new_host_keys: false

# tls:
#   endpoints: [https://shop.example.com]
#   ca_bundle_file: internal-ca.pem

# logs:              # PII in logs (DEF-1/2, LOG-4/7) and in other files (RET-6)
#   roots: [/var/log]
#   # Other places files are written (exports, tmp, web roots, shares): scanned only when listed.
#   # Files that packages installed (dpkg-owned, virtualenvs, site-packages, node_modules, .git)
#   # are skipped and counted; set skip_installed: false to scan them too.
#   file_roots: [/tmp, /var/tmp, /var/www, /srv, /home]

# access:            # access lists, HR leavers, reviews (see examples/access/)
#   accounts_files: [access/accounts.csv]

# inventory:         # asset inventory (see examples/governance/)
#   file: governance/inventory.yaml

# documents:         # policies, registers and attestations
#   dir: governance/documents

# repos:
#   - {id: app, path: /srv/app}

# databases:
#   - {id: orders, url_env: ORDERS_DB_URL}

# Parameters default to the catalogue's values (`dpp-auditor clauses` lists clauses).
params:
  access_review_max_days: 90
  # approved_admins: [alice]

# waivers_file: waivers.yaml
engine: embedded        # or: opa (with opa_url)
"""


def starter_config() -> str:
    return STARTER
