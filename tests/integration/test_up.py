"""``betfun up`` as a user runs it: the whole stack from an empty state directory.

The stack comes up on free ports and prints its URLs; an arena created through the CLI shows
in the API within a second of the CLI returning; Ctrl-C (SIGINT) stops every part and frees
every port; a second ``up`` on the same state directory still serves the arena.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from solders.keypair import Keypair

from betfun.client.keypair import write_keypair
from betfun.client.stack import free_port_pair, pid_alive, port_in_use

pytestmark = pytest.mark.integration

# The first start runs initdb and migrations; later ones resume.
READY_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0
READY_LINE = "The stack is up"


@dataclass
class Up:
    """A ``betfun up`` process and what it printed."""

    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None
    children: set[int] = field(default_factory=set)

    def output(self) -> str:
        return "\n".join(self.lines)

    def printed(self, prefix: str) -> str:
        """The rest of the first line printed that starts with ``prefix``."""
        for line in self.lines:
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
        raise AssertionError(f"`betfun up` printed no {prefix!r} line:\n{self.output()}")

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not any(line.startswith(READY_LINE) for line in self.lines):
            if self.process.poll() is not None:
                pytest.fail(f"`betfun up` exited with {self.process.returncode}:\n{self.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"`betfun up` was not ready in {READY_TIMEOUT_S} s:\n{self.output()}")
            time.sleep(0.1)

    def record_children(self) -> None:
        """Every process started under ``up`` (its session's children and theirs)."""
        self.children |= descendants(self.process.pid)

    def stop(self) -> int:
        """Ctrl-C; the exit status (SIGKILL if it does not stop in time)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.reader is not None:
            self.reader.join(5)
        return self.process.returncode


def descendants(pid: int) -> set[int]:
    """The processes below ``pid``, from /proc (children in other sessions included)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rpartition(")")[2].split()
            parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def start_up(state_dir: Path, rpc_port: int, api_port: int, env: dict[str, str]) -> Up:
    argv = [sys.executable, "-m", "betfun.client", "up", "--state-dir", str(state_dir)]
    argv += ["--rpc-port", str(rpc_port), "--api-port", str(api_port)]
    process = subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    up = Up(process)
    assert process.stdout is not None
    stdout = process.stdout

    def drain() -> None:
        for line in stdout:
            up.lines.append(line.rstrip("\n"))

    up.reader = threading.Thread(target=drain, name="betfun-up", daemon=True)
    up.reader.start()
    return up


def cli(env: dict[str, str], *args: str) -> Any:
    """``betfun ARGS --json`` (it must succeed); its parsed output."""
    done = subprocess.run(
        [sys.executable, "-m", "betfun.client", *args, "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"betfun {' '.join(args)}: {done.stderr}"
    return json.loads(done.stdout)


def arena_addresses(api_url: str) -> set[str]:
    response = httpx.get(f"{api_url}/arenas", timeout=5)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "next_cursor" in body, body
    return {item["address"] for item in body["items"]}


def test_up_serves_the_stack_and_stops_cleanly(tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    keypair_path = tmp_path / "id.json"
    write_keypair(keypair_path, Keypair())
    rpc_port = free_port_pair()
    api_port = free_port_pair()
    while api_port in (rpc_port - 1, rpc_port, rpc_port + 1):
        api_port = free_port_pair()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["BETFUN_KEYPAIR"] = str(keypair_path)

    up = start_up(state_dir, rpc_port, api_port, env)
    try:
        up.wait_ready()
        rpc_url = up.printed("RPC URL:")
        api_url = up.printed("API URL:")
        assert rpc_url == f"http://127.0.0.1:{rpc_port}"
        assert up.printed("WebSocket URL:") == f"ws://127.0.0.1:{rpc_port + 1}"
        assert api_url == f"http://127.0.0.1:{api_port}/v1"
        assert up.printed("GraphQL URL:") == f"http://127.0.0.1:{api_port}/graphql"
        assert up.printed("DATABASE_URL:").startswith("postgresql://")
        assert up.printed("REDIS_URL:")
        assert httpx.get(f"http://127.0.0.1:{api_port}/health", timeout=5).status_code == 200
        for part in ("localnet", "postgres", "redis", "indexer", "api"):
            assert (state_dir / "logs" / f"{part}.log").exists(), part
        up.record_children()

        # The keypair the localnet funded at start is the admin and the creator.
        user_env = {**env, "BETFUN_RPC_URL": rpc_url}
        cli(user_env, "arena", "init-config", "--fee-bps", "200")
        mint = cli(user_env, "arena", "faucet", "--amount", "100")["mint"]
        created = cli(
            user_env,
            "arena",
            "create",
            "--title",
            "Does the stack come up?",
            "--outcome",
            "Yes",
            "--outcome",
            "No",
            "--closes",
            "+1h",
            "--collateral",
            mint,
        )
        returned = time.monotonic()
        address = created["arena"]["address"]
        while address not in arena_addresses(api_url):
            elapsed = time.monotonic() - returned
            assert elapsed < 1.0, f"the arena was not in GET /v1/arenas within 1 s:\n{up.output()}"
            time.sleep(0.02)
        up.record_children()
    finally:
        status = up.stop()

    assert status == 0, up.output()
    assert up.children, "no child processes were seen"
    assert not [pid for pid in up.children if pid_alive(pid)], up.output()
    for port in (rpc_port, rpc_port + 1, api_port):
        assert not port_in_use("127.0.0.1", port), f"port {port} is still in use"
    assert not (state_dir / "postgres" / "postmaster.pid").exists()

    # The next `up` resumes: the ledger and the database kept the arena.
    again = start_up(state_dir, rpc_port, api_port, env)
    try:
        again.wait_ready()
        assert address in arena_addresses(again.printed("API URL:"))
        again.record_children()
    finally:
        status = again.stop()
    assert status == 0, again.output()
    assert not [pid for pid in again.children if pid_alive(pid)], again.output()
