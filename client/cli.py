"""The ``betfun`` command line: a dispatcher.

``betfun localnet`` starts the local validator and ``betfun up`` the whole stack, supervised
(client/stack.py); ``betfun arena ...`` runs the arena program's
commands (client/cli_arena.py), ``betfun book ...`` the order book's
(client/cli_book.py) and ``betfun pool ...`` the pool's (client/cli_pool.py). Every expected
failure ends in one line on stderr and a non-zero status, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import httpx
from solana.exceptions import SolanaRpcException
from solana.rpc.core import RPCException

from betfun.api import cli as api_cli
from betfun.client import __version__, cli_arena, cli_book, cli_pool
from betfun.client.cli_output import CliError, to_json, write
from betfun.client.config import Config, ConfigError
from betfun.client.errors import BetfunError
from betfun.client.keypair import KeypairFileError, load_or_create_keypair
from betfun.indexer import cli as indexer_cli

PROG = "betfun"


@dataclass(frozen=True, slots=True)
class LocalnetOptions:
    rpc_port: int
    bind: str
    ledger: Path
    reset: bool
    slot_ms: int


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    # The PubSub server listens on the next port, as solana-test-validator's does.
    if not 1 <= port <= 65534:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65534, got {port}")
    return port


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {value}")
    return value


def _add_node_arguments(parser: argparse.ArgumentParser, listeners: str) -> None:
    """The localnet's options shared by ``localnet`` and ``up``."""
    parser.add_argument(
        "--rpc-port",
        type=_port,
        default=8899,
        metavar="PORT",
        help="the localnet's JSON-RPC port; PubSub listens on PORT+1 (default: %(default)s)",
    )
    parser.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDRESS",
        help=f"address {listeners} listen on (default: %(default)s)",
    )
    parser.add_argument(
        "--slot-ms",
        type=_positive_int,
        default=400,
        metavar="MS",
        help="slot duration in milliseconds (default: %(default)s)",
    )


def _add_localnet_arguments(parser: argparse.ArgumentParser) -> None:
    _add_node_arguments(parser, "the localnet's servers")
    parser.add_argument(
        "--ledger",
        type=Path,
        default=Path(".betfun/ledger"),
        metavar="DIR",
        help="where accounts and transaction history persist (default: %(default)s)",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="discard the ledger and start from genesis",
    )


def _add_up_arguments(parser: argparse.ArgumentParser) -> None:
    _add_node_arguments(parser, "the localnet and the API")
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=Path(".betfun"),
        metavar="DIR",
        help="ledger, database, logs (DIR/logs/<part>.log) (default: %(default)s)",
    )
    parser.add_argument(
        "--api-port",
        type=_port,
        default=8000,
        metavar="PORT",
        help="the API's port: REST /v1, /graphql, /docs, /health (default: %(default)s)",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="start from genesis: discard the ledger and the embedded database",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="also create a few arenas and run simulated wallets that bet on them",
    )


def run_up(config: Config, args: argparse.Namespace) -> int:
    """``betfun up``: the supervisor in client/stack.py, in the foreground."""
    from betfun.client import stack  # the supervisor's imports are for `up` alone

    _check_binary(config.localnet_bin)
    keypair, created = load_or_create_keypair(config.keypair_path)
    if created:
        print(
            f"{PROG}: created a new keypair {keypair.pubkey()} in {config.keypair_path} "
            "(Solana CLI format; set BETFUN_KEYPAIR to use another)",
            file=sys.stderr,
        )
    state_dir: Path = args.state_dir.expanduser().resolve()
    localnet = LocalnetOptions(
        rpc_port=args.rpc_port,
        bind=args.bind,
        ledger=state_dir / "ledger",
        reset=args.reset,
        slot_ms=args.slot_ms,
    )
    options = stack.StackOptions(
        state_dir=state_dir,
        rpc_port=args.rpc_port,
        api_port=args.api_port,
        bind=args.bind,
        slot_ms=args.slot_ms,
        reset=args.reset,
        demo=args.demo,
        database_url=os.environ.get("DATABASE_URL") or None,
        redis_url=os.environ.get("REDIS_URL") or None,
    )
    return stack.run_stack(config, options, localnet_command(config, localnet))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="BetFun Arena: Solana prediction markets.",
        epilog=(
            "environment: BETFUN_RPC_URL (default http://127.0.0.1:8899), "
            "BETFUN_KEYPAIR (default ~/.config/solana/id.json), "
            "BETFUN_LOCALNET_BIN, CARGO_TARGET_DIR (default ~/.cache/betfun/target)"
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    up = commands.add_parser(
        "up",
        help="run the whole stack in the foreground (localnet, PostgreSQL, Redis, indexer, API)",
        description="Run the BetFun stack in the foreground: the localnet, PostgreSQL (embedded "
        "unless DATABASE_URL is set), Redis (embedded unless REDIS_URL is set), the indexer and "
        "the API, each waited on until ready; then print their URLs. Ctrl-C stops everything. "
        "The ledger and the database persist in the state directory, so the next `up` resumes.",
        epilog="environment: DATABASE_URL, REDIS_URL (use these servers instead of embedded "
        "ones), BETFUN_KEYPAIR (funded by the localnet; the demo's admin), BETFUN_LOCALNET_BIN",
    )
    _add_up_arguments(up)

    localnet = commands.add_parser(
        "localnet",
        help="run the local Solana validator (JSON-RPC and PubSub)",
        description="Run betfun-localnet, a local Solana validator hosting the BetFun "
        "programs, in the foreground. Ctrl-C stops it.",
    )
    _add_localnet_arguments(localnet)
    cli_arena.add_arena_parser(commands)
    cli_book.add_book_parser(commands)
    cli_pool.add_pool_parser(commands)
    indexer_cli.add_parsers(commands)
    api_cli.add_parsers(commands)
    return parser


def localnet_command(config: Config, options: LocalnetOptions) -> list[str]:
    """The argument vector that starts the validator binary with ``options``."""
    argv = [
        str(config.localnet_bin),
        "--rpc-port",
        str(options.rpc_port),
        "--bind",
        options.bind,
        "--ledger",
        str(options.ledger),
        "--slot-ms",
        str(options.slot_ms),
        "--keypair",
        str(config.keypair_path),
    ]
    if options.reset:
        argv.append("--reset")
    return argv


def _check_binary(path: Path) -> None:
    if not path.is_file():
        if os.environ.get("BETFUN_LOCALNET_BIN"):
            raise CliError(f"BETFUN_LOCALNET_BIN points to {path}, which does not exist")
        raise CliError(
            f"the localnet binary is not built ({path} does not exist); "
            "run `make build` first (or set BETFUN_LOCALNET_BIN)"
        )
    if not os.access(path, os.X_OK):
        raise CliError(f"the localnet binary {path} is not executable")


def run_localnet(config: Config, options: LocalnetOptions) -> NoReturn:
    """Replace this process with the validator, so signals (Ctrl-C) reach it directly."""
    _check_binary(config.localnet_bin)
    keypair, created = load_or_create_keypair(config.keypair_path)
    if created:
        print(
            f"{PROG}: created a new keypair {keypair.pubkey()} in {config.keypair_path} "
            "(Solana CLI format; set BETFUN_KEYPAIR to use another)",
            file=sys.stderr,
        )
    argv = localnet_command(config, options)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execv(argv[0], argv)  # noqa: S606 (a fixed argument vector, no shell)
    except OSError as exc:
        raise CliError(f"cannot start {argv[0]}: {exc.strerror}") from exc


def _localnet_options(args: argparse.Namespace) -> LocalnetOptions:
    return LocalnetOptions(
        rpc_port=args.rpc_port,
        bind=args.bind,
        ledger=args.ledger,
        reset=args.reset,
        slot_ms=args.slot_ms,
    )


def run_arena(config: Config, args: argparse.Namespace) -> None:
    """Run one ``betfun arena``, ``book`` or ``pool`` command and print its result."""
    rpc_url = args.url or config.rpc_url
    wallet = cli_arena.wallet_for(args, args.keypair or config.keypair_path)
    program = {"book": cli_book, "pool": cli_pool}.get(args.command, cli_arena)
    try:
        output = asyncio.run(program.run(args, rpc_url, wallet))
    except (SolanaRpcException, httpx.HTTPError) as exc:
        cause = exc.__cause__ or exc
        raise CliError(f"cannot reach the RPC node at {rpc_url} ({cause})") from exc
    except RPCException as exc:
        raise CliError(f"the RPC node at {rpc_url} refused a request: {exc}") from exc
    write(to_json(output.data) if args.json else output.text)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = Config.from_env()
        if args.command == "up":
            return run_up(config, args)
        if args.command == "localnet":
            run_localnet(config, _localnet_options(args))
        if args.command in ("arena", "book", "pool"):
            run_arena(config, args)
            return 0
        if args.command in indexer_cli.COMMANDS:
            return indexer_cli.run(args)
        if args.command in api_cli.COMMANDS:
            return api_cli.run(args)
        raise CliError(f"unknown command {args.command!r}")  # unreachable with argparse
    except (CliError, ConfigError, KeypairFileError, BetfunError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
