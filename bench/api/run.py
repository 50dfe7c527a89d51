"""The indexer and API benchmark: end-to-end latency beside a polling baseline, the
indexer's ingest rate under a burst, REST and GraphQL reads beside the framework's
ceilings, and concurrent GraphQL subscribers. See bench/README.md.

    .venv/bin/python bench/api/run.py [--quick] [--out bench/results]

Needs the release build of betfun-localnet and of the bench crate's http-load and
ws-subscribers (``make build``). Writes api.json and api.md into --out.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import chain
import ingest
import latency
import reads
import report
import subscribers
from stack import running_stack

REPO = Path(__file__).resolve().parents[2]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    parser.add_argument("--latency-samples", type=int, default=200)
    parser.add_argument("--burst", type=int, default=10_000, help="transactions in the burst")
    parser.add_argument("--rest-rate", type=float, default=1000.0)
    parser.add_argument("--graphql-rate", type=float, default=100.0)
    parser.add_argument("--saturation-seconds", type=float, default=6.0)
    parser.add_argument("--open-seconds", type=float, default=10.0)
    parser.add_argument(
        "--subscribers",
        type=lambda s: [int(n) for n in s.split(",")],
        default=[500, 1000, 2000, 4000],
    )
    parser.add_argument("--bet-rate", type=float, default=3.0, help="bets/s during subscribers")
    parser.add_argument("--bet-seconds", type=float, default=10.0)
    parser.add_argument("--bettors", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the benchmark")
    parser.add_argument("--only", default="latency,ingest,reads,subscribers")
    args = parser.parse_args()
    if args.quick:
        args.latency_samples, args.burst = 20, 500
        args.saturation_seconds, args.open_seconds = 2.0, 3.0
        args.subscribers, args.bet_seconds = [100, 300], 3.0
    return args


async def main() -> int:
    args = parse_args()
    only = set(args.only.split(","))
    machine = report.describe_machine()
    print(f"machine: {machine['cpu']}, {machine['cores']} cores, load {machine['load_average']}")
    results: dict[str, object] = {}
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="betfun-api-bench-") as tmp:
        root = Path(tmp)
        async with running_stack(root) as stack:
            print(f"stack: localnet {stack.rpc_url}, logs in {root}", flush=True)
            async with chain.world(stack.rpc_url, args.bettors) as world:
                stack.start_indexer()
                stack.start_api()
                print(f"arena {world.address}; API {stack.api_url}", flush=True)
                if "latency" in only:
                    print(f"latency: {args.latency_samples} bets, one at a time", flush=True)
                    results["latency"] = await latency.measure(
                        world, stack.database_url, stack.api_ws_url, args.latency_samples
                    )
                if "ingest" in only:
                    print(f"ingest: a burst of {args.burst} bets", flush=True)
                    results["ingest"] = await ingest.measure(
                        world, stack.rpc_url, stack.database_url, args.burst, root
                    )
                if "reads" in only:
                    print("reads: ceilings, then the API", flush=True)
                    results["reads"] = await reads.measure(
                        stack,
                        world.address,
                        root,
                        args.rest_rate,
                        args.graphql_rate,
                        args.saturation_seconds,
                        args.open_seconds,
                    )
                if "subscribers" in only:
                    print(f"subscribers: {args.subscribers}", flush=True)
                    results["subscribers"] = await subscribers.measure(
                        stack, world, args.subscribers, args.bet_rate, args.bet_seconds, root
                    )
                stack.check_alive()
    config = {k: v for k, v in vars(args).items() if k != "out"}
    config["out"] = str(args.out)
    config["seconds"] = round(time.monotonic() - began, 1)
    written = report.write(args.out, machine, config, results)
    print(f"wrote {', '.join(str(p) for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
