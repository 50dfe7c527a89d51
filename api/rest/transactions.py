"""POST /v1/tx/<action>: an unsigned transaction for ``wallet`` to sign and send. The
wallet is the fee payer and the one signer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from solders.pubkey import Pubkey

from betfun.api.rest.dependencies import BackendsDep
from betfun.api.service.models import UnsignedTransaction
from betfun.api.service.values import U64_MAX

router = APIRouter(prefix="/v1/tx", tags=["transactions"])

# The program's limits (programs/arena/src/constants.rs).
MIN_OUTCOMES, MAX_OUTCOMES = 2, 8
MAX_TITLE_LEN, MAX_CATEGORY_LEN, MAX_LABEL_LEN = 128, 32, 48
MAX_FEE_BPS = 1_000


def _pubkey(text: str) -> str:
    try:
        Pubkey.from_string(text)
    except ValueError:
        raise ValueError("not a base58 public key") from None
    return text


PubkeyText = Annotated[
    str, Field(max_length=44, description="a base58 public key"), AfterValidator(_pubkey)
]
BaseUnits = Annotated[
    int, Field(gt=0, le=U64_MAX, description="base units of collateral (u64), > 0")
]
OutcomeIndex = Annotated[int, Field(ge=0, lt=MAX_OUTCOMES)]


def _utf8_at_most(limit: int) -> AfterValidator:
    def check(text: str) -> str:
        if not text.strip():
            raise ValueError("must not be blank")
        if len(text.encode()) > limit:
            raise ValueError(f"must be at most {limit} bytes of UTF-8")
        return text

    return AfterValidator(check)


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")
    wallet: PubkeyText = Field(description="signs and pays the fees")


class ArenaRequest(Request):
    arena: PubkeyText


class CreateArena(Request):
    title: Annotated[str, _utf8_at_most(MAX_TITLE_LEN)]
    category: Annotated[str, _utf8_at_most(MAX_CATEGORY_LEN)] = "general"
    outcomes: Annotated[
        list[Annotated[str, _utf8_at_most(MAX_LABEL_LEN)]],
        Field(min_length=MIN_OUTCOMES, max_length=MAX_OUTCOMES),
    ]
    close_time: datetime = Field(description="when betting closes (ISO 8601 with a zone)")
    collateral_mint: PubkeyText
    creator_fee_bps: Annotated[int, Field(ge=0, le=MAX_FEE_BPS)] = 0
    resolver: PubkeyText | None = Field(default=None, description="default: the wallet")

    @field_validator("close_time")
    @classmethod
    def _future(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("give a time zone (e.g. 2026-12-01T18:00:00Z)")
        if value <= datetime.now(UTC):
            raise ValueError("must be in the future")
        return value


class PlaceBet(ArenaRequest):
    outcome: OutcomeIndex
    amount: BaseUnits


class SetAmount(ArenaRequest):
    amount: BaseUnits = Field(description="complete sets, in base units of collateral")


class Resolve(ArenaRequest):
    winning_outcome: OutcomeIndex


class Redeem(ArenaRequest):
    amounts: Annotated[
        list[Annotated[int, Field(ge=0, le=U64_MAX)]],
        Field(min_length=MIN_OUTCOMES, max_length=MAX_OUTCOMES),
    ] = Field(description="tokens to burn, one amount per outcome")


def _key(text: str | None) -> Pubkey:
    assert text is not None
    return Pubkey.from_string(text)


@router.post("/create-arena", response_model=UnsignedTransaction)
async def create_arena(backends: BackendsDep, body: CreateArena) -> UnsignedTransaction:
    return await backends.transactions.create_arena(
        _key(body.wallet),
        title=body.title,
        category=body.category,
        outcomes=body.outcomes,
        close_time=body.close_time,
        collateral_mint=_key(body.collateral_mint),
        creator_fee_bps=body.creator_fee_bps,
        resolver=None if body.resolver is None else _key(body.resolver),
    )


@router.post("/bet", response_model=UnsignedTransaction)
async def place_bet(backends: BackendsDep, body: PlaceBet) -> UnsignedTransaction:
    return await backends.transactions.place_bet(
        _key(body.wallet), _key(body.arena), body.outcome, body.amount
    )


@router.post("/split", response_model=UnsignedTransaction)
async def split(backends: BackendsDep, body: SetAmount) -> UnsignedTransaction:
    return await backends.transactions.split(_key(body.wallet), _key(body.arena), body.amount)


@router.post("/merge", response_model=UnsignedTransaction)
async def merge(backends: BackendsDep, body: SetAmount) -> UnsignedTransaction:
    return await backends.transactions.merge(_key(body.wallet), _key(body.arena), body.amount)


@router.post("/resolve", response_model=UnsignedTransaction)
async def resolve(backends: BackendsDep, body: Resolve) -> UnsignedTransaction:
    return await backends.transactions.resolve(
        _key(body.wallet), _key(body.arena), body.winning_outcome
    )


@router.post("/void", response_model=UnsignedTransaction)
async def void(backends: BackendsDep, body: ArenaRequest) -> UnsignedTransaction:
    return await backends.transactions.void(_key(body.wallet), _key(body.arena))


@router.post("/claim", response_model=UnsignedTransaction)
async def claim(backends: BackendsDep, body: ArenaRequest) -> UnsignedTransaction:
    return await backends.transactions.claim(_key(body.wallet), _key(body.arena))


@router.post("/redeem", response_model=UnsignedTransaction)
async def redeem(backends: BackendsDep, body: Redeem) -> UnsignedTransaction:
    return await backends.transactions.redeem(_key(body.wallet), _key(body.arena), body.amounts)
