"""host.dbtls on this machine (Debian's PostgreSQL 15 cluster) and on a root filesystem with
MariaDB's packaged option files."""

from __future__ import annotations

from pathlib import Path

from tests.hostplus.conftest import collect, data, golden_output, write_tree


def test_local_postgres_cluster_files() -> None:
    got = data(collect("local", "host.dbtls"), "host.dbtls")
    clusters = sorted(str(p.parent) for p in Path("/etc/postgresql").glob("*/*/postgresql.conf"))
    pg = [c for c in got["db_config"] if c["engine"] == "postgresql"]
    assert [c["files"][0].rsplit("/", 1)[0] for c in pg] == clusters
    for c in pg:
        text = Path(c["files"][0]).read_text()
        ssl_line = next((ln for ln in text.splitlines() if ln.strip().startswith("ssl =")), "ssl = off")
        assert c["ssl_enabled"] is (ssl_line.split("=")[1].split("#")[0].strip().strip("'") == "on")
        assert len(c["hba"]) == sum(
            1 for ln in Path(c["hba_file"]).read_text().splitlines() if ln.split("#", 1)[0].strip()
        )


TLS_CNF = """[mariadb]
bind-address = 0.0.0.0
require-secure-transport = ON
tls_version = TLSv1.2,TLSv1.3
plugin-load-add = server_audit
"""


def test_rootfs_mariadb_includes_and_tls_override(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "/etc/mysql/my.cnf": golden_output("dbtls", "debian12_mariadb_cnf"),
            "/etc/mysql/mariadb.conf.d/50-server.cnf": golden_output(
                "dbtls", "debian12_mariadb_50_server_cnf"
            ),
            "/etc/mysql/mariadb.conf.d/90-tls.cnf": TLS_CNF,
            "/etc/mysql/conf.d/ignored.txt": "[mysqld]\nbind-address = 10.0.0.1\n",
        },
    )
    got = data(collect(f"rootfs:{tmp_path}", "host.dbtls"), "host.dbtls")
    (db,) = got["db_config"]
    assert db["files"] == [
        "/etc/mysql/my.cnf",
        "/etc/mysql/mariadb.conf.d/50-server.cnf",
        "/etc/mysql/mariadb.conf.d/90-tls.cnf",
    ]
    assert (db["bind_addresses"], db["loopback_only"], db["require_secure_transport"]) == (
        ["0.0.0.0"],
        False,
        True,
    )
    assert db["tls_versions"] == ["TLSv1.2", "TLSv1.3"] and db["audit_plugin"] == "server_audit"
