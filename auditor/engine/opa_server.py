"""The OPA-server backend, over opa-python-client (REST: /v1/policies, /v1/data).

Modules are uploaded under the policy id `dpp-auditor/<module key>` with rego_compat=False
(never rewritten silently); the server compiles on upload, so a broken module or an unknown
builtin fails at load, mapped to `file:line:col` from OPA's `errors[].location`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, ClassVar, NoReturn
from urllib.parse import quote, urlsplit

import requests
from opa_client.errors import ConnectionsError, RegoParseError
from opa_client.opa import OpaClient

from auditor.engine.base import PolicyEngine
from auditor.engine.metadata import package_of
from auditor.errors import EngineError, PolicyError, UsageError

DEFAULT_OPA_URL = "http://127.0.0.1:8181"
# OPA's evaluation errors: "file:row: code: message" (no column).
_EVAL_ERROR = re.compile(r"(?P<file>[^\s:][^:]*):(?P<row>\d+): (?P<text>[a-z_]+_error: .*)$")
ID_PREFIX = "dpp-auditor/"


class OpaServerEngine(PolicyEngine):
    name: ClassVar[str] = "opa"

    def __init__(
        self, url: str = DEFAULT_OPA_URL, *, timeout_s: float = 10.0, token: str | None = None
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"--opa-url {url!r}: expected http(s)://host[:port]")
        self.url = url.rstrip("/")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self._client = OpaClient(
            host=parts.hostname,
            port=port,
            ssl=parts.scheme == "https",
            token=token,
            timeout=timeout_s,
            retries=0,
        )
        self._uploaded: set[str] = set()

    # -- loading -----------------------------------------------------------------------

    def load(self, modules: dict[str, str], data: dict[str, Any] | None = None) -> None:
        self._check_connection()
        wanted = {ID_PREFIX + key for key in modules}
        for stale in sorted(self._server_ids() - wanted):
            self._call(self._client.delete_policy, quote(stale, safe="/"))
        if data:
            for key in sorted(data):
                self._upload_data(key, data[key])
        self._upload_modules(modules)
        self._uploaded = wanted
        # OPA reports conflicts between rules only when evaluating: evaluate each package once.
        # Other errors with an empty input (a test rule that errs, say) are not load errors.
        for package in sorted({p for p in map(package_of, modules.values()) if p}):
            try:
                self._post_data(_rest_path(f"data.{package}"), {})
            except PolicyError as exc:
                if "conflict" in str(exc):
                    raise

    def _upload_modules(self, modules: dict[str, str]) -> None:
        # OPA compiles each upload against what it already holds, so a module calling a function
        # of a module not uploaded yet fails: retry until no upload makes progress.
        pending = sorted(modules)
        while pending:
            failed: list[tuple[str, RegoParseError]] = []
            for key in pending:
                try:
                    self._call(
                        self._client.update_policy_from_string,
                        modules[key],
                        quote(ID_PREFIX + key, safe="/"),
                        rego_compat=False,
                    )
                except RegoParseError as exc:
                    if _is_parse_error(exc):
                        raise PolicyError(_rego_error_message(exc)) from None
                    failed.append((key, exc))
            if len(failed) == len(pending):
                raise PolicyError(_rego_error_message(failed[0][1])) from None
            pending = [key for key, _ in failed]

    def _upload_data(self, key: str, value: Any) -> None:
        try:
            if isinstance(value, dict):
                self._call(self._client.update_or_create_data, value, quote(key))
            else:
                self._put_json(f"{self._client.root_url}/data/{quote(key)}", value)
        except RegoParseError as exc:
            raise PolicyError(f"policy data {key}: {_rego_error_message(exc)}") from None

    # -- evaluation --------------------------------------------------------------------

    def evaluate(self, rule_path: str, input_doc: dict[str, Any]) -> Any:
        return self._post_data(_rest_path(rule_path), input_doc)

    def evaluate_many(self, rule_paths: Iterable[str], input_doc: dict[str, Any]) -> dict[str, Any]:
        """One POST for all: the document at the rule paths' longest common prefix (e.g. data.dpp)
        holds every rule asked for, and the server evaluates it in one go."""
        paths = list(dict.fromkeys(rule_paths))
        if len(paths) <= 1:
            return {path: self.evaluate(path, input_doc) for path in paths}
        split = [path.split(".") for path in paths]
        common = _common_prefix(split)
        if len(common) < 2:  # nothing shared below `data`: one POST per path
            return {path: self.evaluate(path, input_doc) for path in paths}
        document = self._post_data(_rest_path(".".join(common)), input_doc)
        results: dict[str, Any] = {}
        for path, parts in zip(paths, split, strict=True):
            value = document
            for part in parts[len(common) :]:
                value = value.get(part) if isinstance(value, dict) else None
            results[path] = value
        return results

    def close(self) -> None:
        self._client.close_connection()

    # -- HTTP --------------------------------------------------------------------------

    def _post_data(self, rest_path: str, input_doc: dict[str, Any]) -> Any:
        response = self._request(
            "post", f"{self._client.root_url}/data/{rest_path}", json={"input": input_doc}
        )
        body = _json_body(response)
        if response.status_code != 200:
            message = _first_line(str(body.get("message") or response.reason))
            located = _EVAL_ERROR.search(message)
            if located:
                file = located["file"].removeprefix(ID_PREFIX)
                raise PolicyError(f"{file}:{located['row']}:1: {located['text']}")
            raise PolicyError(f"data.{rest_path.replace('/', '.')}: OPA server: {message}")
        return body.get("result")

    def _put_json(self, url: str, value: Any) -> None:
        response = self._request(
            "put", url, data=json.dumps(value), headers={"Content-Type": "application/json"}
        )
        if response.status_code not in (200, 204):
            body = _json_body(response)
            raise PolicyError(_first_line(str(body.get("message") or response.reason)))

    def _request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        session = self._client._session
        try:
            response: requests.Response = getattr(session, method)(
                url, timeout=self._client.timeout, **kwargs
            )
        except requests.RequestException as exc:
            self._unreachable(exc)
        if response.status_code in (401, 403):
            raise EngineError(f"OPA server at {self.url} refused the request: HTTP {response.status_code}")
        return response

    def _server_ids(self) -> set[str]:
        ids = self._call(self._client.get_policies_list)
        return {i for i in ids if isinstance(i, str) and i.startswith(ID_PREFIX)}

    def _check_connection(self) -> None:
        try:
            self._client.check_connection()
        except ConnectionsError as exc:
            self._unreachable(exc.__cause__ or exc)

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except requests.HTTPError as exc:
            raise EngineError(f"OPA server at {self.url}: {_first_line(str(exc))}") from None
        except ValueError as exc:  # a non-JSON answer (requests.JSONDecodeError included)
            raise EngineError(f"OPA server at {self.url} gave an answer that is not OPA's: {exc}") from None
        except (requests.RequestException, ConnectionsError) as exc:
            self._unreachable(exc)

    def _unreachable(self, exc: BaseException) -> NoReturn:
        reason = type(exc).__name__
        # A read timeout reaches us as a ConnectionError when urllib3 gives up retrying.
        if isinstance(exc, requests.Timeout) or "timed out" in str(exc).lower():
            reason = f"no answer within {self._client.timeout:g} s"
        elif isinstance(exc, requests.ConnectionError):
            reason = "connection failed"
        elif isinstance(exc, requests.HTTPError) and exc.response is not None:
            reason = f"HTTP {exc.response.status_code}"
        raise EngineError(f"OPA server at {self.url} is unreachable ({reason})") from None


def _rest_path(rule_path: str) -> str:
    parts = rule_path.split(".")
    if parts[0] != "data" or len(parts) < 2 or not all(parts):
        raise PolicyError(f"not a rule path: {rule_path!r} (expected data.<package>.<rule>)")
    return "/".join(quote(p) for p in parts[1:])


def _common_prefix(split: list[list[str]]) -> list[str]:
    common = split[0][:-1]  # never the rule itself
    for parts in split[1:]:
        n = 0
        while n < len(common) and n < len(parts) - 1 and parts[n] == common[n]:
            n += 1
        common = common[:n]
    return common


def _is_parse_error(exc: RegoParseError) -> bool:
    return any(isinstance(e, dict) and e.get("code") == "rego_parse_error" for e in exc.errors)


def _rego_error_message(exc: RegoParseError) -> str:
    """`file:line:col: text` from the first of OPA's errors (file without our id prefix)."""
    for err in exc.errors:
        if not isinstance(err, dict):
            continue
        text = _first_line(str(err.get("message", "")))
        loc = err.get("location") or {}
        if loc.get("file"):
            file = str(loc["file"]).removeprefix(ID_PREFIX)
            more = f" (and {len(exc.errors) - 1} more)" if len(exc.errors) > 1 else ""
            return f"{file}:{loc.get('row', 1)}:{loc.get('col', 1)}: {text}{more}"
        if text:
            return text
    return _first_line(str(exc.message or exc.expression or "OPA rejected the policy"))


def _json_body(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
