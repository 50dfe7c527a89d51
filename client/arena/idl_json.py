# ruff: noqa: E501, RUF001
"""The arena program's Anchor IDL: a copy of idl/arena.json, generated.

Do not edit: tests/unit/test_arena_idl_copy.py checks it and, run as a script,
rewrites it from idl/arena.json."""

IDL_JSON = r"""{
  "address": "Hzo5mGyyuNH9Yx9MxdAJEfRHAqNfHM9DMjH9yWTYbRsm",
  "metadata": {
    "name": "arena",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "BetFun Arena: prediction markets with pari-mutuel pots and outcome tokens"
  },
  "instructions": [
    {
      "name": "claim",
      "docs": [
        "Pays a position its winnings, or its stakes back, once the arena is settled."
      ],
      "discriminator": [
        62,
        198,
        214,
        193,
        213,
        159,
        108,
        210
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "arena",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "position",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "arena"
              },
              {
                "kind": "account",
                "path": "owner"
              }
            ]
          }
        },
        {
          "name": "owner_collateral",
          "writable": true
        },
        {
          "name": "vault",
          "writable": true,
          "relations": [
            "arena"
          ]
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": []
    },
    {
      "name": "create_arena",
      "docs": [
        "Opens a market with 2–8 outcomes, its collateral vault and one SPL mint per outcome.",
        "The outcome mints are passed as remaining accounts, in outcome order."
      ],
      "discriminator": [
        174,
        236,
        45,
        61,
        197,
        215,
        149,
        169
      ],
      "accounts": [
        {
          "name": "creator",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "writable": true,
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
            ]
          }
        },
        {
          "name": "arena",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  97,
                  114,
                  101,
                  110,
                  97
                ]
              },
              {
                "kind": "account",
                "path": "config.arena_count",
                "account": "Config"
              }
            ]
          }
        },
        {
          "name": "collateral_mint"
        },
        {
          "name": "vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
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
              "name": "CreateArenaArgs"
            }
          }
        }
      ]
    },
    {
      "name": "initialize_config",
      "docs": [
        "Creates the global config: admin, treasury, protocol fee."
      ],
      "discriminator": [
        208,
        127,
        21,
        1,
        194,
        190,
        196,
        70
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "writable": true,
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
            ]
          }
        },
        {
          "name": "treasury"
        },
        {
          "name": "system_program",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": [
        {
          "name": "protocol_fee_bps",
          "type": "u16"
        }
      ]
    },
    {
      "name": "merge",
      "docs": [
        "Burns `amount` of every outcome token for `amount` of collateral. Remaining accounts as",
        "for `split`."
      ],
      "discriminator": [
        148,
        141,
        236,
        47,
        174,
        126,
        69,
        111
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "arena",
          "writable": true
        },
        {
          "name": "owner_collateral",
          "writable": true
        },
        {
          "name": "vault",
          "writable": true,
          "relations": [
            "arena"
          ]
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "place_bet",
      "docs": [
        "Stakes `amount` of collateral on `outcome` in the pari-mutuel pot, before close."
      ],
      "discriminator": [
        222,
        62,
        67,
        220,
        63,
        166,
        126,
        33
      ],
      "accounts": [
        {
          "name": "bettor",
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
            ]
          }
        },
        {
          "name": "arena",
          "writable": true
        },
        {
          "name": "position",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "arena"
              },
              {
                "kind": "account",
                "path": "bettor"
              }
            ]
          }
        },
        {
          "name": "bettor_collateral",
          "writable": true
        },
        {
          "name": "vault",
          "writable": true,
          "relations": [
            "arena"
          ]
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
          "name": "outcome",
          "type": "u8"
        },
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "redeem",
      "docs": [
        "Burns outcome tokens for collateral once the arena is settled. Remaining accounts as for",
        "`split`; `amounts` has one entry per outcome."
      ],
      "discriminator": [
        184,
        12,
        86,
        149,
        70,
        196,
        97,
        225
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "arena",
          "writable": true
        },
        {
          "name": "owner_collateral",
          "writable": true
        },
        {
          "name": "vault",
          "writable": true,
          "relations": [
            "arena"
          ]
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "amounts",
          "type": {
            "vec": "u64"
          }
        }
      ]
    },
    {
      "name": "resolve",
      "docs": [
        "The resolver declares the winning outcome, after close; the fees are paid."
      ],
      "discriminator": [
        246,
        150,
        236,
        206,
        108,
        63,
        58,
        10
      ],
      "accounts": [
        {
          "name": "resolver",
          "signer": true,
          "relations": [
            "arena"
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
            ]
          }
        },
        {
          "name": "arena",
          "writable": true
        },
        {
          "name": "vault",
          "writable": true,
          "relations": [
            "arena"
          ]
        },
        {
          "name": "treasury_collateral",
          "docs": [
            "Receives the protocol fee."
          ],
          "writable": true
        },
        {
          "name": "creator_collateral",
          "docs": [
            "Receives the creator fee."
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
          "name": "winning_outcome",
          "type": "u8"
        }
      ]
    },
    {
      "name": "split",
      "docs": [
        "Turns `amount` of collateral into `amount` of every outcome token. Remaining accounts:",
        "each outcome's mint and the token account to receive it, in outcome order."
      ],
      "discriminator": [
        124,
        189,
        27,
        43,
        216,
        40,
        147,
        66
      ],
      "accounts": [
        {
          "name": "owner",
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
            ]
          }
        },
        {
          "name": "arena",
          "writable": true
        },
        {
          "name": "owner_collateral",
          "writable": true
        },
        {
          "name": "vault",
          "writable": true,
          "relations": [
            "arena"
          ]
        },
        {
          "name": "token_program",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "update_config",
      "docs": [
        "The admin changes the admin, the treasury, the protocol fee or the pause switch."
      ],
      "discriminator": [
        29,
        158,
        252,
        191,
        10,
        83,
        219,
        99
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
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
            ]
          }
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "UpdateConfigArgs"
            }
          }
        }
      ]
    },
    {
      "name": "void_arena",
      "docs": [
        "The resolver cancels the arena: stakes are refunded, tokens redeem for 1/n each."
      ],
      "discriminator": [
        7,
        194,
        207,
        39,
        112,
        106,
        48,
        70
      ],
      "accounts": [
        {
          "name": "resolver",
          "signer": true,
          "relations": [
            "arena"
          ]
        },
        {
          "name": "arena",
          "writable": true
        }
      ],
      "args": []
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
      "name": "Position",
      "discriminator": [
        170,
        188,
        143,
        228,
        122,
        64,
        247,
        208
      ]
    }
  ],
  "events": [
    {
      "name": "ArenaCreated",
      "discriminator": [
        93,
        57,
        84,
        96,
        112,
        3,
        148,
        17
      ]
    },
    {
      "name": "ArenaResolved",
      "discriminator": [
        215,
        134,
        169,
        36,
        117,
        11,
        42,
        218
      ]
    },
    {
      "name": "ArenaVoided",
      "discriminator": [
        20,
        116,
        77,
        146,
        55,
        21,
        243,
        125
      ]
    },
    {
      "name": "BetPlaced",
      "discriminator": [
        88,
        88,
        145,
        226,
        126,
        206,
        32,
        0
      ]
    },
    {
      "name": "Claimed",
      "discriminator": [
        217,
        192,
        123,
        72,
        108,
        150,
        248,
        33
      ]
    },
    {
      "name": "ConfigInitialized",
      "discriminator": [
        181,
        49,
        200,
        156,
        19,
        167,
        178,
        91
      ]
    },
    {
      "name": "ConfigUpdated",
      "discriminator": [
        40,
        241,
        230,
        122,
        11,
        19,
        198,
        194
      ]
    },
    {
      "name": "Redeemed",
      "discriminator": [
        14,
        29,
        183,
        71,
        31,
        165,
        107,
        38
      ]
    },
    {
      "name": "SetsMerged",
      "discriminator": [
        52,
        162,
        73,
        89,
        66,
        68,
        118,
        52
      ]
    },
    {
      "name": "SetsSplit",
      "discriminator": [
        122,
        80,
        239,
        51,
        203,
        114,
        74,
        4
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
      "name": "Paused",
      "msg": "The platform is paused"
    },
    {
      "code": 6002,
      "name": "OutcomeCount",
      "msg": "An arena needs between 2 and 8 outcomes"
    },
    {
      "code": 6003,
      "name": "TitleLength",
      "msg": "The title must be 1 to 128 bytes"
    },
    {
      "code": 6004,
      "name": "CategoryLength",
      "msg": "The category must be 1 to 32 bytes"
    },
    {
      "code": 6005,
      "name": "OutcomeLabelLength",
      "msg": "Each outcome label must be 1 to 48 bytes"
    },
    {
      "code": 6006,
      "name": "CloseTimeInPast",
      "msg": "The betting close time must be in the future"
    },
    {
      "code": 6007,
      "name": "OutcomeMintAccounts",
      "msg": "Pass one outcome mint account per outcome, in outcome order"
    },
    {
      "code": 6008,
      "name": "OutcomeMintAddress",
      "msg": "An outcome mint is not the PDA [\\outcome\\, arena, index]"
    },
    {
      "code": 6009,
      "name": "Overflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6010,
      "name": "ZeroAmount",
      "msg": "The amount must be greater than zero"
    },
    {
      "code": 6011,
      "name": "InvalidOutcome",
      "msg": "The outcome index is out of range for this arena"
    },
    {
      "code": 6012,
      "name": "BettingClosed",
      "msg": "Betting on this arena has closed"
    },
    {
      "code": 6013,
      "name": "ArenaNotOpen",
      "msg": "The arena is already resolved or voided"
    },
    {
      "code": 6014,
      "name": "NotResolver",
      "msg": "Only the arena's resolver may do this"
    },
    {
      "code": 6015,
      "name": "TooEarlyToResolve",
      "msg": "The arena cannot be resolved before its close time"
    },
    {
      "code": 6016,
      "name": "ArenaNotSettled",
      "msg": "The arena is not resolved or voided yet"
    },
    {
      "code": 6017,
      "name": "AlreadyClaimed",
      "msg": "This position has already been claimed"
    },
    {
      "code": 6018,
      "name": "NothingToClaim",
      "msg": "This position has nothing to claim"
    },
    {
      "code": 6019,
      "name": "OutcomeTokenAccounts",
      "msg": "Pass each outcome's mint and token account, in outcome order"
    },
    {
      "code": 6020,
      "name": "RedeemAmounts",
      "msg": "Give one amount per outcome"
    },
    {
      "code": 6021,
      "name": "NothingToRedeem",
      "msg": "Nothing to redeem"
    },
    {
      "code": 6022,
      "name": "NotAdmin",
      "msg": "Only the config's admin may do this"
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
      "name": "ArenaCreated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "arena_id",
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
          },
          {
            "name": "outcome_mints",
            "type": {
              "vec": "pubkey"
            }
          },
          {
            "name": "close_ts",
            "type": "i64"
          },
          {
            "name": "creator_fee_bps",
            "type": "u16"
          },
          {
            "name": "protocol_fee_bps",
            "type": "u16"
          },
          {
            "name": "created_ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "ArenaResolved",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "resolver",
            "type": "pubkey"
          },
          {
            "name": "winning_outcome",
            "type": "u8"
          },
          {
            "name": "total_pot",
            "type": "u64"
          },
          {
            "name": "winning_pot",
            "type": "u64"
          },
          {
            "name": "protocol_fee",
            "type": "u64"
          },
          {
            "name": "creator_fee",
            "type": "u64"
          },
          {
            "name": "payout_pool",
            "docs": [
              "What the winners share; with no stake on the winner, every stake is refunded instead."
            ],
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
      "name": "ArenaVoided",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "resolver",
            "type": "pubkey"
          },
          {
            "name": "total_pot",
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
      "name": "BetPlaced",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "bettor",
            "type": "pubkey"
          },
          {
            "name": "outcome",
            "type": "u8"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "outcome_pot",
            "docs": [
              "The outcome's pot after the bet."
            ],
            "type": "u64"
          },
          {
            "name": "total_pot",
            "type": "u64"
          },
          {
            "name": "position_stake",
            "docs": [
              "The bettor's stake on the outcome after the bet."
            ],
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
      "name": "Claimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "refund",
            "docs": [
              "Stakes refunded rather than winnings (voided arena, or nobody backed the winner)."
            ],
            "type": "bool"
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
      "name": "ConfigInitialized",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "name": "protocol_fee_bps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "ConfigUpdated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "name": "protocol_fee_bps",
            "type": "u16"
          },
          {
            "name": "paused",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "CreateArenaArgs",
      "type": {
        "kind": "struct",
        "fields": [
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
          },
          {
            "name": "close_ts",
            "docs": [
              "Unix time after which bets are refused and the resolver may resolve."
            ],
            "type": "i64"
          },
          {
            "name": "creator_fee_bps",
            "type": "u16"
          },
          {
            "name": "resolver",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "Position",
      "docs": [
        "A wallet's pari-mutuel stakes in one arena, at PDA [\"position\", arena, owner]."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "stakes",
            "type": {
              "array": [
                "u64",
                8
              ]
            }
          },
          {
            "name": "total_staked",
            "type": "u64"
          },
          {
            "name": "claimed",
            "docs": [
              "Paid out by `claim`; a position is claimed at most once."
            ],
            "type": "bool"
          },
          {
            "name": "bump",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "Redeemed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amounts",
            "docs": [
              "Tokens burned per outcome."
            ],
            "type": {
              "vec": "u64"
            }
          },
          {
            "name": "payout",
            "type": "u64"
          },
          {
            "name": "set_collateral",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "SetsMerged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "set_collateral",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "SetsSplit",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "arena",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "set_collateral",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "UpdateConfigArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "new_admin",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "treasury",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "protocol_fee_bps",
            "docs": [
              "Applies to arenas created afterwards; each arena keeps the fee it was created with."
            ],
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "paused",
            "docs": [
              "While paused, no arena is created and no bet or split is taken; merging, resolving,",
              "claiming and redeeming go on, so that funds are never stuck."
            ],
            "type": {
              "option": "bool"
            }
          }
        ]
      }
    }
  ]
}
"""
