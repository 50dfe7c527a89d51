"""Concurrent GraphQL subscribers on one API process (a fresh one for each N): N
graphql-transport-ws connections (ws-subscribers, Rust, one thread), each subscribed to the
same arena's updates, while bets land at a modest rate; delivery latency from each bet's
confirmation to its message at every subscriber, and the API process's memory (VmRSS). N
grows until the delivery p99 passes the bound."""

from __future__ import annotations

import asyncio
import contextlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from chain import Rpc, World
from latency import ARENA_SUBSCRIPTION
from loadgen import Subscribers
from stack import Stack, cpu_seconds, rss_kib
from stats import Summary, summarize

P99_BOUND_MS = 500.0
AFTER_LAST_BET_S = 3.0


@dataclass
class SubscriberStep:
    subscribers: int
    connected: int
    failed: int
    ended_early: int
    bets: int
    deliveries_expected: int
    delivery: Summary
    api_rss_idle_mib: float
    api_rss_subscribed_mib: float
    api_rss_peak_mib: float
    kib_per_subscriber: float
    api_cpu_share: float
    client_cpu_share: float
    subscribe_seconds: float
    first_failure: str | None

    @property
    def within_bound(self) -> bool:
        return self.failed == 0 and self.delivery.p99_ms < P99_BOUND_MS


async def subscriber_gauge(api_url: str) -> int:
    async with httpx.AsyncClient(timeout=30) as http:
        text = (await http.get(f"{api_url}/metrics")).text
    for line in text.splitlines():
        if line.startswith("betfun_api_subscribers "):
            return int(float(line.split()[1]))
    return -1


async def wait_gauge(api_url: str, condition: Any, timeout: float) -> int:
    async with asyncio.timeout(timeout):
        while not condition(count := await subscriber_gauge(api_url)):
            await asyncio.sleep(0.5)
    return count


async def step(
    stack: Stack, world: World, count: int, rate: float, seconds: float, root: Path
) -> SubscriberStep:
    await asyncio.to_thread(stack.restart_api)
    await asyncio.sleep(1.0)
    api_pid = stack.children["api"].pid
    idle = rss_kib(api_pid)
    client = Subscribers(
        stack.api_ws_url,
        count,
        ARENA_SUBSCRIPTION,
        {"a": world.address},
        root / f"subscribers-{count}.json",
    )
    loop = asyncio.get_running_loop()
    began = loop.time()
    try:
        connected, failed = await client.start()
        # The server registers a subscription when it has run the subscribe message.
        await wait_gauge(stack.api_url, lambda n: n >= connected, timeout=120)
        subscribed_in = loop.time() - began
        subscribed = rss_kib(api_pid)
        peak = subscribed
        rpc = Rpc(world.rpc_url)
        confirmed: dict[str, int] = {}
        api_cpu = cpu_seconds(api_pid)
        started = loop.time()
        try:
            blockhash = await rpc.blockhash()
            bets = max(1, round(rate * seconds))
            for i in range(bets):
                due = started + i / rate
                await asyncio.sleep(max(0.0, due - loop.time()))
                transaction, _ = world.bet(world.bettors[i % len(world.bettors)], blockhash)
                confirmed[str(transaction.signatures[0])] = await rpc.send(transaction)
                peak = max(peak, rss_kib(api_pid))
            settle = loop.time() + AFTER_LAST_BET_S
            while loop.time() < settle:
                peak = max(peak, rss_kib(api_pid))
                await asyncio.sleep(0.2)
        finally:
            await rpc.aclose()
        api_cpu_share = (cpu_seconds(api_pid) - api_cpu) / (loop.time() - started)
        record = await client.stop()
    finally:
        client.kill()
    # The connections are gone: wait until the API has let every subscription go.
    with contextlib.suppress(TimeoutError):
        await wait_gauge(stack.api_url, lambda n: n == 0, timeout=120)

    latencies: list[float] = []
    arrivals: dict[str, list[int]] = record["arrivals"]
    for signature, at in confirmed.items():
        latencies += [(t - at) / 1e6 for t in arrivals.get(signature, [])]
    expected = len(confirmed) * connected
    lost = expected - len(latencies)
    return SubscriberStep(
        subscribers=count,
        connected=connected,
        failed=failed,
        ended_early=record["ended"],
        bets=len(confirmed),
        deliveries_expected=expected,
        delivery=summarize(latencies, max(0, lost)),
        api_rss_idle_mib=idle / 1024,
        api_rss_subscribed_mib=subscribed / 1024,
        api_rss_peak_mib=peak / 1024,
        kib_per_subscriber=(subscribed - idle) / max(1, connected),
        api_cpu_share=api_cpu_share,
        client_cpu_share=record["client_cpu_s"] / record["seconds"]
        if record["seconds"]
        else math.nan,
        subscribe_seconds=subscribed_in,
        first_failure=record.get("first_failure") or record.get("first_end"),
    )


async def measure(
    stack: Stack, world: World, counts: list[int], rate: float, seconds: float, root: Path
) -> list[SubscriberStep]:
    steps = []
    for count in counts:
        stack.check_alive()
        result = await step(stack, world, count, rate, seconds, root)
        steps.append(result)
        print(
            f"  {count} subscribers: p50 {result.delivery.p50_ms:.0f} ms, "
            f"p99 {result.delivery.p99_ms:.0f} ms, lost {result.delivery.lost}, "
            f"API RSS {result.api_rss_peak_mib:.0f} MiB",
            flush=True,
        )
        if not result.within_bound:
            break
    return steps
