"""Read-only connections from a URL held outside the configuration; the URL never leaves here
unredacted."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError, SQLAlchemyError

from auditor.collect.database.settings import DatabaseSettings
from auditor.errors import CollectorError
from auditor.models import ErrorKind

_DRIVERS = {"postgresql": "postgresql+psycopg", "mysql": "mysql+pymysql", "mariadb": "mysql+pymysql"}


def raw_url(db: DatabaseSettings) -> str:
    if db.url is not None:
        return db.url
    if db.sqlite_file is not None:
        return f"sqlite:///{Path(db.sqlite_file).resolve()}"
    if db.url_env is not None:
        value = os.environ.get(db.url_env)
        if not value:
            raise CollectorError(ErrorKind.auth, f"database {db.id}: ${db.url_env} is not set")
        return value
    path = Path(str(db.secrets_file))
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CollectorError(
            ErrorKind.auth, f"database {db.id}: cannot read secrets file {path}: {exc.strerror}"
        ) from None
    if not value:
        raise CollectorError(ErrorKind.auth, f"database {db.id}: secrets file {path} is empty")
    return value


def parse_url(db: DatabaseSettings) -> URL:
    try:
        url = make_url(raw_url(db))
    except ArgumentError:
        raise CollectorError(ErrorKind.parse, f"database {db.id}: not a valid SQLAlchemy URL") from None
    backend = url.get_backend_name()
    if backend in _DRIVERS and "+" not in url.drivername:
        url = url.set(drivername=_DRIVERS[backend])
    if backend not in ("postgresql", "mysql", "mariadb", "sqlite"):
        raise CollectorError(ErrorKind.unsupported, f"database {db.id}: unsupported engine {backend}")
    return url


def redact(url: URL) -> str:
    """user, host, port and database name only: no password, no query string."""
    bare = URL.create(
        url.drivername, username=url.username, host=url.host, port=url.port, database=url.database
    )
    return bare.render_as_string(hide_password=True)


def scrub(message: str, url: URL) -> str:
    text = message.splitlines()[0] if message else ""
    if url.password:
        text = text.replace(str(url.password), "***")
    return text[:300]


@contextmanager
def read_only(url: URL, timeout: float) -> Iterator[sa.Connection]:
    """A connection whose transaction cannot write (engine-specific switch)."""
    backend = url.get_backend_name()
    args: dict[str, object] = {}
    if backend == "postgresql":
        args = {"connect_timeout": max(1, int(timeout)), "options": "-c default_transaction_read_only=on"}
    elif backend in ("mysql", "mariadb"):
        args = {"connect_timeout": max(1, int(timeout)), "read_timeout": max(1, int(timeout))}
    elif url.database and url.database != ":memory:":
        if not Path(url.database).is_file():
            raise CollectorError(ErrorKind.connectivity, f"{redact(url)}: SQLite file not found")
        url = url.set(database=f"file:{url.database}", query={"mode": "ro", "uri": "true"})
    engine = sa.create_engine(url, connect_args=args, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            if backend in ("mysql", "mariadb"):
                conn.exec_driver_sql("SET SESSION TRANSACTION READ ONLY")
            elif backend == "sqlite":
                conn.exec_driver_sql("PRAGMA query_only = ON")
            yield conn
            conn.rollback()
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        kind = ErrorKind.unsupported  # a query the configured checks asked for failed
        if isinstance(exc, OperationalError | InterfaceError):
            auth = any(w in str(orig).lower() for w in ("password", "authentication", "access denied"))
            kind = ErrorKind.auth if auth else ErrorKind.connectivity
        raise CollectorError(kind, f"{redact(url)}: {type(orig).__name__}: {scrub(str(orig), url)}") from None
    finally:
        engine.dispose()
