"""Where a finding sits: the field it is in (for exemptions) and the class of log it came from."""

from __future__ import annotations

import fnmatch
import re

from auditor.pii.categories import Category as C

LOG_CLASSES = ("security", "audit", "web", "api", "application", "other", "file")

# Matched against the reversed text before a value: anchored at its start, so linear.
_KEY_BEFORE_REV = re.compile(r"[\"'\[]?[ \t]*[:=][ \t]*[\"']?([A-Za-z0-9_.-]{1,40})")
_KEY_END = frozenset("\"'[ \t:=")
_FROM_BEFORE_REV = re.compile(r"\[?[ \t:]*(?:morf|yb|=CRS|tneilc)\b")
_ACCESS_LOG = re.compile(r"^\S+ \S+ \S+ \[[^\]]{10,40}\] \"")

# Field names normalised (lower case, no _ - .) to the three fields exemptions talk about.
_ALIASES = {
    "client_ip": {"clientip", "remoteaddr", "remoteip", "ip", "ipaddress", "realip", "xforwardedfor",
                  "xrealip", "clientaddr", "client", "remotehost", "host"},
    "src": {"src", "srcip", "source", "sourceip", "rhost", "from", "peer", "srcaddr", "addr"},
    "user_agent": {"useragent", "httpuseragent", "ua", "agent"},
}
_FIELD_OF_KEY = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}


_KEY_PUNCT = str.maketrans("", "", "_.-")


def normalise_key(key: str) -> str:
    return key.lower().translate(_KEY_PUNCT)


def key_before(line: str, start: int) -> str | None:
    """The key name a value at `start` is assigned to (`key=`, `key: `, `"key":"`), as written."""
    rev = line[max(0, start - 48) : start][::-1]
    # A key needs a quote, bracket, blank, ':' or '=' right before the value: skip the regex otherwise.
    m = _KEY_BEFORE_REV.match(rev) if rev[:1] in _KEY_END else None
    return m.group(1)[::-1] if m else None


def field_of(line: str, start: int, category: str) -> str | None:
    """The field name a value at `start` belongs to, when the line says so."""
    key = key_before(line, start)
    if key and key[:1].isalpha():
        key = normalise_key(key)
        return _FIELD_OF_KEY.get(key, key[:32])
    rev = line[max(0, start - 48) : start][::-1]
    if category == C.ip_address:
        if _FROM_BEFORE_REV.match(rev):
            return "src"
        if not line[:start].strip() and _ACCESS_LOG.match(line):
            return "client_ip"
    if category == C.digital_fingerprint and _ACCESS_LOG.match(line):
        return "user_agent"
    return None


# Built-in classes, matched against "parent/name" only: a temp or home directory name
# elsewhere in the path must not change the class.
_DEFAULT_CLASSES: tuple[tuple[str, str], ...] = (
    ("audit/*", "audit"),
    ("*/*audit.log*", "audit"),
    ("*/auth.log*", "security"),
    ("*/secure*", "security"),
    ("*/fail2ban.log*", "security"),
    ("*/faillog*", "security"),
    ("*/sudo.log*", "security"),
    ("*/ufw.log*", "security"),
    ("nginx/*", "web"),
    ("apache2/*", "web"),
    ("httpd/*", "web"),
    ("*/*access.log*", "web"),
    ("*/*access_log*", "web"),
    ("*api*", "api"),
    ("*/syslog*", "other"),
    ("*/messages*", "other"),
    ("*/kern.log*", "other"),
    ("*/dpkg.log*", "other"),
    ("apt/*", "other"),
    ("*/*.log*", "application"),
)


# The table as one regex, first pattern first (alternatives are tried in order): one match per
# file instead of twenty fnmatch calls, which made discovery cost more than scanning small files.
_DEFAULT_RX = re.compile(
    "|".join(f"(?P<c{i}>{fnmatch.translate(p)})" for i, (p, _) in enumerate(_DEFAULT_CLASSES)))


def log_class(path: str, overrides: dict[str, str] | None = None, default: str = "other") -> str:
    """Configured globs (full path) first, then the built-in table on the last two components."""
    for pattern, cls in (overrides or {}).items():
        if fnmatch.fnmatch(path, pattern):
            return cls
    tail = "/".join(("/" + path).rsplit("/", 2)[-2:])
    m = _DEFAULT_RX.match(tail)
    return _DEFAULT_CLASSES[int(m.lastgroup[1:])][1] if m and m.lastgroup else default


_SECURITY_UNITS = frozenset({"ssh", "sshd", "sudo", "su", "login", "systemd-logind", "polkit", "polkitd",
                             "fail2ban", "pam", "cron"})
_WEB_UNITS = frozenset({"nginx", "apache2", "httpd", "caddy", "haproxy"})


def journal_class(unit: str) -> str:
    """Class of a journald entry from its unit or syslog identifier (ssh.service, sshd, sudo...)."""
    name = unit.lower().split("@", 1)[0].removesuffix(".service")
    if name in _SECURITY_UNITS:
        return "security"
    if name in ("auditd", "audit"):
        return "audit"
    if name in _WEB_UNITS:
        return "web"
    return "application" if name else "other"
