"""The order book program's error codes, by name, as in programs/orderbook/src/errors.rs.

Members carry the IDL's names so that ``ProgramError.name`` and
``OrderbookErrorCode(code).name`` agree. Compare a ``ProgramError.code`` with a member:
``error.code == OrderbookErrorCode.TradingClosed`` (and check ``error.program_id``, since
the arena program's codes start at 6000 too).
"""

from __future__ import annotations

import enum


class OrderbookErrorCode(enum.IntEnum):
    InvalidMarketParams = 6000
    FeeTooHigh = 6001
    InvalidOutcome = 6002
    NotMarketCreator = 6003
    MarketAccountSize = 6004
    TradingClosed = 6005
    InvalidPrice = 6006
    ZeroSize = 6007
    ZeroAmount = 6008
    InvalidExpiry = 6009
    MatchLimitTooHigh = 6010
    CancelLimitTooHigh = 6011
    PostOnlyWouldTake = 6012
    FillOrKillNotFilled = 6013
    SelfTrade = 6014
    BookFull = 6015
    SeatsFull = 6016
    NoSeat = 6017
    OrderNotFound = 6018
    NotOrderOwner = 6019
    InsufficientFunds = 6020
    InsufficientFreeBalance = 6021
    NotTreasury = 6022
    NothingToSweep = 6023
    Overflow = 6024
