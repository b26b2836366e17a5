"""tls.endpoint against real nginx servers on loopback, judged by the real policies.

Each case asserts the exact status of TLS-1, TLS-2, TLS-3, TLS-4 and NET-6 (computed from the
findings of regorus and, identically, of real OPA) and that findings name endpoint and value.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

import pytest

from auditor.bench import tls_lab
from auditor.models import Evidence
from tests.harness.clause_policies import ENGINES
from tests.tls.conftest import CLAUSES, Lab, input_doc, scan_url
from tests.tls.rego import POLICIES

P, F, W = "pass", "fail", "warn"


def judge(lab: Lab, evidence: Evidence) -> dict[str, str]:
    assert evidence.status == "collected", evidence.error
    doc = input_doc([evidence], lab.params)
    results = {engine: POLICIES.statuses(engine, doc, CLAUSES) for engine in ENGINES}
    assert results["regorus"] == results["opa"]
    return results["regorus"]


def denies(lab: Lab, evidence: Evidence, clause: str) -> list[dict[str, Any]]:
    return list(POLICIES.findings("regorus", clause, input_doc([evidence], lab.params))["deny"])


CASES = {
    # case: (scan keyword arguments, expected statuses)
    "good": ({}, dict.fromkeys(CLAUSES, P)),
    "tls1_0": ({}, {"TLS-1": F, "TLS-2": F, "TLS-3": P, "TLS-4": P, "NET-6": P}),
    "weak_cipher": ({}, {"TLS-1": P, "TLS-2": F, "TLS-3": P, "TLS-4": P, "NET-6": P}),
    "expired": ({}, {"TLS-1": P, "TLS-2": P, "TLS-3": F, "TLS-4": P, "NET-6": P}),
    "not_yet_valid": ({}, {"TLS-1": P, "TLS-2": P, "TLS-3": F, "TLS-4": P, "NET-6": P}),
    "self_signed": ({}, {"TLS-1": P, "TLS-2": P, "TLS-3": F, "TLS-4": P, "NET-6": P}),
    "wrong_host": ({}, {"TLS-1": P, "TLS-2": P, "TLS-3": F, "TLS-4": P, "NET-6": P}),
    "rsa_1024": ({}, {"TLS-1": P, "TLS-2": P, "TLS-3": F, "TLS-4": P, "NET-6": P}),
    "no_hsts": ({}, {"TLS-1": P, "TLS-2": P, "TLS-3": P, "TLS-4": F, "NET-6": P}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_case_statuses(lab: Lab, case: str) -> None:
    kwargs, expected = CASES[case]
    assert judge(lab, lab.scan(case, **kwargs)) == expected


def test_good_server_facts(lab: Lab) -> None:
    data = lab.scan("good").data
    assert data["protocols"] == {"sslv2": False, "sslv3": False, "tls1_0": False, "tls1_1": False,
                                 "tls1_2": True, "tls1_3": True}
    assert set(data["kex"]["groups"]) == {"x25519", "secp256r1", "secp384r1"}
    cert = data["certificate"]
    assert (cert["chain_valid"], cert["hostname_match"], cert["self_signed"]) == (True, True, False)
    assert (cert["key_type"], cert["key_bits"], cert["sig_hash"]) == ("ec", 256, "sha256")
    assert data["http"]["hsts"]["max_age"] == 63072000
    assert data["plain_http"]["reachable"] is True
    assert {t["status"] for t in data["plain_http"]["paths_tested"]} == {301}
    assert all(t["path_preserved"] for t in data["plain_http"]["paths_tested"])


def test_good_server_fails_tls3_without_the_test_ca(lab: Lab) -> None:
    ev = lab.scan("good", ca_bundle_file=None)
    assert judge(lab, ev)["TLS-3"] == F
    assert ev.data["certificate"]["chain_valid"] is False


def test_findings_name_endpoint_and_value(lab: Lab) -> None:
    tls1 = denies(lab, lab.scan("tls1_0"), "TLS-1")
    assert [(f["details"]["endpoint"], f["details"]["seen"]) for f in tls1] == [
        (f"https://localhost:{lab.ports['tls1_0']}", "TLS 1.0")]
    rsa = denies(lab, lab.scan("rsa_1024"), "TLS-3")
    assert [f["details"]["seen"] for f in rsa] == ["rsa-1024"]
    host = denies(lab, lab.scan("wrong_host"), "TLS-3")
    assert [f["details"]["seen"] for f in host] == [["shop.example.com"]]
    self_signed = denies(lab, lab.scan("self_signed"), "TLS-3")
    assert [f["details"]["seen"] for f in self_signed] == ["self-signed"]


def test_http_served_without_redirect_fails_tls4(lab: Lab) -> None:
    ev = lab.scan("good", http_port=lab.content_http_port)
    assert judge(lab, ev) == {"TLS-1": P, "TLS-2": P, "TLS-3": P, "TLS-4": F, "NET-6": P}
    checks = {f["check"] for f in denies(lab, ev, "TLS-4")}
    assert checks == {"TLS-4.a"}


def test_exposure_probes(lab: Lab) -> None:
    port = lab.ports["exposed"]
    ev = lab.scan("exposed", probe_paths=["/files/"], requires_auth=[
        f"https://localhost:{port}/admin/", f"https://localhost:{port}/private/"])
    assert judge(lab, ev)["NET-6"] == F
    found = sorted((f["check"], f["details"]["locator"]) for f in denies(lab, ev, "NET-6"))
    # /files/ is an extra exposure path (served: fail) and also a directory listing (fail)
    assert found == [("NET-6.a", "/admin/"), ("NET-6.b", "/.env"), ("NET-6.b", "/files/"),
                     ("NET-6.b", "listing:/files/")]
    private = next(p for p in ev.data["unauth_probe"] if p["path"] == "/private/")
    assert (private["status"], private["login_redirect"]) == (302, True)


def test_unreachable_endpoint_is_error_evidence(lab: Lab) -> None:
    url = f"https://127.0.0.1:{tls_lab.free_port()}"
    ev = scan_url(url, {"tls": {"timeout_s": 2}}, lab.params)
    assert ev.status == "error"
    assert ev.error is not None and ev.error.kind == "connectivity"
    assert input_doc([ev], lab.params)["evidence"] == {}


def test_plaintext_on_https_port_fails(lab: Lab) -> None:
    ev = scan_url(f"https://localhost:{lab.content_http_port}", {"tls": {"timeout_s": 3}}, lab.params)
    assert ev.status == "collected"
    assert ev.data["tls_handshake_ok"] is False
    assert ev.data["plaintext_probe"]["protocol_guess"] == "http"
    assert judge(lab, ev) == {"TLS-1": F, "TLS-2": F, "TLS-3": F, "TLS-4": F, "NET-6": P}


def test_silent_endpoint_is_timeout_not_finding(lab: Lab) -> None:
    """A port that accepts TCP but never speaks is not evidence of anything: timeout, not fail."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        port = server.getsockname()[1]
        held: list[socket.socket] = []
        stop = threading.Event()

        def accept() -> None:
            server.settimeout(0.2)
            while not stop.is_set():
                try:
                    held.append(server.accept()[0])
                except OSError:
                    continue

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        try:
            ev = scan_url(f"https://127.0.0.1:{port}", {"tls": {"timeout_s": 1}}, lab.params)
        finally:
            stop.set()
            thread.join()
            for conn in held:
                conn.close()
    assert ev.status == "timeout"
    assert ev.error is not None and "stayed silent" in ev.error.message
