"""The Rust load generators of the bench crate (bench/src/bin/http-load.rs and
ws-subscribers.rs), run as child processes: Python would be the bottleneck of its own
measurement at these rates."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

TARGET_DIR = Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache/betfun/target"))


def binary(name: str) -> Path:
    path = TARGET_DIR / "release" / name
    if not path.is_file():
        raise RuntimeError(f"{path} is missing: cargo build --release -p betfun-bench")
    return path


async def http_load(
    base_url: str,
    path: str,
    *,
    body: str | None = None,
    bodies: Path | None = None,
    rate: float | None = None,
    connections: int = 32,
    duration_s: float = 10.0,
    warmup_s: float = 2.0,
    reject: str | None = None,
) -> dict[str, Any]:
    """One run of http-load; its JSON outcome."""
    addr = urlsplit(base_url).netloc
    argv = [str(binary("http-load")), "--addr", addr, "--path", path]
    argv += ["--connections", str(connections)]
    argv += ["--duration", f"{int(duration_s * 1000)}ms", "--warmup", f"{int(warmup_s * 1000)}ms"]
    if body is not None:
        argv += ["--body", body]
    if bodies is not None:
        argv += ["--bodies", str(bodies)]
    if rate is not None:
        argv += ["--rate", str(rate)]
    if reject is not None:
        argv += ["--reject", reject]
    process = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"http-load failed ({process.returncode}): {err.decode()[-2000:]}")
    result: dict[str, Any] = json.loads(out)
    return result


class Subscribers:
    """ws-subscribers: N graphql-transport-ws connections, one subscription each."""

    def __init__(
        self, url: str, connections: int, query: str, variables: dict[str, Any], out: Path
    ) -> None:
        self.argv = [
            str(binary("ws-subscribers")),
            "--url",
            url,
            "--connections",
            str(connections),
            "--query",
            query,
            "--variables",
            json.dumps(variables),
            "--out",
            str(out),
        ]
        self.out = out
        self.process: asyncio.subprocess.Process | None = None
        self.pid = 0

    async def start(self, timeout: float = 600) -> tuple[int, int]:
        """Opens the connections; (connected, failed) once all are subscribed."""
        self.process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
        )
        self.pid = self.process.pid
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), timeout)
        words = line.decode().split()
        if not words or words[0] != "READY":
            raise RuntimeError(f"ws-subscribers: {line!r}")
        return int(words[1]), int(words[2])

    async def stop(self) -> dict[str, Any]:
        """Ends the run; the record of every message's arrival."""
        assert self.process is not None
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(b"stop\n")
        await self.process.stdin.drain()
        line = await asyncio.wait_for(self.process.stdout.readline(), 120)
        if line.strip() != b"DONE":
            raise RuntimeError(f"ws-subscribers: {line!r}")
        await asyncio.wait_for(self.process.wait(), 60)
        record: dict[str, Any] = json.loads(self.out.read_text())
        return record

    def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
