"""The ``betfun arena`` commands as a user types them, each a real process on a real localnet.

One lifecycle: the admin initializes the config and mints test USDC for everyone; a creator
opens an arena; three wallets bet, one splits and merges complete sets; the clock passes the
close; the creator resolves; winners claim and redeem. Every ``--json`` figure is checked to
the base unit; failures must be one clean line on stderr and a non-zero status.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from solders.keypair import Keypair

from betfun.client.keypair import write_keypair

from conftest import Localnet, set_clock

pytestmark = pytest.mark.integration

BETFUN = Path(sys.executable).with_name("betfun")
USDC = 1_000_000


@dataclass
class User:
    """Somebody at a terminal with their own keypair file."""

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
        """Run ``betfun ... --json``; its parsed output (the command must succeed)."""
        done = self.run(*args, "--json")
        assert done.returncode == 0, f"{self.name}: betfun {' '.join(args)}: {done.stderr}"
        return json.loads(done.stdout)

    def fails(self, *args: str, status: int = 1) -> str:
        """Run a command that must fail cleanly; its one-line error."""
        done = self.run(*args)
        assert done.returncode == status, (done.returncode, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        lines = done.stderr.strip().splitlines()
        assert lines, "no error message"
        return lines[-1]


def user(name: str, net: Localnet, tmp_path: Path, keypair: Keypair | None = None) -> User:
    keypair = keypair or Keypair()
    path = tmp_path / f"{name}.json"
    write_keypair(path, keypair)
    return User(name, keypair, path, net.rpc_url)


def test_an_arena_lifecycle_through_the_cli(module_localnet: Localnet, tmp_path: Path) -> None:
    # The localnet funds its identity keypair: that wallet is the admin here.
    admin_keypair = Keypair.from_json(module_localnet.keypair_path.read_text())
    admin = User("admin", admin_keypair, module_localnet.keypair_path, module_localnet.rpc_url)
    creator, alice, bob, carol = (
        user(name, module_localnet, tmp_path) for name in ("creator", "alice", "bob", "carol")
    )
    treasury = Keypair().pubkey()

    # Before the config exists, creating an arena says what to do.
    assert "init-config" in admin.fails(
        "arena", "create", "--title", "x", "--outcome", "a", "--outcome", "b",
        "--closes", "+1h", "--collateral", str(treasury),
    )  # fmt: skip

    config = admin.json("arena", "init-config", "--fee-bps", "200", "--treasury", str(treasury))
    assert config["config"]["admin"] == admin.address
    assert config["config"]["treasury"] == str(treasury)
    assert config["config"]["protocol_fee_bps"] == 200

    # Test USDC: a new mint whose authority is the admin, then some for every wallet.
    minted = admin.json("arena", "faucet", "--amount", "1000")
    mint = minted["mint"]
    assert (minted["decimals"], minted["balance"]) == (6, 1000 * USDC)
    for wallet in (creator, alice, bob, carol):
        funded = admin.json(
            "arena", "faucet", "--mint", mint, "--to", wallet.address, "--amount", "500",
            "--sol", "2",
        )  # fmt: skip
        assert (funded["owner"], funded["balance"]) == (wallet.address, 500 * USDC)

    created = creator.json(
        "arena", "create", "--title", "Derby day", "--category", "sports",
        "--outcome", "Red", "--outcome", "Blue", "--closes", "+10m",
        "--collateral", mint, "--creator-fee-bps", "100",
    )  # fmt: skip
    arena = created["arena"]
    arena_id = str(arena["id"])
    assert arena["status"] == "open"
    assert [o["label"] for o in arena["outcomes"]] == ["Red", "Blue"]
    assert (arena["creator"], arena["resolver"]) == (creator.address, creator.address)
    assert (arena["creator_fee_bps"], arena["protocol_fee_bps"]) == (100, 200)

    # Bets by label (any case) or index, in whole units with decimals.
    bet = alice.json("arena", "bet", arena_id, "red", "100.5")
    assert (bet["outcome"], bet["amount"], bet["position_stake"]) == (0, 100_500_000, 100_500_000)
    bob.json("arena", "bet", arena_id, "0", "50")
    bet = carol.json("arena", "bet", arena_id, "Blue", "25.25")
    red, blue = 150_500_000, 25_250_000
    assert (bet["outcome_pot"], bet["total_pot"]) == (blue, red + blue)

    split = alice.json("arena", "split", arena_id, "10")
    assert split["outcome_tokens"] == [10 * USDC, 10 * USDC]
    merged = alice.json("arena", "merge", arena_id, "4")
    assert (merged["outcome_tokens"], merged["set_collateral"]) == ([6 * USDC, 6 * USDC], 6 * USDC)

    shown = alice.json("arena", "show", arena_id)
    assert [o["pot"] for o in shown["outcomes"]] == [red, blue]
    assert shown["position"]["stakes"] == [100_500_000, 0]
    assert shown["position"]["outcome_tokens"] == [6 * USDC, 6 * USDC]
    listed = carol.json("arena", "list", "--status", "open")
    assert [a["id"] for a in listed["arenas"]] == [arena["id"]]
    table = carol.run("arena", "list")
    assert table.returncode == 0
    assert "Derby day" in table.stdout

    # Bad input: one clean line each, nothing sent.
    assert alice.fails("arena", "bet", arena_id, "Red", "abc") == (
        "betfun: error: not an amount: 'abc' (write whole units, e.g. 10 or 2.5)"
    )
    assert "more than 6 decimal places" in alice.fails("arena", "bet", arena_id, "Red", "0.0000001")
    assert "has no outcome 'Green'" in alice.fails("arena", "bet", arena_id, "Green", "1")
    assert alice.fails("arena", "show", "4242") == "betfun: error: no arena 4242"
    assert "not an arena id or address" in alice.fails("arena", "show", "nope!", status=2)
    assert "cannot reach the RPC node" in alice.fails(
        "arena", "list", "--url", "http://127.0.0.1:9"
    )
    assert "insufficient funds" in carol.fails("arena", "bet", arena_id, "Blue", "10000")
    assert "The arena cannot be resolved before its close time" in creator.fails(
        "arena", "resolve", arena_id, "Red"
    )

    asyncio.run(set_clock(module_localnet.rpc_url, arena["close_ts"]))
    assert carol.fails("arena", "bet", arena_id, "Blue", "1") == (
        "betfun: error: Betting on this arena has closed (BettingClosed, error 6012)"
    )

    resolved = creator.json("arena", "resolve", arena_id, "Red")
    total = red + blue
    protocol_fee, creator_fee = total * 200 // 10_000, total * 100 // 10_000
    pool = total - protocol_fee - creator_fee
    assert (resolved["protocol_fee"], resolved["creator_fee"]) == (protocol_fee, creator_fee)
    assert (resolved["winning_pot"], resolved["payout_pool"]) == (red, pool)

    alice_owed = 100_500_000 * pool // red
    claimed = alice.json("arena", "claim", arena_id)
    assert (claimed["amount"], claimed["refund"]) == (alice_owed, False)
    # 500, less the bet, less the 6 sets still held, plus the winnings.
    assert claimed["balance"] == 500 * USDC - 100_500_000 - 6 * USDC + alice_owed
    redeemed = alice.json("arena", "redeem", arena_id)
    assert (redeemed["amounts"], redeemed["payout"]) == ([6 * USDC, 6 * USDC], 6 * USDC)

    claimed = bob.json("arena", "claim", arena_id)
    assert claimed["amount"] == 50 * USDC * pool // red
    assert "This position has nothing to claim" in carol.fails("arena", "claim", arena_id)
    assert "already been claimed" in alice.fails("arena", "claim", arena_id)

    positions = alice.json("arena", "positions")
    assert positions["positions"] == [
        {
            "arena": arena["id"],
            "address": positions["positions"][0]["address"],
            "stakes": [100_500_000, 0],
            "total_staked": 100_500_000,
            "claimed": True,
            "claimable": 0,
        }
    ]
    shown = creator.json("arena", "show", arena_id)
    assert (shown["status"], shown["winning_outcome"]) == ("resolved", 0)

    # A voided arena refunds the stake.
    created = creator.json(
        "arena", "create", "--title", "Rain tomorrow?", "--outcome", "Yes", "--outcome", "No",
        "--closes", "+1d", "--collateral", mint,
    )  # fmt: skip
    second = str(created["arena"]["id"])
    bob.json("arena", "bet", second, "No", "7.5")
    voided = creator.json("arena", "void", second)
    assert voided["total_pot"] == 7_500_000
    refund = bob.json("arena", "claim", second)
    assert (refund["amount"], refund["refund"]) == (7_500_000, True)
