"""Regenerate tests/fixtures/policies/<CLAUSE>/<case>/ for TLS-1..5, TLS-7 and NET-6.

    python -m tests.tls.make_fixtures

Each case is the good endpoint (or host) with one defect; expected.yaml lists the findings.
"""

import copy
import json
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
ROOT = REPO / "tests/fixtures/policies"
cat = yaml.safe_load((REPO / "policies/amazon_dpp/clauses.yaml").read_text())["parameters"]
KEYS = [
    "tls_min_version",
    "tls12_allowed_ciphers",
    "tls13_allowed_suites",
    "dh_min_bits",
    "rsa_min_bits",
    "ec_min_bits",
    "cert_min_days_fail",
    "cert_min_days_warn",
    "hsts_min_age_fail",
    "hsts_min_age_warn",
    "allow_http_redirect_listener",
    "forbidden_paths",
]
PARAMS = {k: cat[k] for k in KEYS}
NOW = "2026-11-27T10:00:00Z"
EP = "https://shop.example.com:443"


def good_ep():
    return {
        "url": EP,
        "host": "shop.example.com",
        "ip": "192.0.2.10",
        "port": 443,
        "sni": "shop.example.com",
        "source": "config",
        "host_target": None,
        "tls_handshake_ok": True,
        "protocols": {
            "sslv2": False,
            "sslv3": False,
            "tls1_0": False,
            "tls1_1": False,
            "tls1_2": True,
            "tls1_3": True,
        },
        "ciphers": {
            "sslv2": [],
            "sslv3": [],
            "tls1_0": [],
            "tls1_1": [],
            "tls1_2": [
                "ECDHE-RSA-AES128-GCM-SHA256",
                "ECDHE-RSA-AES256-GCM-SHA384",
                "ECDHE-RSA-CHACHA20-POLY1305",
            ],
            "tls1_3": ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"],
        },
        "kex": {"groups": ["secp256r1", "secp384r1", "x25519"], "dh_bits": None, "ecdh_supported": True},
        "certificate": {
            "subject": "CN=shop.example.com",
            "subject_cn": "shop.example.com",
            "issuer": "CN=Example CA",
            "san": ["shop.example.com"],
            "serial": "1f",
            "not_before": "2026-10-01T00:00:00Z",
            "not_after": "2027-03-01T00:00:00Z",
            "days_remaining": 93,
            "key_type": "rsa",
            "key_bits": 2048,
            "curve": None,
            "sig_alg": "sha256WithRSAEncryption",
            "sig_hash": "sha256",
            "self_signed": False,
            "chain_length": 2,
            "chain_valid": True,
            "chain_error": None,
            "hostname_match": True,
            "trust_sources": ["system"],
            "ocsp_stapled": False,
            "ocsp_status": "none",
        },
        "http": {
            "status": 200,
            "error": None,
            "hsts": {"present": True, "max_age": 63072000, "include_subdomains": True, "preload": False},
            "directory_listing": False,
        },
        "plain_http": {
            "port": 80,
            "reachable": True,
            "error": None,
            "paths_tested": [
                {
                    "path": "/",
                    "status": 301,
                    "location": "https://shop.example.com/",
                    "body_bytes": 162,
                    "https": True,
                    "same_host": True,
                    "path_preserved": True,
                },
                {
                    "path": "/dpp-auditor/redirect-check?probe=1",
                    "status": 301,
                    "location": "https://shop.example.com/dpp-auditor/redirect-check?probe=1",
                    "body_bytes": 162,
                    "https": True,
                    "same_host": True,
                    "path_preserved": True,
                },
            ],
        },
        "unauth_probe": [
            {
                "path": p,
                "kind": "forbidden",
                "status": 404,
                "location": None,
                "error": None,
                "body_bytes": 153,
                "directory_listing": False,
                "login_redirect": False,
            }
            for p in PARAMS["forbidden_paths"]
        ],
        "plaintext_probe": None,
        "highest_version": "tls_1_3",
    }


def doc(evidence, targets=None, params=None):
    p = copy.deepcopy(PARAMS)
    p.update(params or {})
    return {
        "meta": {"run_id": "fixture", "evaluated_at": NOW, "profile": "default"},
        "params": p,
        "evidence": evidence,
        "targets": targets or {},
    }


def ep_doc(mut=None, params=None):
    ep = good_ep()
    if mut:
        mut(ep)
    return doc({"tls.endpoint": {EP: ep}}, {EP: {"kind": "endpoint", "address": EP}}, params)


def write(clause, case, input_doc, deny=(), warn=None):
    d = ROOT / clause / case
    d.mkdir(parents=True, exist_ok=True)
    (d / "input.json").write_text(json.dumps(input_doc, indent=1, sort_keys=True) + "\n")
    exp = {"deny": [{"check": c, "target": t} for c, t in deny]}
    if warn is not None:
        exp["warn"] = [{"check": c, "target": t} for c, t in warn]
    (d / "expected.yaml").write_text(yaml.safe_dump(exp, sort_keys=False))


def setp(path, value):
    def m(ep):
        o = ep
        for k in path[:-1]:
            o = o[k]
        o[path[-1]] = copy.deepcopy(value)

    return m


def chain(*ms):
    def m(ep):
        for x in ms:
            x(ep)

    return m


plaintext = chain(
    setp(["tls_handshake_ok"], False),
    setp(["protocols"], None),
    setp(["ciphers"], None),
    setp(["kex"], None),
    setp(["certificate"], None),
    setp(["http"], None),
    setp(["unauth_probe"], []),
    setp(
        ["plaintext_probe"],
        {"protocol_guess": "http", "starttls_offered": None, "starttls_required": None, "tls_error": "x"},
    ),
)
# TLS-1
write("TLS-1", "pass_modern", ep_doc(), [], [])
write("TLS-1", "fail_tls1_0_enabled", ep_doc(setp(["protocols", "tls1_0"], True)), [("TLS-1", EP)], [])
write(
    "TLS-1",
    "fail_sslv3_and_tls1_1",
    ep_doc(chain(setp(["protocols", "sslv3"], True), setp(["protocols", "tls1_1"], True))),
    [("TLS-1", EP), ("TLS-1", EP)],
    [],
)
write("TLS-1", "fail_no_tls_handshake", ep_doc(plaintext), [("TLS-1", EP)], [])
write("TLS-1", "warn_no_tls1_3", ep_doc(setp(["protocols", "tls1_3"], False)), [], [("TLS-1", EP)])
write(
    "TLS-1",
    "fail_tls13_min_version",
    ep_doc(setp(["protocols", "tls1_3"], False), {"tls_min_version": "TLSv1.3"}),
    [("TLS-1", EP)],
    [("TLS-1", EP)],
)


def sock_ssh(ep):
    plaintext(ep)
    ep["source"] = "socket"
    ep["plaintext_probe"]["protocol_guess"] = "ssh"


write("TLS-1", "pass_socket_ssh_not_judged", ep_doc(sock_ssh), [], [])
# TLS-2
write("TLS-2", "pass_intermediate", ep_doc(), [])
write(
    "TLS-2",
    "fail_cbc_cipher",
    ep_doc(setp(["ciphers", "tls1_2"], ["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA"])),
    [("TLS-2", EP)],
)
write(
    "TLS-2",
    "fail_dh_1024",
    ep_doc(chain(setp(["kex", "dh_bits"], 1024), setp(["ciphers", "tls1_2"], ["DHE-RSA-AES128-GCM-SHA256"]))),
    [("TLS-2", EP)],
)
write(
    "TLS-2",
    "fail_group_secp521r1",
    ep_doc(setp(["kex", "groups"], ["secp256r1", "secp521r1", "x25519"])),
    [("TLS-2", EP)],
)
write(
    "TLS-2",
    "pass_dh_2048",
    ep_doc(chain(setp(["kex", "dh_bits"], 2048), setp(["ciphers", "tls1_2"], ["DHE-RSA-AES128-GCM-SHA256"]))),
    [],
)
write("TLS-2", "fail_no_tls_handshake", ep_doc(plaintext), [("TLS-2", EP)])
# TLS-3
write("TLS-3", "pass_valid_cert", ep_doc(), [], [])
write(
    "TLS-3",
    "fail_expired",
    ep_doc(
        chain(
            setp(["certificate", "not_after"], "2026-11-01T00:00:00Z"),
            setp(["certificate", "not_before"], "2025-11-01T00:00:00Z"),
        )
    ),
    [("TLS-3", EP)],
    [],
)
write(
    "TLS-3",
    "fail_not_yet_valid",
    ep_doc(setp(["certificate", "not_before"], "2026-12-10T00:00:00Z")),
    [("TLS-3", EP)],
    [],
)
write(
    "TLS-3",
    "fail_self_signed",
    ep_doc(
        chain(
            setp(["certificate", "self_signed"], True),
            setp(["certificate", "chain_valid"], False),
            setp(["certificate", "chain_error"], "candidates exhausted"),
        )
    ),
    [("TLS-3", EP)],
    [],
)
write(
    "TLS-3",
    "fail_wrong_host",
    ep_doc(
        chain(
            setp(["certificate", "hostname_match"], False),
            setp(["certificate", "san"], ["other.example.com"]),
        )
    ),
    [("TLS-3", EP)],
    [],
)
write("TLS-3", "fail_rsa_1024", ep_doc(setp(["certificate", "key_bits"], 1024)), [("TLS-3", EP)], [])
write(
    "TLS-3",
    "fail_sha1_signature",
    ep_doc(
        chain(
            setp(["certificate", "sig_hash"], "sha1"),
            setp(["certificate", "sig_alg"], "sha1WithRSAEncryption"),
        )
    ),
    [("TLS-3", EP)],
    [],
)
write(
    "TLS-3",
    "fail_expires_in_10_days",
    ep_doc(setp(["certificate", "not_after"], "2026-12-07T10:00:00Z")),
    [("TLS-3", EP)],
    [],
)
write(
    "TLS-3",
    "warn_expires_in_20_days",
    ep_doc(setp(["certificate", "not_after"], "2026-12-17T10:00:00Z")),
    [],
    [("TLS-3", EP)],
)
write(
    "TLS-3",
    "pass_ec_p256",
    ep_doc(
        chain(
            setp(["certificate", "key_type"], "ec"),
            setp(["certificate", "key_bits"], 256),
            setp(["certificate", "curve"], "secp256r1"),
        )
    ),
    [],
    [],
)
write(
    "TLS-3",
    "fail_revoked",
    ep_doc(
        chain(setp(["certificate", "ocsp_status"], "revoked"), setp(["certificate", "ocsp_stapled"], True))
    ),
    [("TLS-3", EP)],
    [],
)
write("TLS-3", "fail_no_tls_handshake", ep_doc(plaintext), [("TLS-3", EP)], [])
# TLS-4
write("TLS-4", "pass_redirect_and_hsts", ep_doc(), [], [])
write(
    "TLS-4",
    "pass_plain_http_unreachable",
    ep_doc(setp(["plain_http"], {"port": 80, "reachable": False, "error": "refused", "paths_tested": []})),
    [],
    [],
)


def http200(ep):
    for t in ep["plain_http"]["paths_tested"]:
        t.update(
            {"status": 200, "location": None, "https": False, "same_host": False, "path_preserved": False}
        )


write("TLS-4", "fail_http_content", ep_doc(http200), [("TLS-4.a", EP), ("TLS-4.a", EP)], [])


def other_host(ep):
    for t in ep["plain_http"]["paths_tested"]:
        t.update({"location": "https://evil.example.net/", "same_host": False, "path_preserved": False})


write("TLS-4", "fail_redirect_other_host", ep_doc(other_host), [("TLS-4.a", EP), ("TLS-4.a", EP)], [])


def temp302(ep):
    for t in ep["plain_http"]["paths_tested"]:
        t["status"] = 302


write("TLS-4", "warn_temporary_redirect", ep_doc(temp302), [], [("TLS-4.a", EP), ("TLS-4.a", EP)])
write(
    "TLS-4",
    "fail_hsts_missing",
    ep_doc(
        setp(
            ["http", "hsts"],
            {"present": False, "max_age": None, "include_subdomains": False, "preload": False},
        )
    ),
    [("TLS-4.b", EP)],
    [],
)
write("TLS-4", "fail_hsts_short", ep_doc(setp(["http", "hsts", "max_age"], 86400)), [("TLS-4.b", EP)], [])
write(
    "TLS-4", "warn_hsts_one_year", ep_doc(setp(["http", "hsts", "max_age"], 31536000)), [], [("TLS-4.b", EP)]
)
write(
    "TLS-4",
    "fail_https_no_response",
    ep_doc(
        setp(
            ["http"],
            {
                "status": None,
                "error": "timeout",
                "hsts": {"present": False, "max_age": None, "include_subdomains": False, "preload": False},
                "directory_listing": False,
            },
        )
    ),
    [("TLS-4.b", EP)],
    [],
)
write(
    "TLS-4",
    "fail_no_tls_handshake",
    ep_doc(chain(plaintext, setp(["plain_http"], None))),
    [("TLS-4.b", EP)],
    [],
)
# TLS-5
HOST = "web1"


def sock(addr, port, process, loop=False, proto="tcp"):
    return {
        "proto": proto,
        "family": "ipv6" if ":" in addr else "ipv4",
        "local_address": addr,
        "port": port,
        "pid": 100,
        "process": process,
        "is_loopback": loop,
        "processes": [{"name": process, "pid": 100}],
        "unit": None,
    }


def sid(addr, port):
    return f"{HOST}/tcp/{addr}/{port}"


def sock_ep(addr, port, connect, mut=None):
    ep = good_ep()
    ep.update(
        {
            "url": f"https://{connect}:{port}",
            "host": connect,
            "ip": connect,
            "port": port,
            "sni": connect,
            "source": "socket",
            "host_target": HOST,
            "plain_http": None,
        }
    )
    if mut:
        mut(ep)
    return ep


def ssh_mut(ep):
    plaintext(ep)
    ep["plaintext_probe"]["protocol_guess"] = "ssh"


def redirect_mut(ep):
    plaintext(ep)
    ep["plain_http"] = {
        "port": 80,
        "reachable": True,
        "error": None,
        "paths_tested": [
            {
                "path": "/",
                "status": 301,
                "location": "https://web1/",
                "body_bytes": 0,
                "https": True,
                "same_host": True,
                "path_preserved": True,
            }
        ],
    }


def redis_mut(ep):
    plaintext(ep)
    ep["plaintext_probe"]["protocol_guess"] = "redis"


def http_content_mut(ep):
    plaintext(ep)
    ep["plain_http"] = {
        "port": 8080,
        "reachable": True,
        "error": None,
        "paths_tested": [
            {
                "path": "/",
                "status": 200,
                "location": None,
                "body_bytes": 900,
                "https": False,
                "same_host": False,
                "path_preserved": False,
            }
        ],
    }


base_socks = [
    sock("0.0.0.0", 443, "nginx"),
    sock("0.0.0.0", 22, "sshd"),
    sock("0.0.0.0", 80, "nginx"),
    sock("127.0.0.1", 5432, "postgres", loop=True),
    sock("0.0.0.0", 5353, "avahi", proto="udp"),
]


def tls5(extra_socks=(), extra_eps=None, drop_targets=(), params=None, missing_evidence=()):
    eps = {
        sid("0.0.0.0", 443): sock_ep("0.0.0.0", 443, "web1"),
        sid("0.0.0.0", 22): sock_ep("0.0.0.0", 22, "web1", ssh_mut),
        sid("0.0.0.0", 80): sock_ep("0.0.0.0", 80, "web1", redirect_mut),
    }
    eps.update(extra_eps or {})
    targets = {HOST: {"kind": "host", "address": "ssh://root@web1:22"}}
    for k in eps:
        targets[k] = {"kind": "endpoint", "address": eps[k]["url"]}
    for k in drop_targets:
        targets.pop(k, None)
    for k in missing_evidence:
        eps.pop(k, None)
    return doc(
        {
            "host.listening": {
                HOST: {"method": "ss -H -tulpn", "listening_sockets": base_socks + list(extra_socks)}
            },
            "tls.endpoint": eps,
        },
        targets,
        params,
    )


write("TLS-5", "pass_tls_ssh_redirect_only", tls5(), [])
write(
    "TLS-5",
    "fail_plaintext_redis",
    tls5(
        [sock("0.0.0.0", 6379, "redis-server")],
        {sid("0.0.0.0", 6379): sock_ep("0.0.0.0", 6379, "web1", redis_mut)},
    ),
    [("TLS-5", HOST)],
)
write(
    "TLS-5",
    "fail_http_content_listener",
    tls5(
        [sock("10.0.0.5", 8080, "python3")],
        {sid("10.0.0.5", 8080): sock_ep("10.0.0.5", 8080, "10.0.0.5", http_content_mut)},
    ),
    [("TLS-5", HOST)],
)
write(
    "TLS-5",
    "fail_redirect_listener_not_allowed",
    tls5(params={"allow_http_redirect_listener": False}),
    [("TLS-5", HOST)],
)
write("TLS-5", "fail_listener_not_probed", tls5([sock("0.0.0.0", 21, "vsftpd")]), [("TLS-5", HOST)])
write(
    "TLS-5",
    "fail_probe_failed",
    tls5(
        [sock("0.0.0.0", 21, "vsftpd")],
        {sid("0.0.0.0", 21): sock_ep("0.0.0.0", 21, "web1", redis_mut)},
        missing_evidence=[sid("0.0.0.0", 21)],
    ),
    [("TLS-5", HOST)],
)
write(
    "TLS-5",
    "pass_exempt_port",
    tls5(
        [sock("0.0.0.0", 6379, "redis-server")],
        {sid("0.0.0.0", 6379): sock_ep("0.0.0.0", 6379, "web1", redis_mut)},
        params={"plaintext_exempt": [{"proto": "tcp", "port": 6379}]},
    ),
    [],
)
write("TLS-5", "fail_configured_endpoint_plaintext", ep_doc(plaintext), [("TLS-5", EP)])
# TLS-7
REPO = "shop-repo"


def t7(findings):
    return doc(
        {
            "code.transport": {
                REPO: {"root": "/src/shop", "files_scanned": 42, "files_skipped": 0, "findings": findings}
            }
        },
        {REPO: {"kind": "repo", "address": "/src/shop"}},
    )


write("TLS-7", "pass_clean", t7([]), [])
write(
    "TLS-7",
    "fail_verify_disabled_and_http",
    t7(
        [
            {
                "path": "app/client.py",
                "line": 12,
                "rule_id": "tls_verify_disabled",
                "excerpt": "requests.get(url, verify=False)",
            },
            {
                "path": "config/settings.yaml",
                "line": 3,
                "rule_id": "plain_http_url",
                "excerpt": "api_url: http://api.partner.example/v1",
            },
        ]
    ),
    [("TLS-7", REPO), ("TLS-7", REPO)],
)
# NET-6
write("NET-6", "pass_paths_refused", ep_doc(), [])
write(
    "NET-6",
    "fail_env_served",
    ep_doc(lambda ep: ep["unauth_probe"][4].update({"status": 200, "body_bytes": 120})),
    [("NET-6.b", EP)],
)
write("NET-6", "fail_directory_listing", ep_doc(setp(["http", "directory_listing"], True)), [("NET-6.b", EP)])


def auth(status, location=None, login=False):
    def m(ep):
        ep["unauth_probe"].append(
            {
                "path": "/admin/",
                "kind": "requires_auth",
                "status": status,
                "location": location,
                "error": None,
                "body_bytes": 10,
                "directory_listing": False,
                "login_redirect": login,
            }
        )

    return m


write("NET-6", "fail_admin_open", ep_doc(auth(200)), [("NET-6.a", EP)])
write("NET-6", "pass_admin_401", ep_doc(auth(401)), [])
write(
    "NET-6",
    "pass_admin_login_redirect",
    ep_doc(auth(302, "https://shop.example.com/login?next=/admin/", True)),
    [],
)
write(
    "NET-6",
    "fail_admin_redirect_elsewhere",
    ep_doc(auth(302, "https://shop.example.com/", False)),
    [("NET-6.a", EP)],
)


def probe_mut(guess, offered, required=None):
    def m(ep):
        plaintext(ep)
        ep["plaintext_probe"].update(
            {"protocol_guess": guess, "starttls_offered": offered, "starttls_required": required}
        )

    return m


write(
    "TLS-5",
    "pass_postgres_offers_tls",
    tls5(
        [sock("0.0.0.0", 5433, "postgres")],
        {sid("0.0.0.0", 5433): sock_ep("0.0.0.0", 5433, "web1", probe_mut("postgres", True))},
    ),
    [],
)
write(
    "TLS-5",
    "fail_postgres_without_tls",
    tls5(
        [sock("0.0.0.0", 5433, "postgres")],
        {sid("0.0.0.0", 5433): sock_ep("0.0.0.0", 5433, "web1", probe_mut("postgres", False))},
    ),
    [("TLS-5", HOST)],
)
write(
    "TLS-5",
    "fail_smtp_starttls_not_required",
    tls5(
        [sock("0.0.0.0", 25, "master")],
        {sid("0.0.0.0", 25): sock_ep("0.0.0.0", 25, "web1", probe_mut("smtp", True))},
    ),
    [("TLS-5", HOST)],
)
