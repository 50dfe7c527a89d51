"""``betfun api``: the parser and runner that client/cli.py dispatches to."""

from __future__ import annotations

import argparse
import gc

from betfun.api.config import DEFAULT_PORT, ApiConfig

COMMANDS = ("api",)
GC_THRESHOLDS = (20_000, 20, 50)
_ENVIRONMENT = (
    "environment: DATABASE_URL (required), REDIS_URL (default redis://127.0.0.1:6379/0), "
    "BETFUN_RPC_URL, BETFUN_API_CORS_ORIGINS (comma-separated, default *), "
    "BETFUN_API_RATE_LIMIT (requests/seconds per client, default 1200/60)"
)


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "api",
        help="serve REST (/v1) and GraphQL (/graphql) over the indexer's database",
        description="Serve the BetFun API: REST under /v1, GraphQL with subscriptions at "
        "/graphql, /health, /metrics and OpenAPI at /docs. Runs until Ctrl-C.",
        epilog=_ENVIRONMENT,
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port (default: %(default)s)"
    )


def run(args: argparse.Namespace) -> int:
    # Imported here: FastAPI and strawberry take a while to import, and the other
    # commands of the CLI do not need them.
    import uvicorn

    from betfun.api.app import create_app

    app = create_app(ApiConfig.from_env())
    # Subscribers hold many long-lived objects: full collections over them pause every
    # delivery. Startup's objects are moved out of the collector's sight, and collections
    # run less often.
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        loop="uvloop",
        http="httptools",
        ws="websockets-sansio",
        log_level="info",
        access_log=False,
    )
    return 0
