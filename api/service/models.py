"""What the API answers, as pydantic models: the REST responses and OpenAPI schemas, and
(through strawberry's pydantic integration) the GraphQL types.

Amounts are u64 base units of an arena's collateral. JSON numbers lose precision above
2^53 in JavaScript, and GraphQL's Int is 32 bits, so every amount is a decimal string.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Amount = Annotated[
    str,
    Field(
        description="base units of the arena's collateral, a decimal string (u64)",
        examples=["1500000"],
    ),
]
Address = Annotated[str, Field(description="a base58 public key")]


class ArenaStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    VOIDED = "voided"


class ArenaSort(StrEnum):
    VOLUME = "volume"
    NEWEST = "newest"
    CLOSING_SOON = "closing_soon"


class LeaderboardWindow(StrEnum):
    DAY = "24h"
    WEEK = "7d"
    MONTH = "30d"
    ALL = "all"


class LeaderboardRanking(StrEnum):
    PNL = "pnl"
    VOLUME = "volume"


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Outcome(Model):
    index: int
    label: str
    mint: Address
    pot: Amount
    bettor_count: int
    probability: float | None = Field(
        description="the outcome's share of the total pot; null while nothing is staked"
    )
    payout_multiple: float | None = Field(
        description="what one unit staked on it returns if it wins with the pots as they are "
        "(after fees); null while nothing is staked on it"
    )


class ArenaSummary(Model):
    address: Address
    arena_id: int
    title: str
    category: str
    status: ArenaStatus
    outcome_count: int
    winning_outcome: int | None
    creator: Address
    resolver: Address
    collateral_mint: Address
    creator_fee_bps: int
    protocol_fee_bps: int
    close_time: datetime
    created_time: datetime
    resolved_time: datetime | None
    total_pot: Amount
    pot_unclaimed: Amount
    payout_pool: Amount
    set_collateral: Amount
    protocol_fee: Amount
    creator_fee: Amount
    volume: Amount = Field(description="collateral that came in: bets plus complete sets split")
    bet_count: int
    bettor_count: int
    updated_slot: int


class Arena(ArenaSummary):
    outcomes: list[Outcome]


T = TypeVar("T")


class Page(Model, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="pass as `cursor` for the next page; null on the last page"
    )


class Participant(Model):
    wallet: Address
    stakes: list[Amount] = Field(description="per outcome")
    total_staked: Amount
    claimed: bool
    claimed_amount: Amount


class Activity(Model):
    signature: str
    ix_index: int
    event_index: int
    slot: int
    block_time: datetime | None
    program: str
    name: str = Field(description="the event, e.g. BetPlaced")
    arena: Address | None
    data: dict[str, Any] = Field(description="the event's fields; amounts as integers")


class Position(Model):
    arena: Address
    arena_title: str
    arena_status: ArenaStatus
    winning_outcome: int | None
    stakes: list[Amount]
    total_staked: Amount
    claimed: bool
    claimed_amount: Amount
    claimable: Amount = Field(
        description="what `claim` pays now: winnings or refund once settled, 0 while open "
        "or once claimed"
    )
    sets_split: Amount
    sets_merged: Amount
    redeemed: Amount


class Portfolio(Model):
    wallet: Address
    staked: Amount = Field(description="all stakes ever placed")
    open_stake: Amount = Field(description="stakes in arenas not settled yet")
    claimable: Amount
    claimed: Amount
    realized_pnl: str = Field(
        description="winnings minus stakes over settled arenas (signed decimal string)"
    )
    wins: int
    losses: int
    win_rate: float | None = Field(description="wins / (wins + losses); null before any")
    bet_count: int
    arenas_entered: int
    arenas_created: int


class LeaderboardEntry(Model):
    rank: int
    wallet: Address
    realized_pnl: str
    volume: Amount
    wins: int
    losses: int


class CollateralStats(Model):
    collateral_mint: Address
    tvl: Amount = Field(description="held in arena vaults: unclaimed pots and set collateral")
    volume_24h: Amount
    volume_total: Amount
    fees: Amount = Field(description="protocol and creator fees taken at resolution")


class PlatformStats(Model):
    arenas_open: int
    arenas_resolved: int
    arenas_voided: int
    active_wallets_24h: int
    events_total: int
    by_collateral: list[CollateralStats]


class UnsignedTransaction(Model):
    transaction: str = Field(description="the unsigned transaction, base64 (wire format)")
    blockhash: str = Field(description="its recent blockhash")
    last_valid_block_height: int
    fee_payer: Address
    arena: Address | None = Field(description="the arena it acts on (or creates)")
