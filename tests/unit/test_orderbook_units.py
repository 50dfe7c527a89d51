"""The order book SDK's pure parts: decimal prices and sizes to ticks and lots (exact, never
rounded), the enums and error codes against the IDL, instruction data for every order type."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from betfun.client.orderbook import (
    MarketUnits,
    OrderbookErrorCode,
    OrderParams,
    OrderType,
    SelfTradeBehavior,
    Side,
    UnitError,
)
from betfun.client.orderbook.kinds import RemoveReason
from betfun.client.orderbook.program import coder, encode_instruction

IDL = json.loads((Path(__file__).resolve().parents[2] / "idl" / "orderbook.json").read_text())

# 6-decimal shares and collateral; a lot is 0.01 share, a tick 0.01 collateral per share.
UNITS = MarketUnits(tick_size=100, lot_size=10_000, base_decimals=6, quote_decimals=6)


def test_prices_convert_exactly_between_ticks_and_collateral_per_share() -> None:
    assert UNITS.max_price_ticks == 100
    assert UNITS.tick_price() == Decimal("0.01")
    assert UNITS.price_to_ticks("0.37") == 37
    assert UNITS.ticks_to_price(37) == Decimal("0.37")
    assert UNITS.ticks_to_price(50) == Decimal("0.5")
    with pytest.raises(UnitError, match="whole number of ticks"):
        UNITS.price_to_ticks("0.375")
    for outside in ("0", "1", "1.5"):
        with pytest.raises(UnitError, match="strictly between 0 and 1"):
            UNITS.price_to_ticks(outside)


def test_sizes_convert_exactly_between_lots_and_shares() -> None:
    assert UNITS.shares_to_lots("2.5") == 250
    assert UNITS.lots_to_shares(250) == Decimal("2.5")
    assert UNITS.lots_to_shares(100) == Decimal("1")
    assert UNITS.lots_to_shares(1000) == Decimal("10")
    with pytest.raises(UnitError, match="whole number of lots"):
        UNITS.shares_to_lots("0.001")
    with pytest.raises(UnitError, match="positive"):
        UNITS.shares_to_lots("0")


def test_amounts_are_the_programs() -> None:
    # programs/orderbook/src/math.rs, amounts_are_exact: 3 lots at 37 ticks.
    assert UNITS.quote_amount(3, 37) == 11_100
    assert UNITS.base_amount(3) == 30_000


def test_the_error_codes_are_the_idls() -> None:
    assert {e["name"]: e["code"] for e in IDL["errors"]} == {
        code.name: code.value for code in OrderbookErrorCode
    }


@pytest.mark.parametrize("kind", [Side, OrderType, SelfTradeBehavior, RemoveReason])
def test_the_enums_are_the_idls_variants_in_order(
    kind: type[Side | OrderType | SelfTradeBehavior | RemoveReason],
) -> None:
    (typedef,) = [t for t in IDL["types"] if t["name"] == kind.__name__]
    assert [v["name"] for v in typedef["type"]["variants"]] == [m.variant for m in kind]
    for member in kind:
        assert kind.of(member.encoded()) is member
        assert kind.from_label(member.label) is member


@pytest.mark.parametrize("order_type", list(OrderType))
def test_every_order_type_encodes_and_decodes(order_type: OrderType) -> None:
    order = OrderParams(
        side=Side.ASK,
        price=37,
        lots=5,
        order_type=order_type,
        client_order_id=9,
        expiry_ts=None,
        self_trade=SelfTradeBehavior.DECREMENT_TAKE,
        match_limit=4,
    )
    decoded = coder().instruction.parse(
        encode_instruction("place_order", {"args": order.encoded()})
    )
    args = decoded.data.args
    assert OrderType.of(args.order_type) is order_type
    assert Side.of(args.side) is Side.ASK
    assert SelfTradeBehavior.of(args.self_trade) is SelfTradeBehavior.DECREMENT_TAKE
    assert (args.price, args.lots, args.client_order_id, args.expiry_ts, args.match_limit) == (
        37,
        5,
        9,
        0,
        4,
    )
