"""``betfun indexer`` and ``betfun reconcile``: parsers and runners that client/cli.py
dispatches to."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys

import asyncpg
import httpx

from betfun.client.cli_output import CliError, write
from betfun.indexer import service
from betfun.indexer.config import IndexerConfig
from betfun.indexer.reconcile import reconcile
from betfun.indexer.snapshot import SnapshotError
from betfun.indexer.source.rpc import JsonRpc, RpcError
from betfun.indexer.store.database import AlreadyIndexedError, AnotherIndexerError, Store

COMMANDS = ("indexer", "reconcile")
_ENVIRONMENT = (
    "environment: BETFUN_RPC_URL, BETFUN_WS_URL, DATABASE_URL (required), "
    "REDIS_URL (default redis://127.0.0.1:6379/0)"
)


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    indexer = commands.add_parser(
        "indexer",
        help="follow the programs into PostgreSQL and Redis",
        description="Follow the BetFun programs over PubSub (backfilling over JSON-RPC) into "
        "PostgreSQL, publishing every change on Redis. Runs until Ctrl-C.",
        epilog=_ENVIRONMENT,
    )
    indexer.add_argument(
        "--snapshot",
        action="store_true",
        help="start an empty database from the programs' accounts (getProgramAccounts) "
        "instead of their whole history, for a node that does not serve it all",
    )
    parser = commands.add_parser(
        "reconcile",
        help="compare the accounts on chain with the indexer's database",
        description="Compare every arena program account on chain with the database "
        "(config, arenas' statuses and pots, positions); exit 1 listing the differences.",
        epilog=_ENVIRONMENT,
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    config = IndexerConfig.from_env()
    try:
        if args.command == "indexer":
            logging.basicConfig(
                level=logging.INFO,
                stream=sys.stderr,
                format="%(asctime)s %(levelname)s %(name)s: %(message)s",
            )
            # One line per RPC request is noise; failures reach the follower's log.
            logging.getLogger("httpx").setLevel(logging.WARNING)
            asyncio.run(service.run(config, snapshot=args.snapshot))
            return 0
        return asyncio.run(_reconcile(config, as_json=args.json))
    except (AnotherIndexerError, AlreadyIndexedError, SnapshotError) as exc:
        raise CliError(str(exc)) from exc
    except (OSError, asyncpg.PostgresError) as exc:
        raise CliError(f"cannot use the database at DATABASE_URL: {exc}") from exc


async def _reconcile(config: IndexerConfig, *, as_json: bool) -> int:
    store = await Store.open(config.database_url, writer=False, max_size=1)
    rpc = JsonRpc(config.rpc_url)
    try:
        report = await reconcile(rpc, store.pool)
    except (httpx.HTTPError, RpcError) as exc:
        raise CliError(f"cannot read the chain at {config.rpc_url}: {exc}") from exc
    finally:
        await rpc.aclose()
        await store.close()
    if as_json:
        write(
            json.dumps(
                {
                    "slot": report.slot,
                    "arenas": report.arenas,
                    "positions": report.positions,
                    "differences": report.differences,
                }
            )
        )
    elif report.differences:
        write("\n".join(report.differences))
    else:
        write(
            f"the database matches the chain at slot {report.slot}: "
            f"{report.arenas} arenas, {report.positions} positions"
        )
    return 1 if report.differences else 0
