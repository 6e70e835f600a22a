"""Connections to the DuckDB warehouse: one writer at a time, analysts on a published copy.

DuckDB lets one process write a file, or many processes read it, not both. So:
- writers take an exclusive file lock (``warehouse.lock``) and use a short-lived connection;
  Airflow tasks additionally share the ``spacemine_warehouse`` pool;
- after each write step the file is checkpointed and copied to ``published/warehouse.duckdb``
  with an atomic rename, and analysts (``spacemine query``, a DuckDB shell, a notebook) read
  that copy. An analyst holding the copy open keeps the old inode and is never broken; the
  pipeline never waits for an analyst.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb

log = logging.getLogger(__name__)


class WarehouseError(Exception):
    """The warehouse cannot be opened or written (missing, locked too long, disk full...)."""


class WarehouseMissing(WarehouseError):
    pass


class DiskFull(WarehouseError):
    """The disk holding the data directory is full: nothing committed is lost, the step is redone."""


def disk_full(exc: BaseException) -> bool:
    """Whether an error is the disk running out of space (OSError ENOSPC, or DuckDB saying so)."""
    return (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "no space left on device" in str(exc).lower()


@contextmanager
def _full_disk_named(path: Path) -> Iterator[None]:
    """Turn "no space left" anywhere in a write step into one clear error naming the directory.

    DuckDB answers a full disk during a checkpoint with a FATAL error and drops the database
    instance; the file on disk keeps its last checkpoint plus the write-ahead log, so the
    committed work is intact and the next run (with space freed) replays and redoes the step.
    """
    try:
        yield
    except DiskFull:
        raise
    except Exception as exc:
        if not disk_full(exc):
            raise
        raise DiskFull(
            f"the disk holding {path.parent} is full (no space left on device); committed work is kept: "
            f"free some space and run again, the interrupted step is redone. ({str(exc).splitlines()[0][:300]})"
        ) from exc


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every shipped migration, in order."""
    folder = resources.files("warehouse").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations this file has not seen yet, each in its own transaction."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [version, name, datetime.now(timezone.utc)],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
        log.info("applied warehouse migration %s", name)
    apply_views(con)
    return applied


def apply_views(con: duckdb.DuckDBPyConnection) -> bool:
    """(Re)create the analyst views and macros of ``views.sql`` when that file changed.

    Views hold no data, so they are replaced rather than migrated: the file's hash is kept in
    ``schema_views`` and the statements run again only when it differs.
    """
    sql = resources.files("warehouse").joinpath("views.sql").read_text(encoding="utf-8")
    digest = hashlib.sha256(sql.encode()).hexdigest()
    con.execute("CREATE TABLE IF NOT EXISTS schema_views (hash VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
    if scalar(con, "SELECT count(*) FROM schema_views WHERE hash = ?", [digest]):
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(sql)
        con.execute("DELETE FROM schema_views")
        con.execute("INSERT INTO schema_views VALUES (?, ?)", [digest, datetime.now(timezone.utc)])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return True


PUBLISH_LAG_SECONDS = 900


def _stamp(path: Path) -> tuple[int, int] | None:
    """(size, modification time) of the file: DuckDB leaves both alone when nothing was written."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_size, stat.st_mtime_ns


class Warehouse:
    """The warehouse file plus its lock and published copy."""

    def __init__(self, path: Path, published_path: Path | None = None, lock_path: Path | None = None,
                 lock_timeout: float = 900.0) -> None:
        self.path = Path(path)
        self.published_path = Path(published_path) if published_path else None
        self.lock_path = Path(lock_path) if lock_path else self.path.with_suffix(".lock")
        self.lock_timeout = lock_timeout

    @classmethod
    def from_settings(cls, settings) -> "Warehouse":  # noqa: ANN001 - avoids an import cycle
        return cls(settings.warehouse_path, settings.published_path, settings.lock_path)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+") as handle:
            deadline = time.monotonic() + self.lock_timeout
            announced = False
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not announced:
                        log.info("waiting for another spacemine writer to finish (%s)", self.lock_path)
                        announced = True
                    if time.monotonic() > deadline:
                        raise WarehouseError(
                            f"another writer has held {self.lock_path} for over {self.lock_timeout:.0f}s"
                        ) from None
                    time.sleep(0.2)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    @contextmanager
    def write(self, publish: bool | Callable[[], bool] = True,
              transactional: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside one transaction; committed, checkpointed and published on exit.

        ``publish`` may be a function asked after the body, still under the lock: a step that
        only bumped bookkeeping (a source checked, nothing new) can skip copying the warehouse.
        ``transactional=False`` gives an autocommit connection, for steps that must record
        each outside effect (a Slack post) the moment it happens.
        """
        with self._lock(), _full_disk_named(self.path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            before = _stamp(self.path)
            con = self._connect_for_writing()
            try:
                apply_migrations(con)
                if transactional:
                    con.execute("BEGIN TRANSACTION")
                    try:
                        yield con
                        con.execute("COMMIT")
                    except BaseException:
                        try:
                            con.execute("ROLLBACK")
                        except duckdb.Error:  # the instance is gone (a FATAL error): nothing to undo
                            pass
                        raise
                else:
                    yield con
                con.execute("CHECKPOINT")
            finally:
                con.close()
            wanted = publish() if callable(publish) else publish
            if wanted and (_stamp(self.path) != before or self._published_behind()):
                self.publish()

    def _connect_for_writing(self) -> duckdb.DuckDBPyConnection:
        """Open the file for writing, waiting while another process holds it open.

        Analysts should read the published copy, but one may open the warehouse file itself
        (a DuckDB shell, a notebook): DuckDB then refuses a writer ("Could not set lock on
        file ... Conflicting lock is held ..."). The run waits for that session to close, up to
        ``lock_timeout``, saying once who it is waiting for, instead of failing the step.
        """
        deadline = time.monotonic() + self.lock_timeout
        announced = False
        while True:
            try:
                return duckdb.connect(str(self.path))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise WarehouseError(f"cannot open {self.path} for writing: {exc}") from exc
                if time.monotonic() > deadline:
                    raise WarehouseError(
                        f"another process has held {self.path} open for over {self.lock_timeout:.0f}s; "
                        f"analysts should query {self.published_path or 'the published copy'} instead ({exc})"
                    ) from exc
                if not announced:
                    log.warning("waiting for another process to close %s (%s)", self.path,
                                str(exc).splitlines()[0][:300])
                    announced = True
                time.sleep(0.25)
            except duckdb.Error as exc:
                raise WarehouseError(f"cannot open {self.path} for writing: {exc}") from exc

    def _published_behind(self) -> bool:
        """The analysts' copy is missing, or behind the warehouse for longer than
        ``PUBLISH_LAG_SECONDS`` (bookkeeping a step chose not to publish, or a run killed between
        its commit and its copy): then even a step that changed nothing publishes."""
        if self.published_path is None:
            return False
        try:
            copy = self.published_path.stat()
        except FileNotFoundError:
            return True
        return _stamp(self.path) != (copy.st_size, copy.st_mtime_ns) and \
            time.time() - copy.st_ctime > PUBLISH_LAG_SECONDS

    def publish(self) -> Path | None:
        """Copy the checkpointed warehouse to the analysts' path with an atomic rename.

        The copy takes the source's modification time; a step that changed nothing (DuckDB does
        not touch the file for read-only work) leaves both equal and is not copied again, so a
        run with nothing new does not copy a large warehouse once per step.
        """
        if self.published_path is None or not self.path.exists():
            return None
        source = self.path.stat()
        try:
            copy = self.published_path.stat()
            if (copy.st_size, copy.st_mtime_ns) == (source.st_size, source.st_mtime_ns):
                return self.published_path
        except FileNotFoundError:
            pass
        self.published_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.published_path.with_name(f".{self.published_path.name}.{os.getpid()}.tmp")
        try:
            shutil.copyfile(self.path, temporary)
            os.utime(temporary, ns=(source.st_atime_ns, source.st_mtime_ns))
            os.replace(temporary, self.published_path)
        finally:
            temporary.unlink(missing_ok=True)
        return self.published_path

    def read(self, external_access: bool = True) -> duckdb.DuckDBPyConnection:
        """A read-only connection to the published copy (what analysts and the CLI see).

        ``external_access=False`` also forbids reading or writing other files (``COPY ... TO``,
        ``read_csv``): what `spacemine query` promises is that it changes nothing anywhere.
        """
        target = self.published_path or self.path
        if not target.exists():
            if self.path.exists():
                with self._lock():
                    self.publish()
            else:
                raise WarehouseMissing(
                    f"no warehouse at {self.path} yet: run `spacemine run` or `make demo` first"
                )
        config = {} if external_access else {"enable_external_access": False}
        return duckdb.connect(str(target), read_only=True, config=config)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None):  # noqa: ANN201
    """The single value of a one-row query.

    DuckDB 2 refuses new work on a connection whose last result was not read to the end, and
    ``fetchone()`` does not read to the end; this does.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None
