"""A typed, immutable view of the pool program's ``Pool`` account.

Per-outcome tuples are trimmed to the pool's outcomes (the program pads them to eight).
"""

from __future__ import annotations

from dataclasses import dataclass

from solders.pubkey import Pubkey

from betfun.client.arena.accounts import AccountDecodeError
from betfun.client.pool.program import coder


@dataclass(frozen=True, slots=True)
class PoolAccount:
    """The market maker of one arena, at PDA ["pool", arena]. Its LP supply is the LP
    mint's, read separately."""

    address: Pubkey
    arena: Pubkey
    creator: Pubkey
    collateral_mint: Pubkey
    lp_mint: Pubkey
    collateral: Pubkey
    fee_bps: int
    created_ts: int
    balances: tuple[int, ...]
    fees_collected: int
    volume: int
    vaults: tuple[Pubkey, ...]

    @property
    def outcome_count(self) -> int:
        return len(self.balances)

    @classmethod
    def decode(cls, address: Pubkey, data: bytes) -> PoolAccount:
        expected = coder().accounts.acc_name_to_discriminator["Pool"]
        if data[: len(expected)] != expected:
            raise AccountDecodeError("the account data is not a pool program Pool account")
        try:
            raw = coder().accounts.decode(data)
        except Exception as exc:  # construct raises many types; all mean "not this layout"
            raise AccountDecodeError(f"cannot decode a Pool account: {exc}") from exc
        count: int = raw.outcome_count
        return cls(
            address=address,
            arena=raw.arena,
            creator=raw.creator,
            collateral_mint=raw.collateral_mint,
            lp_mint=raw.lp_mint,
            collateral=raw.collateral,
            fee_bps=raw.fee_bps,
            created_ts=raw.created_ts,
            balances=tuple(raw.balances[:count]),
            fees_collected=raw.fees_collected,
            volume=raw.volume,
            vaults=tuple(raw.vaults[:count]),
        )
