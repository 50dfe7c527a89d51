"""Instructions of the order book program, built from decoded state: pure, no network.

Each builder returns the instruction list of one user action for a given wallet, ready for
:func:`betfun.client.transactions.unsigned_transaction` (a dApp's wallet signs) or for the
SDK's own signing. Actions that move tokens between the wallet and the vaults name the
wallet's associated token accounts, created first (idempotently, paid by the wallet) since
the program requires both to exist. Account order mirrors the program's accounts structs
(programs/orderbook/src/instructions/).
"""

from __future__ import annotations

from dataclasses import dataclass

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import CreateAccountParams, create_account
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import (
    create_idempotent_associated_token_account,
    get_associated_token_address,
)

from betfun.client.arena.accounts import ArenaAccount
from betfun.client.arena.pda import config_address
from betfun.client.orderbook.accounts import MarketAccount
from betfun.client.orderbook.kinds import OrderType, SelfTradeBehavior, Side
from betfun.client.orderbook.pda import (
    base_vault_address,
    market_authority_address,
    quote_vault_address,
)
from betfun.client.orderbook.program import MARKET_SPACE, PROGRAM_ID, encode_instruction


def _meta(pubkey: Pubkey, *, writable: bool = False, signer: bool = False) -> AccountMeta:
    return AccountMeta(pubkey, is_signer=signer, is_writable=writable)


def _instruction(name: str, args: dict[str, object], accounts: list[AccountMeta]) -> Instruction:
    return Instruction(PROGRAM_ID, encode_instruction(name, args), accounts)


@dataclass(frozen=True, slots=True)
class OrderParams:
    """One order: ``price`` in ticks (a Market order's worst-price bound), ``lots`` of size.

    ``expiry_ts`` (Unix time; Limit and PostOnly only) of None is good till cancelled;
    ``match_limit`` of 0 is the program's maximum of 16 fills.
    """

    side: Side
    price: int
    lots: int
    order_type: OrderType = OrderType.LIMIT
    client_order_id: int = 0
    expiry_ts: int | None = None
    self_trade: SelfTradeBehavior = SelfTradeBehavior.CANCEL_PROVIDE
    match_limit: int = 0

    def encoded(self) -> dict[str, object]:
        return {
            "side": self.side.encoded(),
            "order_type": self.order_type.encoded(),
            "price": self.price,
            "lots": self.lots,
            "client_order_id": self.client_order_id,
            "expiry_ts": self.expiry_ts or 0,
            "self_trade": self.self_trade.encoded(),
            "match_limit": self.match_limit,
        }


def _wallet_accounts(market: MarketAccount, owner: Pubkey) -> tuple[Pubkey, Pubkey]:
    return (
        get_associated_token_address(owner, market.base_mint),
        get_associated_token_address(owner, market.quote_mint),
    )


def _ensure_wallet_accounts(market: MarketAccount, owner: Pubkey) -> list[Instruction]:
    return [
        create_idempotent_associated_token_account(owner, owner, market.base_mint),
        create_idempotent_associated_token_account(owner, owner, market.quote_mint),
    ]


def create_market(
    arena: ArenaAccount,
    creator: Pubkey,
    market: Pubkey,
    *,
    outcome: int,
    tick_size: int,
    lot_size: int,
    maker_fee_bps: int,
    taker_fee_bps: int,
    rent_lamports: int,
) -> list[Instruction]:
    """The market's two steps in one transaction: the system program allocates the
    ``market`` account (a new keypair, which signs too) with ``rent_lamports`` for
    :data:`MARKET_SPACE` bytes, then ``create_market`` initializes it."""
    if not 0 <= outcome < arena.outcome_count:
        raise ValueError(
            f"outcome {outcome} is out of range: arena {arena.id} has outcomes "
            f"0..{arena.outcome_count - 1}"
        )
    allocate = create_account(
        CreateAccountParams(
            from_pubkey=creator,
            to_pubkey=market,
            lamports=rent_lamports,
            space=MARKET_SPACE,
            owner=PROGRAM_ID,
        )
    )
    args = {
        "outcome": outcome,
        "tick_size": tick_size,
        "lot_size": lot_size,
        "maker_fee_bps": maker_fee_bps,
        "taker_fee_bps": taker_fee_bps,
    }
    initialize = _instruction(
        "create_market",
        {"args": args},
        [
            _meta(creator, writable=True, signer=True),
            _meta(config_address()),
            _meta(arena.address),
            _meta(market, writable=True),
            _meta(market_authority_address(arena.address, outcome), writable=True),
            _meta(arena.outcome_mints[outcome]),
            _meta(arena.collateral_mint),
            _meta(base_vault_address(market), writable=True),
            _meta(quote_vault_address(market), writable=True),
            _meta(TOKEN_PROGRAM_ID),
            _meta(SYSTEM_PROGRAM_ID),
        ],
    )
    return [allocate, initialize]


def deposit(
    market: MarketAccount, owner: Pubkey, base_amount: int, quote_amount: int
) -> list[Instruction]:
    owner_base, owner_quote = _wallet_accounts(market, owner)
    return [
        *_ensure_wallet_accounts(market, owner),
        _instruction(
            "deposit",
            {"base_amount": base_amount, "quote_amount": quote_amount},
            [
                _meta(owner, signer=True),
                _meta(market.address, writable=True),
                _meta(market.base_vault, writable=True),
                _meta(market.quote_vault, writable=True),
                _meta(owner_base, writable=True),
                _meta(owner_quote, writable=True),
                _meta(TOKEN_PROGRAM_ID),
            ],
        ),
    ]


def withdraw(
    market: MarketAccount, owner: Pubkey, base_amount: int, quote_amount: int
) -> list[Instruction]:
    owner_base, owner_quote = _wallet_accounts(market, owner)
    return [
        *_ensure_wallet_accounts(market, owner),
        _instruction(
            "withdraw",
            {"base_amount": base_amount, "quote_amount": quote_amount},
            [
                _meta(owner, signer=True),
                _meta(market.address, writable=True),
                _meta(market.authority),
                _meta(market.base_vault, writable=True),
                _meta(market.quote_vault, writable=True),
                _meta(owner_base, writable=True),
                _meta(owner_quote, writable=True),
                _meta(TOKEN_PROGRAM_ID),
            ],
        ),
    ]


def place_order(market: MarketAccount, owner: Pubkey, order: OrderParams) -> list[Instruction]:
    """Locks what the order needs from the seat's free balance, then from the wallet."""
    owner_base, owner_quote = _wallet_accounts(market, owner)
    return [
        *_ensure_wallet_accounts(market, owner),
        _instruction(
            "place_order",
            {"args": order.encoded()},
            [
                _meta(owner, signer=True),
                _meta(market.address, writable=True),
                _meta(market.arena),
                _meta(market.base_vault, writable=True),
                _meta(market.quote_vault, writable=True),
                _meta(owner_base, writable=True),
                _meta(owner_quote, writable=True),
                _meta(TOKEN_PROGRAM_ID),
            ],
        ),
    ]


def _owner_market(owner: Pubkey, market: Pubkey) -> list[AccountMeta]:
    return [_meta(owner, signer=True), _meta(market, writable=True)]


def cancel_order(market: Pubkey, owner: Pubkey, order_id: int) -> list[Instruction]:
    return [_instruction("cancel_order", {"order_id": order_id}, _owner_market(owner, market))]


def cancel_order_by_client_id(
    market: Pubkey, owner: Pubkey, client_order_id: int
) -> list[Instruction]:
    return [
        _instruction(
            "cancel_order_by_client_id",
            {"client_order_id": client_order_id},
            _owner_market(owner, market),
        )
    ]


def cancel_all_orders(market: Pubkey, owner: Pubkey, limit: int = 0) -> list[Instruction]:
    """Cancels up to ``limit`` (0: the program's maximum of 32) of the owner's orders."""
    return [_instruction("cancel_all_orders", {"limit": limit}, _owner_market(owner, market))]


def prune_expired(market: Pubkey, limit: int = 0) -> list[Instruction]:
    return [_instruction("prune_expired", {"limit": limit}, [_meta(market, writable=True)])]


def sweep_fees(market: MarketAccount, payer: Pubkey, treasury: Pubkey) -> list[Instruction]:
    """Pays the accrued fees to the associated quote account of ``treasury`` (the arena
    config's), created first if missing (paid by ``payer``)."""
    treasury_quote = get_associated_token_address(treasury, market.quote_mint)
    return [
        create_idempotent_associated_token_account(payer, treasury, market.quote_mint),
        _instruction(
            "sweep_fees",
            {},
            [
                _meta(market.address, writable=True),
                _meta(market.authority),
                _meta(market.quote_vault, writable=True),
                _meta(config_address()),
                _meta(treasury_quote, writable=True),
                _meta(TOKEN_PROGRAM_ID),
            ],
        ),
    ]
