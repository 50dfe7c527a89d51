"""REST and GraphQL reads: for each endpoint its saturation throughput (closed loops at a
few concurrencies, the best of them) and its latency at a fixed offered rate (open loop),
each beside the framework's ceilings measured in the same run: a bare FastAPI JSON
endpoint and a trivial strawberry query, served the same way (ceilings.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loadgen import http_load
from stack import Stack, ceiling_app

SATURATION_CONNECTIONS = (16, 64)
OPEN_LOOP_CONNECTIONS = 64
ARENA_QUERY = """query ($a: String!) {
  arena(address: $a) { title status totalPot betCount outcomes { index label pot probability } }
}"""


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    path: str
    body: str | None
    kind: str  # "rest" or "graphql": which offered rate applies, which ceiling it sits beside
    ceiling: bool = False


@dataclass
class ReadResult:
    endpoint: Endpoint
    saturation: dict[str, Any]  # the best closed loop
    closed_loops: list[dict[str, Any]]
    open_loop: dict[str, Any]


async def measure_endpoint(
    base_url: str,
    endpoint: Endpoint,
    rate: float,
    saturation_s: float,
    open_s: float,
) -> ReadResult:
    reject = '"errors"' if endpoint.kind == "graphql" else None
    closed = []
    for connections in SATURATION_CONNECTIONS:
        closed.append(
            await http_load(
                base_url,
                endpoint.path,
                body=endpoint.body,
                connections=connections,
                duration_s=saturation_s,
                warmup_s=1.0,
                reject=reject,
            )
        )
    best = max(closed, key=lambda r: r["throughput"])
    open_loop = await http_load(
        base_url,
        endpoint.path,
        body=endpoint.body,
        rate=rate,
        connections=OPEN_LOOP_CONNECTIONS,
        duration_s=open_s,
        warmup_s=2.0,
        reject=reject,
    )
    return ReadResult(endpoint, best, closed, open_loop)


def endpoints(arena: str) -> tuple[list[Endpoint], list[Endpoint]]:
    """(the ceilings, the API's endpoints)."""
    hello = json.dumps({"query": "{ hello }"})
    ceilings = [
        Endpoint("bare_fastapi", "bare FastAPI JSON endpoint", "/ping", None, "rest", True),
        Endpoint(
            "trivial_strawberry", "trivial strawberry query", "/graphql", hello, "graphql", True
        ),
    ]
    arena_query = json.dumps({"query": ARENA_QUERY, "variables": {"a": arena}})
    api = [
        Endpoint(
            "rest_arena_cached",
            "REST GET /v1/arenas/{address} (cached)",
            f"/v1/arenas/{arena}",
            None,
            "rest",
        ),
        Endpoint("rest_arenas_list", "REST GET /v1/arenas (database)", "/v1/arenas", None, "rest"),
        Endpoint(
            "graphql_arena", "GraphQL arena(address) query", "/graphql", arena_query, "graphql"
        ),
    ]
    return ceilings, api


async def measure(
    stack: Stack,
    arena: str,
    root: Path,
    rest_rate: float,
    graphql_rate: float,
    saturation_s: float,
    open_s: float,
) -> list[ReadResult]:
    ceilings, api = endpoints(arena)
    results = []
    for endpoint in ceilings:
        app = "bare" if endpoint.kind == "rest" else "strawberry"
        with ceiling_app(app, root) as (_, url):
            rate = rest_rate if endpoint.kind == "rest" else graphql_rate
            results.append(await measure_endpoint(url, endpoint, rate, saturation_s, open_s))
    for endpoint in api:
        stack.check_alive()
        rate = rest_rate if endpoint.kind == "rest" else graphql_rate
        results.append(await measure_endpoint(stack.api_url, endpoint, rate, saturation_s, open_s))
    return results
