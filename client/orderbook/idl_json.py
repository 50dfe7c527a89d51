# ruff: noqa: E501
"""The order book program's Anchor IDL: a copy of idl/orderbook.json, generated.

Do not edit: tests/unit/test_orderbook_idl_copy.py checks it and, run as a script,
rewrites it from idl/orderbook.json."""

IDL_JSON = r"""{
  "address": "BLQVff3etg6m1pMHoQbXWd6NptyQ4kka7G7aLJggWfvZ",
  "metadata": {
    "name": "orderbook",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "BetFun Arena: a central limit order book per outcome token, settled atomically without a crank"
  },
  "instructions": [
    {
      "name": "cancel_all_orders",
      "docs": [
        "Cancels up to `limit` (0 for 32) of the owner's resting orders."
      ],
      "discriminator": [
        196,
        83,
        243,
        171,
        17,
        100,
        160,
        143
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "market",
          "writable": true
        }
      ],
      "args": [
        {
          "name": "limit",
          "type": "u8"
        }
      ]
    },
    {
      "name": "cancel_order",
      "docs": [
        "Cancels one of the owner's resting orders by its order id."
      ],
      "discriminator": [
        95,
        129,
        237,
        240,
        8,
        49,
        223,
        132
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "market",
          "writable": true
        }
      ],
      "args": [
        {
          "name": "order_id",
          "type": "u64"
        }
      ]
    },
    {
      "name": "cancel_order_by_client_id",
      "docs": [
        "Cancels the owner's resting orders carrying a client order id."
      ],
      "discriminator": [
        223,
        248,
        134,
        155,
        106,
        111,
        152,
        171
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "market",
          "writable": true
        }
      ],
      "args": [
        {
          "name": "client_order_id",
          "type": "u64"
        }
      ]
    },
    {
      "name": "create_market",
      "docs": [
        "Initializes a market for one outcome of an arena: its authority PDA and two vaults.",
        "The market account itself is created by the client in the same transaction (it is",
        "larger than a CPI may allocate). Only the arena's creator or the config's admin."
      ],
      "discriminator": [
        103,
        226,
        97,
        235,
        200,
        188,
        251,
        254
      ],
      "accounts": [
        {
          "name": "creator",
          "writable": true,
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
          "name": "arena"
        },
        {
          "name": "market",
          "writable": true
        },
        {
          "name": "authority",
          "writable": true
        },
        {
          "name": "base_mint"
        },
        {
          "name": "quote_mint"
        },
        {
          "name": "base_vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  98,
                  97,
                  115,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "market"
              }
            ]
          }
        },
        {
          "name": "quote_vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  113,
                  117,
                  111,
                  116,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "market"
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
          "name": "args",
          "type": {
            "defined": {
              "name": "CreateMarketArgs"
            }
          }
        }
      ]
    },
    {
      "name": "deposit",
      "docs": [
        "Moves tokens into the vaults, credited to the owner's seat as free balances."
      ],
      "discriminator": [
        242,
        35,
        198,
        137,
        82,
        225,
        242,
        182
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "market",
          "writable": true
        },
        {
          "name": "base_vault",
          "writable": true,
          "relations": [
            "market"
          ]
        },
        {
          "name": "quote_vault",
          "writable": true,
          "relations": [
            "market"
          ]
        },
        {
          "name": "owner_base",
          "writable": true
        },
        {
          "name": "owner_quote",
          "writable": true
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "base_amount",
          "type": "u64"
        },
        {
          "name": "quote_amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "place_order",
      "docs": [
        "Places an order of any type; fills settle at once into the seats."
      ],
      "discriminator": [
        51,
        194,
        155,
        175,
        109,
        130,
        96,
        106
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "market",
          "writable": true
        },
        {
          "name": "arena",
          "relations": [
            "market"
          ]
        },
        {
          "name": "base_vault",
          "writable": true,
          "relations": [
            "market"
          ]
        },
        {
          "name": "quote_vault",
          "writable": true,
          "relations": [
            "market"
          ]
        },
        {
          "name": "owner_base",
          "docs": [
            "Pays base the free balance lacks (asks)."
          ],
          "writable": true
        },
        {
          "name": "owner_quote",
          "docs": [
            "Pays quote the free balance lacks (bids)."
          ],
          "writable": true
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "PlaceOrderArgs"
            }
          }
        }
      ]
    },
    {
      "name": "prune_expired",
      "docs": [
        "Permissionless: removes up to `limit` (0 for 32) expired orders."
      ],
      "discriminator": [
        71,
        179,
        7,
        112,
        97,
        80,
        32,
        177
      ],
      "accounts": [
        {
          "name": "market",
          "writable": true
        }
      ],
      "args": [
        {
          "name": "limit",
          "type": "u8"
        }
      ]
    },
    {
      "name": "sweep_fees",
      "docs": [
        "Permissionless: pays the accrued fees to the arena config's treasury."
      ],
      "discriminator": [
        175,
        225,
        98,
        71,
        118,
        66,
        34,
        148
      ],
      "accounts": [
        {
          "name": "market",
          "writable": true
        },
        {
          "name": "authority",
          "relations": [
            "market"
          ]
        },
        {
          "name": "quote_vault",
          "writable": true,
          "relations": [
            "market"
          ]
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
          "name": "treasury_quote",
          "docs": [
            "The associated token account of the config's treasury for the quote mint."
          ],
          "writable": true
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": []
    },
    {
      "name": "withdraw",
      "docs": [
        "Pays free balances out to the owner's token accounts; works after resolution too."
      ],
      "discriminator": [
        183,
        18,
        70,
        156,
        148,
        109,
        161,
        34
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "market",
          "writable": true
        },
        {
          "name": "authority",
          "relations": [
            "market"
          ]
        },
        {
          "name": "base_vault",
          "writable": true,
          "relations": [
            "market"
          ]
        },
        {
          "name": "quote_vault",
          "writable": true,
          "relations": [
            "market"
          ]
        },
        {
          "name": "owner_base",
          "docs": [
            "Receives the base; any account of the base mint."
          ],
          "writable": true
        },
        {
          "name": "owner_quote",
          "docs": [
            "Receives the quote; any account of the quote mint."
          ],
          "writable": true
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "base_amount",
          "type": "u64"
        },
        {
          "name": "quote_amount",
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
      "name": "Market",
      "discriminator": [
        219,
        190,
        213,
        55,
        0,
        227,
        198,
        154
      ]
    },
    {
      "name": "MarketAuthority",
      "discriminator": [
        19,
        59,
        207,
        57,
        137,
        173,
        164,
        144
      ]
    }
  ],
  "events": [
    {
      "name": "Deposited",
      "discriminator": [
        111,
        141,
        26,
        45,
        161,
        35,
        100,
        57
      ]
    },
    {
      "name": "FeesSwept",
      "discriminator": [
        96,
        218,
        115,
        136,
        74,
        170,
        202,
        172
      ]
    },
    {
      "name": "MarketCreated",
      "discriminator": [
        88,
        184,
        130,
        231,
        226,
        84,
        6,
        58
      ]
    },
    {
      "name": "OrderCancelled",
      "discriminator": [
        108,
        56,
        128,
        68,
        168,
        113,
        168,
        239
      ]
    },
    {
      "name": "OrderExpired",
      "discriminator": [
        241,
        55,
        48,
        196,
        160,
        51,
        40,
        213
      ]
    },
    {
      "name": "OrderFilled",
      "discriminator": [
        120,
        124,
        109,
        66,
        249,
        116,
        174,
        30
      ]
    },
    {
      "name": "OrderPlaced",
      "discriminator": [
        96,
        130,
        204,
        234,
        169,
        219,
        216,
        227
      ]
    },
    {
      "name": "Withdrawn",
      "discriminator": [
        20,
        89,
        223,
        198,
        194,
        124,
        219,
        13
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "InvalidMarketParams",
      "msg": "Lot size and tick size must be positive, and the lot size a multiple of at least two ticks"
    },
    {
      "code": 6001,
      "name": "FeeTooHigh",
      "msg": "A fee exceeds the maximum of 1000 basis points"
    },
    {
      "code": 6002,
      "name": "InvalidOutcome",
      "msg": "The outcome index is out of range for this arena"
    },
    {
      "code": 6003,
      "name": "NotMarketCreator",
      "msg": "Only the arena's creator or the config's admin may create its markets"
    },
    {
      "code": 6004,
      "name": "MarketAccountSize",
      "msg": "The market account has the wrong size"
    },
    {
      "code": 6005,
      "name": "TradingClosed",
      "msg": "The arena is resolved or voided: trading has stopped"
    },
    {
      "code": 6006,
      "name": "InvalidPrice",
      "msg": "The price must lie strictly between 0 and 1 collateral per share, in ticks"
    },
    {
      "code": 6007,
      "name": "ZeroSize",
      "msg": "The order size must be at least one lot"
    },
    {
      "code": 6008,
      "name": "ZeroAmount",
      "msg": "The amount must be greater than zero"
    },
    {
      "code": 6009,
      "name": "InvalidExpiry",
      "msg": "Only Limit and PostOnly orders take an expiry, and it must lie in the future"
    },
    {
      "code": 6010,
      "name": "MatchLimitTooHigh",
      "msg": "The match limit exceeds the maximum of 16 fills"
    },
    {
      "code": 6011,
      "name": "CancelLimitTooHigh",
      "msg": "The cancel limit exceeds the maximum of 32 orders"
    },
    {
      "code": 6012,
      "name": "PostOnlyWouldTake",
      "msg": "A PostOnly order would take liquidity"
    },
    {
      "code": 6013,
      "name": "FillOrKillNotFilled",
      "msg": "A FillOrKill order cannot be filled in full"
    },
    {
      "code": 6014,
      "name": "SelfTrade",
      "msg": "The order would trade with the trader's own resting order"
    },
    {
      "code": 6015,
      "name": "BookFull",
      "msg": "The book side is full and the order is not better than its worst order"
    },
    {
      "code": 6016,
      "name": "SeatsFull",
      "msg": "Every trader seat of this market is taken"
    },
    {
      "code": 6017,
      "name": "NoSeat",
      "msg": "This wallet has no seat on this market"
    },
    {
      "code": 6018,
      "name": "OrderNotFound",
      "msg": "No such resting order"
    },
    {
      "code": 6019,
      "name": "NotOrderOwner",
      "msg": "The order belongs to another trader"
    },
    {
      "code": 6020,
      "name": "InsufficientFunds",
      "msg": "The free balance and the token account together do not cover the order"
    },
    {
      "code": 6021,
      "name": "InsufficientFreeBalance",
      "msg": "The amount exceeds the free (unlocked) balance"
    },
    {
      "code": 6022,
      "name": "NotTreasury",
      "msg": "Fees go only to the associated token account of the config's treasury"
    },
    {
      "code": 6023,
      "name": "NothingToSweep",
      "msg": "No fees to sweep"
    },
    {
      "code": 6024,
      "name": "Overflow",
      "msg": "Arithmetic overflow"
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
      "name": "BookSide",
      "docs": [
        "One side of the book: `len` orders sorted worst first, best last."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "len",
            "type": "u32"
          },
          {
            "name": "side",
            "docs": [
              "0 for bids, 1 for asks."
            ],
            "type": "u8"
          },
          {
            "name": "_padding",
            "type": {
              "array": [
                "u8",
                3
              ]
            }
          },
          {
            "name": "orders",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "Order"
                  }
                },
                512
              ]
            }
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
      "name": "CreateMarketArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "outcome",
            "docs": [
              "The arena's outcome whose token the market trades."
            ],
            "type": "u8"
          },
          {
            "name": "tick_size",
            "docs": [
              "Quote units per lot per tick: one tick of price on one lot."
            ],
            "type": "u64"
          },
          {
            "name": "lot_size",
            "docs": [
              "Base units per lot; a multiple of `tick_size`, of at least two ticks."
            ],
            "type": "u64"
          },
          {
            "name": "maker_fee_bps",
            "type": "u16"
          },
          {
            "name": "taker_fee_bps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "Deposited",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "base_amount",
            "type": "u64"
          },
          {
            "name": "quote_amount",
            "type": "u64"
          },
          {
            "name": "base_free",
            "docs": [
              "The seat's free balances afterwards."
            ],
            "type": "u64"
          },
          {
            "name": "quote_free",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "FeesSwept",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "treasury_account",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "total_swept",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "Market",
      "docs": [
        "One order book: the outcome token `base_mint` of an arena quoted in its collateral",
        "`quote_mint`, with the seats of its traders.",
        "",
        "Zero-copy and about 66 KiB, more than a CPI may allocate: the client creates the account",
        "(owned by this program, [`Market::SPACE`] bytes) in the transaction that calls",
        "`create_market`. The header comes first so that clients can filter markets by `arena`,",
        "`base_mint` or `quote_mint` with `memcmp` at fixed offsets."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "authority",
            "docs": [
              "The PDA [\"market\", arena, [outcome]]: one per (arena, outcome), owner of the vaults."
            ],
            "type": "pubkey"
          },
          {
            "name": "base_mint",
            "type": "pubkey"
          },
          {
            "name": "quote_mint",
            "type": "pubkey"
          },
          {
            "name": "base_vault",
            "type": "pubkey"
          },
          {
            "name": "quote_vault",
            "type": "pubkey"
          },
          {
            "name": "creator",
            "type": "pubkey"
          },
          {
            "name": "tick_size",
            "docs": [
              "Quote units per lot per tick."
            ],
            "type": "u64"
          },
          {
            "name": "lot_size",
            "docs": [
              "Base units per lot."
            ],
            "type": "u64"
          },
          {
            "name": "next_order_id",
            "docs": [
              "The id of the next order placed; ids start at 1."
            ],
            "type": "u64"
          },
          {
            "name": "fees_accrued",
            "docs": [
              "Fees in quote not yet swept to the treasury."
            ],
            "type": "u64"
          },
          {
            "name": "fees_swept",
            "docs": [
              "Fees swept so far."
            ],
            "type": "u64"
          },
          {
            "name": "created_ts",
            "type": "i64"
          },
          {
            "name": "maker_fee_bps",
            "type": "u16"
          },
          {
            "name": "taker_fee_bps",
            "type": "u16"
          },
          {
            "name": "outcome",
            "type": "u8"
          },
          {
            "name": "authority_bump",
            "type": "u8"
          },
          {
            "name": "_padding",
            "type": {
              "array": [
                "u8",
                2
              ]
            }
          },
          {
            "name": "seats",
            "type": {
              "defined": {
                "name": "SeatTable"
              }
            }
          },
          {
            "name": "book",
            "type": {
              "defined": {
                "name": "OrderBook"
              }
            }
          }
        ]
      }
    },
    {
      "name": "MarketAuthority",
      "docs": [
        "The market authority PDA [\"market\", arena, [outcome]]: it makes the market unique per",
        "(arena, outcome), lets clients find the market from the pair, and owns the vaults."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "outcome",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "MarketCreated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "outcome",
            "type": "u8"
          },
          {
            "name": "authority",
            "type": "pubkey"
          },
          {
            "name": "base_mint",
            "type": "pubkey"
          },
          {
            "name": "quote_mint",
            "type": "pubkey"
          },
          {
            "name": "base_vault",
            "type": "pubkey"
          },
          {
            "name": "quote_vault",
            "type": "pubkey"
          },
          {
            "name": "creator",
            "type": "pubkey"
          },
          {
            "name": "tick_size",
            "type": "u64"
          },
          {
            "name": "lot_size",
            "type": "u64"
          },
          {
            "name": "maker_fee_bps",
            "type": "u16"
          },
          {
            "name": "taker_fee_bps",
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
      "name": "Order",
      "docs": [
        "A resting order. 48 bytes, no implicit padding."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "order_id",
            "type": "u64"
          },
          {
            "name": "client_order_id",
            "type": "u64"
          },
          {
            "name": "price",
            "docs": [
              "Ticks."
            ],
            "type": "u64"
          },
          {
            "name": "lots",
            "docs": [
              "Lots still resting."
            ],
            "type": "u64"
          },
          {
            "name": "expiry_ts",
            "docs": [
              "Unix time from which the order is expired; 0 for good till cancelled."
            ],
            "type": "i64"
          },
          {
            "name": "seat",
            "docs": [
              "Index of the owner's seat in the market's seat table."
            ],
            "type": "u32"
          },
          {
            "name": "_padding",
            "type": {
              "array": [
                "u8",
                4
              ]
            }
          }
        ]
      }
    },
    {
      "name": "OrderBook",
      "docs": [
        "Both sides of a market's book."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "bids",
            "type": {
              "defined": {
                "name": "BookSide"
              }
            }
          },
          {
            "name": "asks",
            "type": {
              "defined": {
                "name": "BookSide"
              }
            }
          }
        ]
      }
    },
    {
      "name": "OrderCancelled",
      "docs": [
        "A resting order left the book, or shrank (self-trade prevention), without a fill."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "order_id",
            "type": "u64"
          },
          {
            "name": "client_order_id",
            "type": "u64"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "Side"
              }
            }
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "lots",
            "docs": [
              "Lots taken off the order."
            ],
            "type": "u64"
          },
          {
            "name": "remaining_lots",
            "docs": [
              "Lots still resting (non-zero only when self-trade prevention reduced the order)."
            ],
            "type": "u64"
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "RemoveReason"
              }
            }
          }
        ]
      }
    },
    {
      "name": "OrderExpired",
      "docs": [
        "A resting order found expired, by matching or by `prune_expired`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "order_id",
            "type": "u64"
          },
          {
            "name": "client_order_id",
            "type": "u64"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "Side"
              }
            }
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "lots",
            "type": "u64"
          },
          {
            "name": "expiry_ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "OrderFilled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "maker",
            "type": "pubkey"
          },
          {
            "name": "taker",
            "type": "pubkey"
          },
          {
            "name": "maker_order_id",
            "type": "u64"
          },
          {
            "name": "taker_order_id",
            "type": "u64"
          },
          {
            "name": "taker_side",
            "docs": [
              "The taker's side."
            ],
            "type": {
              "defined": {
                "name": "Side"
              }
            }
          },
          {
            "name": "price",
            "docs": [
              "Ticks: the maker's price."
            ],
            "type": "u64"
          },
          {
            "name": "lots",
            "type": "u64"
          },
          {
            "name": "base_amount",
            "type": "u64"
          },
          {
            "name": "quote_amount",
            "docs": [
              "Before fees."
            ],
            "type": "u64"
          },
          {
            "name": "maker_fee",
            "type": "u64"
          },
          {
            "name": "taker_fee",
            "type": "u64"
          },
          {
            "name": "maker_remaining_lots",
            "docs": [
              "Lots the maker's order has left on the book."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "OrderPlaced",
      "docs": [
        "One order placed, after its fills (each logged as [`OrderFilled`] before it)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "order_id",
            "type": "u64"
          },
          {
            "name": "client_order_id",
            "type": "u64"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "Side"
              }
            }
          },
          {
            "name": "order_type",
            "type": {
              "defined": {
                "name": "OrderType"
              }
            }
          },
          {
            "name": "price",
            "docs": [
              "Ticks: the limit price, or a market order's bound."
            ],
            "type": "u64"
          },
          {
            "name": "lots",
            "type": "u64"
          },
          {
            "name": "filled_lots",
            "type": "u64"
          },
          {
            "name": "posted_lots",
            "docs": [
              "Left resting on the book."
            ],
            "type": "u64"
          },
          {
            "name": "expiry_ts",
            "type": "i64"
          },
          {
            "name": "base_deposited",
            "docs": [
              "Taken from the wallet because the free balance fell short."
            ],
            "type": "u64"
          },
          {
            "name": "quote_deposited",
            "type": "u64"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "OrderType",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "Limit"
          },
          {
            "name": "PostOnly"
          },
          {
            "name": "ImmediateOrCancel"
          },
          {
            "name": "FillOrKill"
          },
          {
            "name": "Market"
          }
        ]
      }
    },
    {
      "name": "PlaceOrderArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "Side"
              }
            }
          },
          {
            "name": "order_type",
            "type": {
              "defined": {
                "name": "OrderType"
              }
            }
          },
          {
            "name": "price",
            "docs": [
              "Ticks: the limit price, or a market order's worst-price bound."
            ],
            "type": "u64"
          },
          {
            "name": "lots",
            "type": "u64"
          },
          {
            "name": "client_order_id",
            "docs": [
              "The trader's own id for the order, echoed in events; cancel by it."
            ],
            "type": "u64"
          },
          {
            "name": "expiry_ts",
            "docs": [
              "Unix time from which a Limit or PostOnly order is expired; 0 for none."
            ],
            "type": "i64"
          },
          {
            "name": "self_trade",
            "type": {
              "defined": {
                "name": "SelfTradeBehavior"
              }
            }
          },
          {
            "name": "match_limit",
            "docs": [
              "The most fills this order takes; 0 for the maximum (16)."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "RemoveReason",
      "docs": [
        "Why a resting order left the book (or shrank) without a fill."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "Cancelled"
          },
          {
            "name": "Expired"
          },
          {
            "name": "SelfTrade"
          },
          {
            "name": "Evicted"
          }
        ]
      }
    },
    {
      "name": "Seat",
      "docs": [
        "72 bytes, no implicit padding. A free slot has the default owner."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "base_free",
            "type": "u64"
          },
          {
            "name": "base_locked",
            "type": "u64"
          },
          {
            "name": "quote_free",
            "type": "u64"
          },
          {
            "name": "quote_locked",
            "type": "u64"
          },
          {
            "name": "open_orders",
            "docs": [
              "Resting orders of this seat."
            ],
            "type": "u32"
          },
          {
            "name": "_padding",
            "type": {
              "array": [
                "u8",
                4
              ]
            }
          }
        ]
      }
    },
    {
      "name": "SeatTable",
      "docs": [
        "The market's seats; slots `0..used` have been claimed at least once."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "used",
            "type": "u32"
          },
          {
            "name": "_padding",
            "type": {
              "array": [
                "u8",
                4
              ]
            }
          },
          {
            "name": "seats",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "Seat"
                  }
                },
                256
              ]
            }
          }
        ]
      }
    },
    {
      "name": "SelfTradeBehavior",
      "docs": [
        "What happens when an order meets a resting order of the same trader."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "CancelProvide"
          },
          {
            "name": "DecrementTake"
          },
          {
            "name": "AbortTransaction"
          }
        ]
      }
    },
    {
      "name": "Side",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "Bid"
          },
          {
            "name": "Ask"
          }
        ]
      }
    },
    {
      "name": "Withdrawn",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "base_amount",
            "type": "u64"
          },
          {
            "name": "quote_amount",
            "type": "u64"
          },
          {
            "name": "base_free",
            "type": "u64"
          },
          {
            "name": "quote_free",
            "type": "u64"
          }
        ]
      }
    }
  ]
}
"""
