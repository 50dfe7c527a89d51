"""The pool program's error codes, by name, as in programs/pool/src/errors.rs.

Members carry the IDL's names (a unit test checks them against it). Compare a
``ProgramError.code`` with a member: ``error.code == PoolErrorCode.TokensOutBelowMinimum``.
"""

from __future__ import annotations

import enum


class PoolErrorCode(enum.IntEnum):
    FeeTooHigh = 6000
    ArenaNotOpen = 6001
    WrongArena = 6002
    WrongPoolAccount = 6003
    OutcomeAccounts = 6004
    WrongOutcomeAccount = 6005
    InvalidOutcome = 6006
    ZeroAmount = 6007
    Overflow = 6008
    EmptyPool = 6009
    InsufficientLiquidity = 6010
    AmountTooSmall = 6011
    InvalidOdds = 6012
    OddsAfterFirstDeposit = 6013
    InsufficientLp = 6014
    TokensOutBelowMinimum = 6015
    TokensInAboveMaximum = 6016
    LpOutBelowMinimum = 6017
    WithdrawalBelowMinimum = 6018
    MinimumAmounts = 6019
    InvariantViolated = 6020
    NotArenaCreator = 6021
