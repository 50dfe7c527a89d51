"""The chain side: an arena with funded bettors, and place_bet transactions signed here and
sent with a raw ``sendTransaction``. On the localnet a transaction is executed (and
confirmed) before ``sendTransaction`` answers, so the answer's arrival is its
confirmation time."""

from __future__ import annotations

import base64
import itertools
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from solders.hash import Hash
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.transaction import Transaction

from betfun.client.arena import ArenaClient
from betfun.client.arena import events as ev
from betfun.client.arena.accounts import ArenaAccount
from betfun.client.arena.instructions import place_bet
from betfun.client.faucet import airdrop_sol, create_test_mint, mint_test_tokens

LAMPORTS_PER_SOL = 1_000_000_000
BETTOR_COLLATERAL = 10**15


def now_ns() -> int:
    """Wall clock: the Rust clients time arrivals with it too."""
    return time.time_ns()


@dataclass
class World:
    rpc_url: str
    admin: ArenaClient
    arena: ArenaAccount
    bettors: list[Keypair]
    _amounts = itertools.count(1_000)

    @property
    def address(self) -> str:
        return str(self.arena.address)

    def bet(self, bettor: Keypair, blockhash: Hash) -> tuple[Transaction, int]:
        """A signed place_bet of a fresh amount (so that every signature differs), and the
        amount."""
        amount = next(self._amounts)
        instructions = place_bet(self.arena, bettor.pubkey(), amount % 2, amount)
        signed = Transaction.new_signed_with_payer(
            instructions, bettor.pubkey(), [bettor], blockhash
        )
        return signed, amount


def send_body(transaction: Transaction, request_id: int = 1) -> str:
    encoded = base64.b64encode(bytes(transaction)).decode()
    params = [encoded, {"encoding": "base64", "skipPreflight": True}]
    return json.dumps(
        {"jsonrpc": "2.0", "id": request_id, "method": "sendTransaction", "params": params}
    )


class Rpc:
    """Raw JSON-RPC over one keep-alive connection."""

    def __init__(self, url: str) -> None:
        self._http = httpx.AsyncClient(base_url=url, timeout=30)
        self._ids = itertools.count(1)

    async def call(self, method: str, params: object = None) -> object:
        body: dict[str, object] = {"jsonrpc": "2.0", "id": next(self._ids), "method": method}
        if params is not None:
            body["params"] = params
        reply = (await self._http.post("", json=body)).json()
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    async def blockhash(self) -> Hash:
        result = await self.call("getLatestBlockhash", [{"commitment": "confirmed"}])
        assert isinstance(result, dict)
        return Hash.from_string(result["value"]["blockhash"])

    async def send(self, transaction: Transaction) -> int:
        """Sends; the time its answer came (= its confirmation on the localnet), ns."""
        response = await self._http.post(
            "",
            content=send_body(transaction, next(self._ids)),
            headers={"content-type": "application/json"},
        )
        confirmed = now_ns()
        reply = response.json()
        if "error" in reply:
            raise RuntimeError(f"sendTransaction: {reply['error']}")
        return confirmed

    async def aclose(self) -> None:
        await self._http.aclose()


@asynccontextmanager
async def world(rpc_url: str, bettors: int) -> AsyncIterator[World]:
    """The arena config, a test USDC, one open arena (two outcomes, closing in a day) and
    ``bettors`` wallets with SOL and collateral."""
    admin = Keypair()
    async with ArenaClient.connect(rpc_url, admin) as client:
        await airdrop_sol(client.connection, admin.pubkey(), 1000 * LAMPORTS_PER_SOL)
        await client.initialize_config(200)
        usdc = await create_test_mint(client.connection, admin)
        now = await client.cluster_time()
        created = await client.create_arena(
            title="Benchmark: does the indexer keep up?",
            category="sports",
            outcomes=["Yes", "No"],
            close_ts=now + 86_400,
            collateral_mint=usdc,
            creator_fee_bps=100,
        )
        address: Pubkey = created.event(ev.ArenaCreated).arena
        wallets = []
        for _ in range(bettors):
            keypair = Keypair()
            await airdrop_sol(client.connection, keypair.pubkey(), 100 * LAMPORTS_PER_SOL)
            await mint_test_tokens(
                client.connection, admin, usdc, keypair.pubkey(), BETTOR_COLLATERAL
            )
            wallets.append(keypair)
        yield World(rpc_url, client, await client.arena(address), wallets)


async def total_pot(client: ArenaClient, address: str) -> int:
    arena = await client.arena(Pubkey.from_string(address))
    return int(arena.total_pot)
