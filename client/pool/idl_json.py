# ruff: noqa: E501
"""The pool program's Anchor IDL: a copy of idl/pool.json, generated.

Do not edit: tests/unit/test_pool_idl_copy.py checks it and, run as a script,
rewrites it from idl/pool.json."""

IDL_JSON = r"""{
  "address": "3gdnwKLpYXm3fzjpsg7v7Xxzc7iVdUDyvNuPzriy3fvA",
  "metadata": {
    "name": "pool",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "BetFun Arena: a fixed-product market maker over an arena's outcome tokens"
  },
  "instructions": [
    {
      "name": "add_liquidity",
      "docs": [
        "Deposits `collateral` as complete sets for at least `min_lp_out` LP tokens; the first",
        "deposit may set the starting odds (one weight per outcome). Remaining accounts: per",
        "outcome its mint, the pool's vault and the provider's token account, in order."
      ],
      "discriminator": [
        181,
        157,
        89,
        67,
        143,
        182,
        52,
        72
      ],
      "accounts": [
        {
          "name": "provider",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                252,
                137,
                51,
                193,
                40,
                254,
                148,
                50,
                36,
                72,
                254,
                189,
                217,
                17,
                236,
                78,
                15,
                4,
                197,
                170,
                233,
                98,
                202,
                73,
                20,
                112,
                99,
                9,
                165,
                137,
                248,
                160
              ]
            }
          }
        },
        {
          "name": "arena",
          "writable": true,
          "relations": [
            "pool"
          ]
        },
        {
          "name": "arena_vault",
          "writable": true
        },
        {
          "name": "pool",
          "writable": true
        },
        {
          "name": "lp_mint",
          "writable": true
        },
        {
          "name": "pool_collateral",
          "writable": true
        },
        {
          "name": "provider_collateral",
          "writable": true
        },
        {
          "name": "provider_lp",
          "docs": [
            "Receives the LP tokens."
          ],
          "writable": true
        },
        {
          "name": "arena_program",
          "address": "Hzo5mGyyuNH9Yx9MxdAJEfRHAqNfHM9DMjH9yWTYbRsm"
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "collateral",
          "type": "u64"
        },
        {
          "name": "min_lp_out",
          "type": "u64"
        },
        {
          "name": "odds",
          "type": {
            "vec": "u64"
          }
        }
      ]
    },
    {
      "name": "buy",
      "docs": [
        "Buys at least `min_tokens_out` of `outcome` for `collateral_in`, fee included.",
        "Remaining accounts: per outcome its mint and the pool's vault, in order."
      ],
      "discriminator": [
        102,
        6,
        61,
        18,
        1,
        218,
        235,
        234
      ],
      "accounts": [
        {
          "name": "trader",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                252,
                137,
                51,
                193,
                40,
                254,
                148,
                50,
                36,
                72,
                254,
                189,
                217,
                17,
                236,
                78,
                15,
                4,
                197,
                170,
                233,
                98,
                202,
                73,
                20,
                112,
                99,
                9,
                165,
                137,
                248,
                160
              ]
            }
          }
        },
        {
          "name": "arena",
          "writable": true,
          "relations": [
            "pool"
          ]
        },
        {
          "name": "arena_vault",
          "writable": true
        },
        {
          "name": "pool",
          "writable": true
        },
        {
          "name": "pool_collateral",
          "writable": true
        },
        {
          "name": "trader_collateral",
          "writable": true
        },
        {
          "name": "trader_outcome",
          "docs": [
            "Receives the bought outcome tokens."
          ],
          "writable": true
        },
        {
          "name": "arena_program",
          "address": "Hzo5mGyyuNH9Yx9MxdAJEfRHAqNfHM9DMjH9yWTYbRsm"
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "outcome",
          "type": "u8"
        },
        {
          "name": "collateral_in",
          "type": "u64"
        },
        {
          "name": "min_tokens_out",
          "type": "u64"
        }
      ]
    },
    {
      "name": "create_pool",
      "docs": [
        "Opens the pool of an open arena with a trading fee of `fee_bps` (at most 1000).",
        "Remaining accounts: each outcome's mint and the pool's vault PDA of it, in order."
      ],
      "discriminator": [
        233,
        146,
        209,
        142,
        207,
        104,
        64,
        188
      ],
      "accounts": [
        {
          "name": "creator",
          "writable": true,
          "signer": true
        },
        {
          "name": "arena"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "arena"
              }
            ]
          }
        },
        {
          "name": "collateral_mint"
        },
        {
          "name": "lp_mint",
          "docs": [
            "the collateral's decimals."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  108,
                  112,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "pool_collateral",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  108,
                  108,
                  97,
                  116,
                  101,
                  114,
                  97,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        },
        {
          "name": "system_program",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": [
        {
          "name": "fee_bps",
          "type": "u16"
        }
      ]
    },
    {
      "name": "remove_liquidity",
      "docs": [
        "Burns `lp` LP tokens for a pro-rata share of every balance, fees included, with one",
        "minimum per outcome. Remaining accounts: per outcome the pool's vault and the",
        "provider's token account, in order."
      ],
      "discriminator": [
        80,
        85,
        209,
        72,
        24,
        206,
        177,
        108
      ],
      "accounts": [
        {
          "name": "provider",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true
        },
        {
          "name": "lp_mint",
          "writable": true
        },
        {
          "name": "provider_lp",
          "writable": true
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "lp",
          "type": "u64"
        },
        {
          "name": "min_amounts",
          "type": {
            "vec": "u64"
          }
        }
      ]
    },
    {
      "name": "sell",
      "docs": [
        "Sells at most `max_tokens_in` of `outcome` for exactly `collateral_out`, net of the fee.",
        "Remaining accounts: per outcome its mint and the pool's vault, in order."
      ],
      "discriminator": [
        51,
        230,
        133,
        164,
        1,
        127,
        131,
        173
      ],
      "accounts": [
        {
          "name": "trader",
          "signer": true
        },
        {
          "name": "arena",
          "writable": true,
          "relations": [
            "pool"
          ]
        },
        {
          "name": "arena_vault",
          "writable": true
        },
        {
          "name": "pool",
          "writable": true
        },
        {
          "name": "pool_collateral",
          "writable": true
        },
        {
          "name": "trader_collateral",
          "docs": [
            "Receives the collateral."
          ],
          "writable": true
        },
        {
          "name": "trader_outcome",
          "docs": [
            "Pays the outcome tokens."
          ],
          "writable": true
        },
        {
          "name": "arena_program",
          "address": "Hzo5mGyyuNH9Yx9MxdAJEfRHAqNfHM9DMjH9yWTYbRsm"
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "outcome",
          "type": "u8"
        },
        {
          "name": "collateral_out",
          "type": "u64"
        },
        {
          "name": "max_tokens_in",
          "type": "u64"
        }
      ]
    }
  ],
  "accounts": [
    {
      "name": "Arena",
      "discriminator": [
        243,
        215,
        44,
        44,
        231,
        211,
        232,
        168
      ]
    },
    {
      "name": "Config",
      "discriminator": [
        155,
        12,
        170,
        224,
        30,
        250,
        204,
        130
      ]
    },
    {
      "name": "Pool",
      "discriminator": [
        241,
        154,
        109,
        4,
        17,
        177,
        109,
        188
      ]
    }
  ],
  "events": [
    {
      "name": "LiquidityAdded",
      "discriminator": [
        154,
        26,
        221,
        108,
        238,
        64,
        217,
        161
      ]
    },
    {
      "name": "LiquidityRemoved",
      "discriminator": [
        225,
        105,
        216,
        39,
        124,
        116,
        169,
        189
      ]
    },
    {
      "name": "PoolCreated",
      "discriminator": [
        202,
        44,
        41,
        88,
        104,
        220,
        157,
        82
      ]
    },
    {
      "name": "SharesBought",
      "discriminator": [
        240,
        98,
        69,
        10,
        253,
        234,
        226,
        65
      ]
    },
    {
      "name": "SharesSold",
      "discriminator": [
        35,
        231,
        5,
        53,
        228,
        158,
        113,
        251
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "FeeTooHigh",
      "msg": "The fee exceeds the maximum of 1000 basis points"
    },
    {
      "code": 6001,
      "name": "ArenaNotOpen",
      "msg": "The arena is resolved or voided: trading and deposits have stopped"
    },
    {
      "code": 6002,
      "name": "WrongArena",
      "msg": "The pool belongs to another arena"
    },
    {
      "code": 6003,
      "name": "WrongPoolAccount",
      "msg": "An account is not the pool's (vault, collateral account or LP mint)"
    },
    {
      "code": 6004,
      "name": "OutcomeAccounts",
      "msg": "Pass each outcome's accounts in outcome order, as the instruction documents"
    },
    {
      "code": 6005,
      "name": "WrongOutcomeAccount",
      "msg": "The token account is not of the traded outcome's mint"
    },
    {
      "code": 6006,
      "name": "InvalidOutcome",
      "msg": "The outcome index is out of range for this pool"
    },
    {
      "code": 6007,
      "name": "ZeroAmount",
      "msg": "The amount must be greater than zero"
    },
    {
      "code": 6008,
      "name": "Overflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6009,
      "name": "EmptyPool",
      "msg": "The pool has no liquidity"
    },
    {
      "code": 6010,
      "name": "InsufficientLiquidity",
      "msg": "The pool does not hold enough liquidity for this trade"
    },
    {
      "code": 6011,
      "name": "AmountTooSmall",
      "msg": "The amount is too small to trade or mint anything"
    },
    {
      "code": 6012,
      "name": "InvalidOdds",
      "msg": "Starting odds need one positive weight per outcome, not too extreme for the deposit"
    },
    {
      "code": 6013,
      "name": "OddsAfterFirstDeposit",
      "msg": "Starting odds can only be set by the first deposit"
    },
    {
      "code": 6014,
      "name": "InsufficientLp",
      "msg": "More LP tokens than exist"
    },
    {
      "code": 6015,
      "name": "TokensOutBelowMinimum",
      "msg": "Slippage: the buy would pay fewer tokens than min_tokens_out"
    },
    {
      "code": 6016,
      "name": "TokensInAboveMaximum",
      "msg": "Slippage: the sale would take more tokens than max_tokens_in"
    },
    {
      "code": 6017,
      "name": "LpOutBelowMinimum",
      "msg": "Slippage: the deposit would mint fewer LP tokens than min_lp_out"
    },
    {
      "code": 6018,
      "name": "WithdrawalBelowMinimum",
      "msg": "Slippage: the withdrawal would pay less of an outcome than its minimum"
    },
    {
      "code": 6019,
      "name": "MinimumAmounts",
      "msg": "Give one minimum amount per outcome"
    },
    {
      "code": 6020,
      "name": "InvariantViolated",
      "msg": "The product of the balances would decrease"
    }
  ],
  "types": [
    {
      "name": "Arena",
      "docs": [
        "One prediction market, at PDA [\"arena\", id as u64 little-endian].",
        "",
        "The fixed-size fields come first so that clients can filter arenas by them with `memcmp`",
        "at fixed offsets (see [`Arena::STATUS_OFFSET`]); the strings follow."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "id",
            "type": "u64"
          },
          {
            "name": "creator",
            "type": "pubkey"
          },
          {
            "name": "resolver",
            "type": "pubkey"
          },
          {
            "name": "collateral_mint",
            "type": "pubkey"
          },
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "ArenaStatus"
              }
            }
          },
          {
            "name": "winning_outcome",
            "type": "u8"
          },
          {
            "name": "outcome_count",
            "type": "u8"
          },
          {
            "name": "creator_fee_bps",
            "type": "u16"
          },
          {
            "name": "protocol_fee_bps",
            "docs": [
              "The config's protocol fee when the arena was created: later changes don't apply."
            ],
            "type": "u16"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "vault_bump",
            "type": "u8"
          },
          {
            "name": "close_ts",
            "type": "i64"
          },
          {
            "name": "created_ts",
            "type": "i64"
          },
          {
            "name": "resolved_ts",
            "type": "i64"
          },
          {
            "name": "pots",
            "docs": [
              "Pari-mutuel stakes per outcome; entries past `outcome_count` stay zero."
            ],
            "type": {
              "array": [
                "u64",
                8
              ]
            }
          },
          {
            "name": "total_pot",
            "docs": [
              "Everything ever staked."
            ],
            "type": "u64"
          },
          {
            "name": "pot_unclaimed",
            "docs": [
              "What the pot still holds: stakes, less fees at resolution, less claims."
            ],
            "type": "u64"
          },
          {
            "name": "payout_pool",
            "docs": [
              "The pot net of fees, shared by the winners (fixed at resolution)."
            ],
            "type": "u64"
          },
          {
            "name": "set_collateral",
            "docs": [
              "Collateral backing the outcome tokens: one unit per complete set minted by `split`,",
              "less what `merge` and `redeem` paid back. The vault holds `pot_unclaimed + set_collateral`."
            ],
            "type": "u64"
          },
          {
            "name": "outcome_mints",
            "type": {
              "array": [
                "pubkey",
                8
              ]
            }
          },
          {
            "name": "title",
            "type": "string"
          },
          {
            "name": "category",
            "type": "string"
          },
          {
            "name": "outcomes",
            "type": {
              "vec": "string"
            }
          }
        ]
      }
    },
    {
      "name": "ArenaStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "Open"
          },
          {
            "name": "Resolved"
          },
          {
            "name": "Voided"
          }
        ]
      }
    },
    {
      "name": "Config",
      "docs": [
        "The platform's settings; one per program, at PDA [\"config\"]."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "docs": [
              "Token owner of the protocol fees: fees go to its associated token account."
            ],
            "type": "pubkey"
          },
          {
            "name": "protocol_fee_bps",
            "type": "u16"
          },
          {
            "name": "paused",
            "type": "bool"
          },
          {
            "name": "arena_count",
            "docs": [
              "Arenas created so far; the next arena's id."
            ],
            "type": "u64"
          },
          {
            "name": "bump",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "LiquidityAdded",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "provider",
            "type": "pubkey"
          },
          {
            "name": "collateral_in",
            "docs": [
              "Collateral deposited, all of it split into complete sets."
            ],
            "type": "u64"
          },
          {
            "name": "lp_minted",
            "type": "u64"
          },
          {
            "name": "added",
            "docs": [
              "Outcome tokens that stayed in the pool, per outcome."
            ],
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "returned",
            "docs": [
              "Outcome tokens sent back to the provider, per outcome (the deposit's surplus)."
            ],
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "balances",
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "lp_supply",
            "type": "u64"
          },
          {
            "name": "prices",
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "LiquidityRemoved",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "provider",
            "type": "pubkey"
          },
          {
            "name": "lp_burned",
            "type": "u64"
          },
          {
            "name": "amounts",
            "docs": [
              "Outcome tokens paid to the provider, per outcome: its share, fees included."
            ],
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "balances",
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "lp_supply",
            "type": "u64"
          },
          {
            "name": "prices",
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "Pool",
      "docs": [
        "The market maker of one arena, at PDA [\"pool\", arena].",
        "",
        "`balances` are the pool's books: each equals the amount in the matching vault, as only",
        "the pool's instructions move tokens out of its vaults. Tokens sent to a vault by anyone",
        "else are not counted (a donation cannot move prices). The LP supply is the LP mint's."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "creator",
            "type": "pubkey"
          },
          {
            "name": "collateral_mint",
            "type": "pubkey"
          },
          {
            "name": "lp_mint",
            "type": "pubkey"
          },
          {
            "name": "collateral",
            "docs": [
              "The pool's collateral token account: empty between instructions."
            ],
            "type": "pubkey"
          },
          {
            "name": "fee_bps",
            "type": "u16"
          },
          {
            "name": "outcome_count",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "lp_mint_bump",
            "type": "u8"
          },
          {
            "name": "collateral_bump",
            "type": "u8"
          },
          {
            "name": "vault_bumps",
            "type": {
              "array": [
                "u8",
                8
              ]
            }
          },
          {
            "name": "created_ts",
            "type": "i64"
          },
          {
            "name": "balances",
            "docs": [
              "Outcome tokens held, per outcome; entries past `outcome_count` stay zero."
            ],
            "type": {
              "array": [
                "u64",
                8
              ]
            }
          },
          {
            "name": "fees_collected",
            "docs": [
              "Every fee ever taken, in collateral: kept in the pool as complete sets."
            ],
            "type": "u64"
          },
          {
            "name": "volume",
            "docs": [
              "Collateral traded: what buyers paid plus what sellers received."
            ],
            "type": "u64"
          },
          {
            "name": "vaults",
            "type": {
              "array": [
                "pubkey",
                8
              ]
            }
          }
        ]
      }
    },
    {
      "name": "PoolCreated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "creator",
            "type": "pubkey"
          },
          {
            "name": "collateral_mint",
            "type": "pubkey"
          },
          {
            "name": "lp_mint",
            "type": "pubkey"
          },
          {
            "name": "collateral",
            "type": "pubkey"
          },
          {
            "name": "vaults",
            "type": {
              "vec": "pubkey"
            }
          },
          {
            "name": "fee_bps",
            "type": "u16"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "SharesBought",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "trader",
            "type": "pubkey"
          },
          {
            "name": "outcome",
            "type": "u8"
          },
          {
            "name": "collateral_in",
            "docs": [
              "Collateral paid by the trader, the fee included."
            ],
            "type": "u64"
          },
          {
            "name": "fee",
            "docs": [
              "The fee, kept by the pool as complete sets."
            ],
            "type": "u64"
          },
          {
            "name": "tokens_out",
            "type": "u64"
          },
          {
            "name": "balances",
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "prices",
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "SharesSold",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "trader",
            "type": "pubkey"
          },
          {
            "name": "outcome",
            "type": "u8"
          },
          {
            "name": "collateral_out",
            "docs": [
              "Collateral paid to the trader, net of the fee."
            ],
            "type": "u64"
          },
          {
            "name": "fee",
            "docs": [
              "The fee, kept by the pool as complete sets."
            ],
            "type": "u64"
          },
          {
            "name": "tokens_in",
            "type": "u64"
          },
          {
            "name": "balances",
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "prices",
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    }
  ]
}
"""
