"""host.webserver on this machine (Debian's packaged nginx) and on a root filesystem."""

from __future__ import annotations

from pathlib import Path

from tests.hostplus.conftest import collect, data, golden_output, write_tree


def test_local_nginx_default_site() -> None:
    got = data(collect("local", "host.webserver"), "host.webserver")["nginx"]
    assert got["installed"] is Path("/etc/nginx/nginx.conf").exists()
    enabled = sorted(str(p) for p in Path("/etc/nginx/sites-enabled").glob("*"))
    assert [f for f in got["files"] if f.startswith("/etc/nginx/sites-enabled/")] == enabled


def test_rootfs_includes_expand_in_place(tmp_path: Path) -> None:
    app = golden_output("nginx", "app_vhosts_limit_req_and_access_log_off")
    inner = app[app.index("http {") + len("http {") : app.rindex("}")]
    write_tree(
        tmp_path,
        {
            "/etc/nginx/nginx.conf": golden_output("nginx", "debian12_nginx_conf"),
            "/etc/nginx/mime.types": "types { text/html html; }\n",
            "/etc/nginx/conf.d/app.conf": inner,
            "/etc/nginx/sites-enabled/default": golden_output("nginx", "debian12_sites_available_default"),
        },
    )
    got = data(collect(f"rootfs:{tmp_path}", "host.webserver"), "host.webserver")["nginx"]
    assert got["limit_req_zones"] == {"login": "5r/m", "api": "10r/s"}
    names = [(v["server_names"], v["access_log"], v["file"]) for v in got["vhosts"]]
    assert names == [
        (["app.example.com"], ["/var/log/nginx/access.log"], "/etc/nginx/conf.d/app.conf"),
        (["app.example.com"], ["/var/log/nginx/app.access.log"], "/etc/nginx/conf.d/app.conf"),
        (["internal.example.com"], ["off"], "/etc/nginx/conf.d/app.conf"),
        (["_"], ["/var/log/nginx/access.log"], "/etc/nginx/sites-enabled/default"),
    ]
