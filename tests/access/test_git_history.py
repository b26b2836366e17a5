"""git.history against real repositories: whole history, all refs, URL mirrors, redaction."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.access.conftest import collect
from tests.access.gitrepo import ALICE, AWS_KEY, BOB, LWA_SECRET, REFRESH, Repo, clean_repo, defect_repo


def _git_evidence(tmp_path: Path, repo_path: Path, url: str | None = None) -> dict:
    spec = {"id": "shop", "url": url} if url else {"id": "shop", "path": str(repo_path)}
    evs = collect({"repos": [spec]}, {"shop": Path(url or repo_path)})
    ev = next(e for e in evs if e.collector == "git.history")
    assert ev.status == "collected", ev.error
    return ev.to_json_dict()


def test_identities_and_counts_across_all_branches(tmp_path: Path) -> None:
    ev = _git_evidence(tmp_path, clean_repo(tmp_path / "r").path)
    data = ev["data"]
    assert data["commits_scanned"] == 4 and data["signed_commits"] == 0
    by_email = {i["email"]: i for i in data["identities"]}
    assert by_email["a***@e***.com"]["authored"] == 2
    assert by_email["b***@e***.com"]["authored"] == 2  # one of them only on branch "feature"
    assert by_email["a***@e***.com"]["first_at"] == "2026-05-01T09:00:00Z"
    assert data["secret_findings"] == []


def test_deleted_secrets_are_found_redacted_at_the_adding_commit(tmp_path: Path) -> None:
    repo = defect_repo(tmp_path / "r")
    adding = repo.git("log", "--all", "--format=%h %s", "--abbrev=12").split("\n")
    config_sha = next(line.split()[0] for line in adding if line.endswith(" config"))
    ev = _git_evidence(tmp_path, repo.path)
    findings = {(f["rule_id"], f["path"], f["line"]) for f in ev["data"]["secret_findings"]}
    assert findings == {
        ("private_key_pem", "keys/id_ed25519", 1),
        ("aws_access_key", "config/aws.env", 1),
        ("lwa_client_secret", "config/lwa.yaml", 1),
        ("lwa_refresh_token", "config/lwa.yaml", 2),
    }
    assert {f["commit"] for f in ev["data"]["secret_findings"]} == {config_sha}
    assert not (repo.path / "config").exists()  # deleted from the tree, still in history
    text = json.dumps(ev)
    for secret in (AWS_KEY, LWA_SECRET, REFRESH, "b3BlbnNzaC1rZXkt", "alice.archer@", "bob.baker@"):
        assert secret not in text
    shared = next(i for i in ev["data"]["identities"] if i["generic"])
    assert (shared["email"], shared["generic"]) == ("root@localhost", "host-local e-mail domain")


def test_url_is_cloned_as_a_mirror(tmp_path: Path) -> None:
    repo = defect_repo(tmp_path / "r")
    ev = _git_evidence(tmp_path, repo.path, url=f"file://{repo.path}")
    assert ev["data"]["commits_scanned"] == 7
    assert len(ev["data"]["secret_findings"]) == 4
    assert any(c.startswith("git clone") for c in ev["provenance"]["commands"])


def test_file_text_that_looks_like_git_headers_is_content(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    tricky = (
        "commit 0123456789012345678901234567890123456789\nauthor Mallory <root@localhost> 1 +0000\n\n"
        "diff --git a/x b/x\n@@ -1 +1 @@\n" + f"key = {AWS_KEY}\n"
    )
    repo.commit({"notes.txt": tricky}, ALICE)
    repo.commit({"notes.txt": tricky + "more\n"}, BOB, "2026-06-02T10:00:00Z")
    data = _git_evidence(tmp_path, repo.path)["data"]
    assert data["commits_scanned"] == 2
    assert {i["email"] for i in data["identities"]} == {"a***@e***.com", "b***@e***.com"}
    [finding] = data["secret_findings"]
    assert (finding["path"], finding["line"], finding["occurrences"]) == ("notes.txt", 6, 1)


def test_signed_commits_are_counted(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a": "1\n"}, ALICE)
    # A commit object carrying a gpgsig header, written directly (no key needed to count it).
    tree = repo.git("rev-parse", "HEAD^{tree}").strip()
    parent = repo.git("rev-parse", "HEAD").strip()
    body = (
        f"tree {tree}\nparent {parent}\nauthor Alice Archer <alice.archer@example.com> 1780000000 +0000\n"
        "committer Alice Archer <alice.archer@example.com> 1780000000 +0000\n"
        "gpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lH\n -----END SSH SIGNATURE-----\n\nsigned\n"
    )
    sha = subprocess.run(
        ["git", "-C", str(repo.path), "hash-object", "-t", "commit", "-w", "--stdin"],
        input=body,
        text=True,
        capture_output=True,
        check=True,
    ).stdout.strip()
    repo.git("update-ref", "refs/heads/main", sha)
    data = _git_evidence(tmp_path, repo.path)["data"]
    assert (data["commits_scanned"], data["signed_commits"]) == (2, 1)


def test_not_a_repository_is_an_error(tmp_path: Path) -> None:
    outer = Repo(tmp_path / "outer")  # a folder inside another repository is still not a repository
    (outer.path / "plain").mkdir()
    plain = outer.path / "plain"
    evs = collect({"repos": [{"id": "shop", "path": str(plain)}]}, {"shop": plain})
    ev = next(e for e in evs if e.collector == "git.history")
    assert ev.status == "error" and ev.error is not None and "git rev-parse" in ev.error.message


def test_unreachable_url_is_a_connectivity_error(tmp_path: Path) -> None:
    url = "https://user:secret@127.0.0.1:9/none.git"
    evs = collect({"repos": [{"id": "shop", "url": url}]}, {"shop": Path("x")})
    ev = next(e for e in evs if e.collector == "git.history")
    assert ev.status == "error" and ev.error is not None and ev.error.kind == "connectivity"
    assert "secret" not in ev.error.message


def test_bots_web_flow_and_placeholder_identities(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a": "1\n"}, ("Your Name", "you@example.com"))
    repo.commit({"a": "2\n"}, ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"))
    repo.commit({"a": "3\n"}, ("Deploy", "deploy@shop.example"))
    repo.git(
        "-c",
        "user.name=GitHub",
        "-c",
        "user.email=noreply@github.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "web",
        who=("GitHub", "noreply@github.com"),
    )
    bots = ["49699333+dependabot[bot]@users.noreply.github.com"]
    evs = collect(
        {"repos": [{"id": "shop", "path": str(repo.path)}]}, {"shop": repo.path}, {"bot_identities": bots}
    )
    data = next(e for e in evs if e.collector == "git.history").data
    by_email = {i["email"]: i for i in data["identities"]}
    assert by_email["you@example.com"]["generic"] == "placeholder e-mail"
    assert by_email["deploy@shop.example"]["generic"] == "generic mailbox name"
    assert [i["email"] for i in data["identities"] if i["web_flow"]] == ["n***@g***.com"]
    bot = next(i for i in data["identities"] if i["bot"])
    assert bot["generic"] is None and bot["email"] == "4***@u***.com"
