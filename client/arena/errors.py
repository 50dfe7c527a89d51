"""The arena program's error codes, by name, as in programs/arena/src/errors.rs.

Members carry the IDL's names so that ``ProgramError.name`` and ``ArenaErrorCode(code).name``
agree; a unit test checks this enum against the IDL. Compare a ``ProgramError.code`` with a
member: ``error.code == ArenaErrorCode.BettingClosed``.
"""

from __future__ import annotations

import enum


class ArenaErrorCode(enum.IntEnum):
    FeeTooHigh = 6000
    Paused = 6001
    OutcomeCount = 6002
    TitleLength = 6003
    CategoryLength = 6004
    OutcomeLabelLength = 6005
    CloseTimeInPast = 6006
    OutcomeMintAccounts = 6007
    OutcomeMintAddress = 6008
    Overflow = 6009
    ZeroAmount = 6010
    InvalidOutcome = 6011
    BettingClosed = 6012
    ArenaNotOpen = 6013
    NotResolver = 6014
    TooEarlyToResolve = 6015
    ArenaNotSettled = 6016
    AlreadyClaimed = 6017
    NothingToClaim = 6018
    OutcomeTokenAccounts = 6019
    RedeemAmounts = 6020
    NothingToRedeem = 6021
    NotAdmin = 6022
