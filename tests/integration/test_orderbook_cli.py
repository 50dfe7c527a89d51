"""The ``betfun book`` commands as people type them, each a real process on a real localnet.

Two market makers quote, a taker crosses both sides, the arena resolves, trading stops and
everyone withdraws; every balance is checked to the base unit (the amounts are worked out in
tests/integration/test_orderbook_sdk.py, which runs the same trades through the SDK).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from solana.rpc.async_api import AsyncClient
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.instructions import get_associated_token_address
from test_arena_cli import USDC, User, user

from betfun.client.tokens import token_balances

from conftest import Localnet, set_clock

pytestmark = pytest.mark.integration


def wallet_tokens(rpc_url: str, owner: str, mints: list[str]) -> list[int]:
    accounts = [
        get_associated_token_address(Pubkey.from_string(owner), Pubkey.from_string(mint))
        for mint in mints
    ]

    async def read() -> list[int]:
        async with AsyncClient(rpc_url) as connection:
            return await token_balances(connection, accounts)

    return asyncio.run(read())


def test_two_makers_and_a_taker_through_the_cli(module_localnet: Localnet, tmp_path: Path) -> None:
    admin_keypair = Keypair.from_json(module_localnet.keypair_path.read_text())
    admin = User("admin", admin_keypair, module_localnet.keypair_path, module_localnet.rpc_url)
    alice, bob, taker = (
        user(name, module_localnet, tmp_path) for name in ("alice", "bob", "taker")
    )
    admin.json("arena", "init-config", "--fee-bps", "0")
    mint = admin.json("arena", "faucet", "--amount", "1")["mint"]
    for wallet in (alice, bob, taker):
        admin.json(
            "arena", "faucet", "--mint", mint, "--to", wallet.address, "--amount", "500",
            "--sol", "2",
        )  # fmt: skip
    arena = admin.json(
        "arena", "create", "--title", "Rain on Sunday?", "--outcome", "Yes", "--outcome", "No",
        "--closes", "+10m", "--collateral", mint,
    )["arena"]  # fmt: skip
    arena_id, yes = str(arena["id"]), arena["outcomes"][0]["mint"]
    for wallet in (alice, bob, taker):
        wallet.json("arena", "split", arena_id, "100")

    # Before the market exists, the error says so.
    assert "no market for outcome 0" in alice.fails("book", "show", arena_id, "yes")
    created = admin.json(
        "book", "create", arena_id, "Yes", "--maker-fee-bps", "20", "--taker-fee-bps", "50"
    )["market"]
    assert (created["tick_size"], created["lot_size"], created["tick"], created["lot"]) == (
        100,
        10_000,
        "0.01",
        "0.01",
    )

    deposited = bob.json("book", "deposit", arena_id, "yes", "--shares", "10", "--collateral", "50")
    assert (deposited["base_free"], deposited["quote_free"]) == (10 * USDC, 50 * USDC)
    bob.json("book", "place", arena_id, "yes", "bid", "0.42", "3")
    bob.json("book", "place", arena_id, "yes", "ask", "0.58", "4")
    alice.json("book", "place", arena_id, "yes", "bid", "0.40", "5", "--client-id", "7")
    alice_ask = alice.json("book", "place", arena_id, "yes", "ask", "0.6", "5")["order_id"]
    assert "not a whole number of ticks" in alice.fails(
        "book", "place", arena_id, "yes", "bid", "0.405", "1"
    )
    assert "would take liquidity" in alice.fails(
        "book", "place", arena_id, "yes", "bid", "0.58", "1", "--type", "post-only"
    )

    shown = taker.json("book", "show", arena_id, "yes")
    assert [(lv["price"], lv["shares"], lv["orders"]) for lv in shown["bids"]] == [
        ("0.42", "3", 1),
        ("0.40", "5", 1),
    ]
    assert [(lv["price"], lv["shares"], lv["orders"]) for lv in shown["asks"]] == [
        ("0.58", "4", 1),
        ("0.60", "5", 1),
    ]
    depth = taker.run("book", "show", arena_id, "yes")
    assert depth.returncode == 0, depth.stderr
    rows = depth.stdout.splitlines()
    header = next(row for row in rows if row.split() == ["side", "price", "shares", "orders"])
    assert [line.split() for line in rows[rows.index(header) + 1 : rows.index(header) + 6]] == [
        ["ask", "0.60", "5", "1"],
        ["ask", "0.58", "4", "1"],
        ["spread", "0.16"],
        ["bid", "0.42", "3", "1"],
        ["bid", "0.40", "5", "1"],
    ]

    bought = taker.json(
        "book", "place", arena_id, "yes", "bid", "0.60", "6", "--type", "immediate-or-cancel"
    )
    assert [
        (f["price_ticks"], f["lots"], f["taker_fee"], f["maker_fee"]) for f in bought["fills"]
    ] == [
        (58, 400, 11_600, 4_640),
        (60, 200, 6_000, 2_400),
    ]
    assert (bought["filled_lots"], bought["quote_deposited"]) == (600, 3_537_600)
    sold = taker.json("book", "place", arena_id, "yes", "ask", "0.41", "4", "--type", "market")
    assert [(f["price_ticks"], f["lots"], f["taker_fee"]) for f in sold["fills"]] == [
        (42, 300, 6_300)
    ]
    assert sold["filled_lots"] == 300

    mine = alice.json("book", "show", arena_id, "yes")
    assert mine["seat"] == {
        "owner": alice.address,
        "base_free": 0,
        "base_locked": 3 * USDC,
        "quote_free": 1_197_600,
        "quote_locked": 2_004_000,
        "open_orders": 2,
    }
    assert mine["fees_accrued"] == 33_460
    assert len(alice.json("book", "cancel", arena_id, "yes", "--client-id", "7")["cancelled"]) == 1

    asyncio.run(set_clock(module_localnet.rpc_url, arena["close_ts"]))
    admin.json("arena", "resolve", arena_id, "yes")
    assert "trading has stopped" in taker.fails("book", "place", arena_id, "yes", "bid", "0.5", "1")

    cancelled = alice.json("book", "cancel", arena_id, "yes", str(alice_ask))["cancelled"]
    assert cancelled == [{"order_id": alice_ask, "client_order_id": 0, "lots": 300}]
    for wallet in (alice, bob, taker):
        wallet.json("book", "withdraw", arena_id, "yes")
    assert "nothing free to withdraw" in alice.fails("book", "withdraw", arena_id, "yes")

    final = admin.json("book", "show", arena_id, "yes")
    assert (final["bids"], final["asks"], final["orders"]) == ([], [], [])
    rpc = module_localnet.rpc_url
    assert wallet_tokens(rpc, alice.address, [yes, mint]) == [98 * USDC, 400 * USDC + 1_197_600]
    assert wallet_tokens(rpc, bob.address, [yes, mint]) == [99 * USDC, 401_052_840]
    assert wallet_tokens(rpc, taker.address, [yes, mint]) == [103 * USDC, 397_716_100]
