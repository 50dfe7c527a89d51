"""The ``betfun pool`` commands as a user types them, each a real process on a real localnet.

The three-outcome flow: a provider opens and funds a pool at 60/25/15, traders quote, buy
and sell, the provider withdraws with the fees. Every ``--json`` figure is checked to the
base unit against the SDK's math on the state the previous command left.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from fractions import Fraction
from math import prod
from pathlib import Path
from typing import Any

import pytest
from solders.keypair import Keypair

from betfun.client.amounts import format_amount
from betfun.client.keypair import write_keypair
from betfun.client.pool import math

from conftest import Localnet

pytestmark = pytest.mark.integration

BETFUN = Path(sys.executable).with_name("betfun")
USDC = 1_000_000
FEE_BPS = 150


@dataclass
class User:
    name: str
    keypair: Keypair
    keypair_path: Path
    rpc_url: str

    @property
    def address(self) -> str:
        return str(self.keypair.pubkey())

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "BETFUN_RPC_URL": self.rpc_url,
            "BETFUN_KEYPAIR": str(self.keypair_path),
        }
        return subprocess.run(
            [str(BETFUN), *args], env=env, capture_output=True, text=True, timeout=120
        )

    def json(self, *args: str) -> Any:
        done = self.run(*args, "--json")
        assert done.returncode == 0, f"{self.name}: betfun {' '.join(args)}: {done.stderr}"
        return json.loads(done.stdout)

    def fails(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 1, (done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        return done.stderr.strip().splitlines()[-1]


def balances(shown: dict[str, Any]) -> tuple[int, ...]:
    return tuple(o["balance"] for o in shown["outcomes"])


def test_a_three_outcome_pool_through_the_cli(module_localnet: Localnet, tmp_path: Path) -> None:
    admin_keypair = Keypair.from_json(module_localnet.keypair_path.read_text())
    admin = User("admin", admin_keypair, module_localnet.keypair_path, module_localnet.rpc_url)
    provider, alice, bob = (
        User(name, Keypair(), tmp_path / f"{name}.json", module_localnet.rpc_url)
        for name in ("provider", "alice", "bob")
    )
    for wallet in (provider, alice, bob):
        write_keypair(wallet.keypair_path, wallet.keypair)

    admin.json("arena", "init-config", "--fee-bps", "0")
    mint = admin.json("arena", "faucet", "--amount", "1")["mint"]
    for wallet in (provider, alice, bob):
        admin.json(
            "arena", "faucet", "--mint", mint, "--to", wallet.address, "--amount", "1000",
            "--sol", "2",
        )  # fmt: skip
    arena = provider.json(
        "arena", "create", "--title", "Final", "--outcome", "Home", "--outcome", "Draw",
        "--outcome", "Away", "--closes", "+1h", "--collateral", mint,
    )["arena"]  # fmt: skip
    arena_id = str(arena["id"])

    created = provider.json("pool", "create", arena_id, "--fee-bps", str(FEE_BPS))
    assert (created["pool"]["fee_bps"], created["pool"]["lp_supply"]) == (FEE_BPS, 0)

    added = provider.json("pool", "add", arena_id, "600", "--odds", "60,25,15")
    deposit = math.first_deposit((0, 0, 0), 600 * USDC, (60, 25, 15))
    assert (added["lp_minted"], added["added"], added["returned"]) == (
        deposit.lp_minted,
        list(deposit.added),
        list(deposit.returned),
    )
    shown = alice.json("pool", "show", arena_id)
    assert balances(shown) == deposit.balances
    assert [o["price"] for o in shown["outcomes"]] == list(math.prices(deposit.balances))
    assert [round(float(Fraction(o["probability"])), 3) for o in shown["outcomes"]] == [
        0.6,
        0.25,
        0.15,
    ]

    # A quote, then the buy it describes: the same figures.
    quoted = alice.json("pool", "quote", arena_id, "buy", "away", "40")
    trade = math.buy(deposit.balances, 2, 40 * USDC, FEE_BPS)
    assert (quoted["tokens_out"], quoted["fee"]) == (trade.tokens_out, trade.fee)
    bought = alice.json("pool", "buy", arena_id, "Away", "40")
    assert {key: bought[key] for key in quoted} == quoted
    assert bought["prices_after"] == list(math.prices(trade.balances))
    alice_tokens, fees = trade.tokens_out, trade.fee

    before = balances(bob.json("pool", "show", arena_id))
    bought = bob.json("pool", "buy", arena_id, "0", "90.5")
    trade = math.buy(before, 0, 90_500_000, FEE_BPS)
    assert (bought["tokens_out"], bought["balances_after"]) == (
        trade.tokens_out,
        list(trade.balances),
    )
    fees += trade.fee

    # Alice sells every token she bought for what they fetch; Bob sells for exactly 20.
    before = balances(alice.json("pool", "show", arena_id))
    sold = alice.json("pool", "sell", arena_id, "Away", format_amount(alice_tokens, 6), "--tokens")
    found = math.sell_tokens(before, 2, alice_tokens, FEE_BPS)
    assert found is not None
    collateral, sale = found
    assert (sold["collateral_out"], sold["tokens_in"], sold["fee"]) == (
        collateral,
        sale.tokens_in,
        sale.fee,
    )
    fees += sale.fee
    before = balances(bob.json("pool", "show", arena_id))
    sold = bob.json("pool", "sell", arena_id, "Home", "20")
    sale = math.sell(before, 0, 20 * USDC, FEE_BPS)
    assert (sold["collateral_out"], sold["tokens_in"], sold["prices_after"]) == (
        20 * USDC,
        sale.tokens_in,
        list(math.prices(sale.balances)),
    )
    fees += sale.fee

    # Mistakes are one clean line.
    assert "has no outcome 'Green'" in bob.fails("pool", "buy", arena_id, "Green", "1")
    assert "first deposit" in bob.fails("pool", "add", arena_id, "5", "--odds", "1,1,1")
    assert "InsufficientLiquidity" in bob.fails("pool", "quote", arena_id, "sell", "0", "5000")

    # The provider withdraws everything, fees included.
    shown = provider.json("pool", "show", arena_id)
    assert shown["fees_collected"] == fees
    lp = shown["lp_supply"]
    assert shown["position"]["lp"] == lp
    withdrawal = math.withdrawal(balances(shown), lp, lp)
    assert shown["position"]["amounts"] == list(withdrawal.amounts)
    removed = provider.json("pool", "remove", arena_id)
    assert (removed["lp_burned"], removed["amounts"], removed["lp_supply"]) == (
        lp,
        list(withdrawal.amounts),
        0,
    )
    assert prod(withdrawal.amounts) > prod(deposit.balances)
