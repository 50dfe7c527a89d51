//! The accounts a run uses and the transactions it sends: setup (funding, a mint, token
//! accounts, an arena) and the measured transactions.
//!
//! The same keys serve every chain (the in-process SVM and the localnet), so both run exactly
//! the same transactions.

use anchor_lang::{InstructionData, ToAccountMetas};
use anyhow::{ensure, Context, Result};
use solana_hash::Hash;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_rent::Rent;
use solana_signer::Signer;
use solana_system_interface::instruction as system;
use solana_transaction::Transaction;
use spl_associated_token_account_client::address::get_associated_token_address;
use spl_associated_token_account_client::instruction::create_associated_token_account_idempotent;

/// What every sender receives: enough for the fees of a whole run.
const SENDER_LAMPORTS: u64 = 1_000_000_000;
/// Token units minted to every sender (the mint has no decimals).
const SENDER_TOKENS: u64 = 1_000_000_000_000;
/// Transfers per funding transaction, and token accounts created per setup transaction: both
/// keep a legacy transaction under the 1232-byte packet limit.
const FUNDINGS_PER_TX: usize = 16;
const TOKEN_ACCOUNTS_PER_TX: usize = 4;
/// The largest serialized transaction a validator accepts.
const PACKET_DATA_SIZE: usize = 1232;
/// The most transfers in one batch: batches' amounts, hence signatures, never overlap.
pub const MAX_BATCH: usize = 100_000;

/// The kind of transaction measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A System Program transfer of lamports.
    Sol,
    /// An SPL Token `Transfer` between two token accounts of one mint.
    Spl,
    /// The arena program's `place_bet`: a native Anchor program, a CPI into SPL Token.
    PlaceBet,
    /// The order book's `place_order` on the arena's outcome 0: a Limit order of one lot at
    /// one price, bids and asks alternating, so each ask fills the bid before it (or the
    /// reverse) and the book stays near empty.
    PlaceOrder,
    /// The pool's `buy` on the benchmark arena: a small amount of collateral for outcome
    /// tokens, senders alternating between the two outcomes.
    PoolBuy,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Sol,
        Kind::Spl,
        Kind::PlaceBet,
        Kind::PlaceOrder,
        Kind::PoolBuy,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Sol => "SOL transfer",
            Kind::Spl => "SPL token transfer",
            Kind::PlaceBet => "arena place_bet",
            Kind::PlaceOrder => "orderbook place_order",
            Kind::PoolBuy => "pool buy",
        }
    }
}

/// The arena the bets go to: the first one created, with two outcomes. It closes in 2100, on
/// the localnet's wall clock and on the in-process SVM's alike.
const ARENA_ID: u64 = 0;
const ARENA_CLOSE_TS: i64 = 4_102_444_800;

/// The order book market on the arena's outcome 0: a tick of 100 quote units per lot, a lot of
/// 10,000 base units, fees as the order book's tests use them.
const MARKET_OUTCOME: u8 = 0;
const TICK_SIZE: u64 = 100;
const LOT_SIZE: u64 = 10_000;
const MAKER_FEE_BPS: u16 = 10;
const TAKER_FEE_BPS: u16 = 30;
/// Every order's price in ticks (0.50 collateral per share) and size in lots.
const ORDER_PRICE: u64 = 50;
const ORDER_LOTS: u64 = 1;
/// The pool's fee, and the collateral the payer deposits into it at even odds: a thousand
/// times the largest buy, so prices move little over a run.
const POOL_FEE_BPS: u16 = 100;
const POOL_LIQUIDITY: u64 = 1_000 * MAX_BATCH as u64 * 16;
/// Collateral every sender splits into outcome tokens through the arena (a tenth of its own).
const SENDER_SHARES: u64 = SENDER_TOKENS / 10;

/// The market and the accounts `place_order` names.
struct OrderAddresses {
    market: Pubkey,
    arena: Pubkey,
    base_vault: Pubkey,
    quote_vault: Pubkey,
    /// Each sender's outcome-0 token account.
    owner_base: Vec<Pubkey>,
}

/// The pool and the accounts `buy` names.
struct BuyAddresses {
    arena: Pubkey,
    arena_vault: Pubkey,
    pool: Pubkey,
    pool_collateral: Pubkey,
    vault_metas: Vec<solana_instruction::AccountMeta>,
    /// Each sender's token accounts of the two outcomes.
    owner_outcome: Vec<[Pubkey; 2]>,
}

/// The keys of a run.
pub struct Accounts {
    /// Pays for the setup; the chain funds it before the run.
    pub payer: Keypair,
    senders: Vec<Keypair>,
    /// Receives the SOL transfers.
    receiver: Pubkey,
    mint: Keypair,
    /// One token account per sender, owned by it.
    sender_tokens: Vec<Keypair>,
    /// Receives the token transfers.
    receiver_token: Keypair,
    /// The order book market.
    market: Keypair,
}

impl Accounts {
    pub fn new(senders: usize) -> Self {
        Accounts {
            payer: Keypair::new(),
            senders: (0..senders).map(|_| Keypair::new()).collect(),
            receiver: Pubkey::new_unique(),
            mint: Keypair::new(),
            sender_tokens: (0..senders).map(|_| Keypair::new()).collect(),
            receiver_token: Keypair::new(),
            market: Keypair::new(),
        }
    }

    /// Lamports the payer needs for the whole setup.
    pub fn payer_lamports(&self) -> u64 {
        (self.senders.len() as u64 + 10) * 2 * SENDER_LAMPORTS
    }

    /// The setup transactions, in stages: every transaction of a stage may run in any order,
    /// and a stage needs the previous one to have landed.
    pub fn setup(&self, blockhash: Hash) -> Result<Vec<Vec<Transaction>>> {
        let rent = Rent::default();
        let payer = self.payer.pubkey();

        let mut fundings: Vec<Instruction> = self
            .senders
            .iter()
            .map(|sender| system::transfer(&payer, &sender.pubkey(), SENDER_LAMPORTS))
            .collect();
        fundings.push(system::transfer(
            &payer,
            &self.receiver,
            rent.minimum_balance(0),
        ));
        let fund = fundings
            .chunks(FUNDINGS_PER_TX)
            .map(|ixs| self.sign(ixs, &[], blockhash))
            .collect::<Result<_>>()?;

        let mint = self.mint.pubkey();
        let create_mint = [
            system::create_account(
                &payer,
                &mint,
                rent.minimum_balance(spl_token::state::Mint::LEN),
                spl_token::state::Mint::LEN as u64,
                &spl_token::id(),
            ),
            spl_token::instruction::initialize_mint2(&spl_token::id(), &mint, &payer, None, 0)?,
        ];
        let create_mint = vec![self.sign(&create_mint, &[&self.mint], blockhash)?];

        let mut token_accounts: Vec<(&Keypair, Pubkey, u64)> = self
            .sender_tokens
            .iter()
            .zip(&self.senders)
            .map(|(account, owner)| (account, owner.pubkey(), SENDER_TOKENS))
            .collect();
        token_accounts.push((&self.receiver_token, Pubkey::new_unique(), 0));
        let create_token_accounts = token_accounts
            .chunks(TOKEN_ACCOUNTS_PER_TX)
            .map(|chunk| {
                let mut ixs = Vec::new();
                for (account, owner, tokens) in chunk {
                    ixs.extend(self.token_account_instructions(account, owner, *tokens)?);
                }
                let signers: Vec<&Keypair> = chunk.iter().map(|(account, ..)| *account).collect();
                self.sign(&ixs, &signers, blockhash)
            })
            .collect::<Result<_>>()?;

        let create_arena = vec![self.sign(&self.arena_instructions(), &[], blockhash)?];

        // Every sender's outcome token accounts and its collateral split into outcome tokens;
        // the market. The senders sign their splits.
        let mut trading: Vec<Transaction> = self
            .senders
            .iter()
            .enumerate()
            .map(|(index, sender)| {
                let owner = sender.pubkey();
                let mut ixs: Vec<Instruction> = (0..2)
                    .map(|outcome| {
                        create_associated_token_account_idempotent(
                            &payer,
                            &owner,
                            &self.outcome_mint(outcome),
                            &spl_token::id(),
                        )
                    })
                    .collect();
                let outcome_accounts: Vec<Pubkey> = (0..2)
                    .map(|outcome| {
                        get_associated_token_address(&owner, &self.outcome_mint(outcome))
                    })
                    .collect();
                ixs.push(arena::client::split(
                    &arena::client::arena_address(ARENA_ID),
                    &owner,
                    &self.sender_tokens[index].pubkey(),
                    &outcome_accounts,
                    SENDER_SHARES,
                ));
                self.sign(&ixs, &[sender], blockhash)
            })
            .collect::<Result<_>>()?;
        trading.push(self.sign(&self.market_instructions(), &[&self.market], blockhash)?);
        trading.push(self.sign(&self.pool_instructions()?, &[], blockhash)?);
        let liquidity = vec![self.sign(&self.liquidity_instructions(), &[], blockhash)?];

        Ok(vec![
            fund,
            create_mint,
            create_token_accounts,
            create_arena,
            trading,
            liquidity,
        ])
    }

    fn outcome_mint(&self, outcome: u8) -> Pubkey {
        arena::client::outcome_mint_address(&arena::client::arena_address(ARENA_ID), outcome)
    }

    fn market_seed_address(seed: &[u8], market: &Pubkey) -> Pubkey {
        Pubkey::find_program_address(&[seed, market.as_ref()], &orderbook::ID).0
    }

    /// The market account and `create_market` on the arena's outcome 0, the payer as creator.
    fn market_instructions(&self) -> Vec<Instruction> {
        use orderbook::constants::{BASE_VAULT_SEED, MARKET_SEED, QUOTE_VAULT_SEED};
        let payer = self.payer.pubkey();
        let market = self.market.pubkey();
        let arena = arena::client::arena_address(ARENA_ID);
        let space = orderbook::state::Market::SPACE;
        let args = orderbook::instructions::CreateMarketArgs {
            outcome: MARKET_OUTCOME,
            tick_size: TICK_SIZE,
            lot_size: LOT_SIZE,
            maker_fee_bps: MAKER_FEE_BPS,
            taker_fee_bps: TAKER_FEE_BPS,
        };
        let authority = Pubkey::find_program_address(
            &[MARKET_SEED, arena.as_ref(), &[MARKET_OUTCOME]],
            &orderbook::ID,
        )
        .0;
        vec![
            system::create_account(
                &payer,
                &market,
                Rent::default().minimum_balance(space),
                space as u64,
                &orderbook::ID,
            ),
            Instruction::new_with_bytes(
                orderbook::ID,
                &orderbook::instruction::CreateMarket { args }.data(),
                orderbook::accounts::CreateMarket {
                    creator: payer,
                    config: arena::client::config_address(),
                    arena,
                    market,
                    authority,
                    base_mint: self.outcome_mint(MARKET_OUTCOME),
                    quote_mint: self.mint.pubkey(),
                    base_vault: Self::market_seed_address(BASE_VAULT_SEED, &market),
                    quote_vault: Self::market_seed_address(QUOTE_VAULT_SEED, &market),
                    token_program: spl_token::id(),
                    system_program: solana_system_interface::program::id(),
                }
                .to_account_metas(None),
            ),
        ]
    }

    fn pool_address() -> Pubkey {
        let arena = arena::client::arena_address(ARENA_ID);
        Pubkey::find_program_address(&[pool::constants::POOL_SEED, arena.as_ref()], &pool::ID).0
    }

    fn pool_seed_address(seed: &[u8], pool: &Pubkey) -> Pubkey {
        Pubkey::find_program_address(&[seed, pool.as_ref()], &pool::ID).0
    }

    fn pool_vault(pool: &Pubkey, outcome: u8) -> Pubkey {
        Pubkey::find_program_address(
            &[pool::constants::VAULT_SEED, pool.as_ref(), &[outcome]],
            &pool::ID,
        )
        .0
    }

    /// Each outcome's mint and the pool's vault of it, as `buy` takes them.
    fn pool_vault_metas(&self, pool: &Pubkey) -> Vec<solana_instruction::AccountMeta> {
        (0..2)
            .flat_map(|outcome| {
                [
                    solana_instruction::AccountMeta::new(self.outcome_mint(outcome), false),
                    solana_instruction::AccountMeta::new(Self::pool_vault(pool, outcome), false),
                ]
            })
            .collect()
    }

    /// The arena's pool (the payer as creator); the payer's collateral, outcome token accounts
    /// (associated) and the collateral it deposits.
    fn pool_instructions(&self) -> Result<Vec<Instruction>> {
        let payer = self.payer.pubkey();
        let pool = Self::pool_address();
        let mut accounts = pool::accounts::CreatePool {
            creator: payer,
            arena: arena::client::arena_address(ARENA_ID),
            pool,
            collateral_mint: self.mint.pubkey(),
            lp_mint: Self::pool_seed_address(pool::constants::LP_MINT_SEED, &pool),
            pool_collateral: Self::pool_seed_address(pool::constants::COLLATERAL_SEED, &pool),
            token_program: spl_token::id(),
            system_program: solana_system_interface::program::id(),
        }
        .to_account_metas(None);
        for outcome in 0..2 {
            accounts.push(solana_instruction::AccountMeta::new_readonly(
                self.outcome_mint(outcome),
                false,
            ));
            accounts.push(solana_instruction::AccountMeta::new(
                Self::pool_vault(&pool, outcome),
                false,
            ));
        }
        let mut ixs = vec![Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::CreatePool {
                fee_bps: POOL_FEE_BPS,
            }
            .data(),
            accounts,
        )];
        let mint = self.mint.pubkey();
        for token_mint in [mint, self.outcome_mint(0), self.outcome_mint(1)] {
            ixs.push(create_associated_token_account_idempotent(
                &payer,
                &payer,
                &token_mint,
                &spl_token::id(),
            ));
        }
        ixs.push(spl_token::instruction::mint_to(
            &spl_token::id(),
            &mint,
            &get_associated_token_address(&payer, &mint),
            &payer,
            &[],
            POOL_LIQUIDITY,
        )?);
        Ok(ixs)
    }

    /// The payer's LP token account and its first deposit, at even odds.
    fn liquidity_instructions(&self) -> Vec<Instruction> {
        let payer = self.payer.pubkey();
        let arena = arena::client::arena_address(ARENA_ID);
        let pool = Self::pool_address();
        let lp_mint = Self::pool_seed_address(pool::constants::LP_MINT_SEED, &pool);
        let mut accounts = pool::accounts::AddLiquidity {
            provider: payer,
            config: arena::client::config_address(),
            arena,
            arena_vault: arena::client::vault_address(&arena),
            pool,
            lp_mint,
            pool_collateral: Self::pool_seed_address(pool::constants::COLLATERAL_SEED, &pool),
            provider_collateral: get_associated_token_address(&payer, &self.mint.pubkey()),
            provider_lp: get_associated_token_address(&payer, &lp_mint),
            arena_program: arena::ID,
            token_program: spl_token::id(),
        }
        .to_account_metas(None);
        for outcome in 0..2 {
            let mint = self.outcome_mint(outcome);
            accounts.push(solana_instruction::AccountMeta::new(mint, false));
            accounts.push(solana_instruction::AccountMeta::new(
                Self::pool_vault(&pool, outcome),
                false,
            ));
            accounts.push(solana_instruction::AccountMeta::new(
                get_associated_token_address(&payer, &mint),
                false,
            ));
        }
        vec![
            create_associated_token_account_idempotent(&payer, &payer, &lp_mint, &spl_token::id()),
            Instruction::new_with_bytes(
                pool::ID,
                &pool::instruction::AddLiquidity {
                    collateral: POOL_LIQUIDITY,
                    min_lp_out: 0,
                    odds: Vec::new(),
                }
                .data(),
                accounts,
            ),
        ]
    }

    /// The sender `index`'s `buy` of outcome `index % 2` for `collateral_in`.
    fn pool_buy(&self, at: &BuyAddresses, index: usize, collateral_in: u64) -> Instruction {
        let outcome = index % 2;
        let mut accounts = pool::accounts::Buy {
            trader: self.senders[index].pubkey(),
            config: arena::client::config_address(),
            arena: at.arena,
            arena_vault: at.arena_vault,
            pool: at.pool,
            pool_collateral: at.pool_collateral,
            trader_collateral: self.sender_tokens[index].pubkey(),
            trader_outcome: at.owner_outcome[index][outcome],
            arena_program: arena::ID,
            token_program: spl_token::id(),
        }
        .to_account_metas(None);
        accounts.extend(at.vault_metas.iter().cloned());
        Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::Buy {
                outcome: outcome as u8,
                collateral_in,
                min_tokens_out: 0,
            }
            .data(),
            accounts,
        )
    }

    /// The addresses every `buy` names, derived once per batch.
    fn buy_addresses(&self) -> BuyAddresses {
        let arena = arena::client::arena_address(ARENA_ID);
        let pool = Self::pool_address();
        let mints = [self.outcome_mint(0), self.outcome_mint(1)];
        BuyAddresses {
            arena,
            arena_vault: arena::client::vault_address(&arena),
            pool,
            pool_collateral: Self::pool_seed_address(pool::constants::COLLATERAL_SEED, &pool),
            vault_metas: self.pool_vault_metas(&pool),
            owner_outcome: self
                .senders
                .iter()
                .map(|sender| {
                    mints.map(|mint| get_associated_token_address(&sender.pubkey(), &mint))
                })
                .collect(),
        }
    }

    /// The addresses every `place_order` names, derived once per batch.
    fn order_addresses(&self) -> OrderAddresses {
        use orderbook::constants::{BASE_VAULT_SEED, QUOTE_VAULT_SEED};
        let market = self.market.pubkey();
        let base_mint = self.outcome_mint(MARKET_OUTCOME);
        OrderAddresses {
            market,
            arena: arena::client::arena_address(ARENA_ID),
            base_vault: Self::market_seed_address(BASE_VAULT_SEED, &market),
            quote_vault: Self::market_seed_address(QUOTE_VAULT_SEED, &market),
            owner_base: self
                .senders
                .iter()
                .map(|sender| get_associated_token_address(&sender.pubkey(), &base_mint))
                .collect(),
        }
    }

    /// The sender `index`'s `place_order`: a Limit bid when `i` is even, an ask when odd, one
    /// lot at one price; `client_order_id` keeps signatures apart.
    fn place_order(
        &self,
        at: &OrderAddresses,
        index: usize,
        i: usize,
        client_order_id: u64,
    ) -> Instruction {
        let args = orderbook::instructions::PlaceOrderArgs {
            side: if i.is_multiple_of(2) {
                orderbook::book::Side::Bid
            } else {
                orderbook::book::Side::Ask
            },
            order_type: orderbook::matching::OrderType::Limit,
            price: ORDER_PRICE,
            lots: ORDER_LOTS,
            client_order_id,
            expiry_ts: 0,
            self_trade: orderbook::matching::SelfTradeBehavior::CancelProvide,
            match_limit: 0,
        };
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::PlaceOrder { args }.data(),
            orderbook::accounts::PlaceOrder {
                owner: self.senders[index].pubkey(),
                market: at.market,
                arena: at.arena,
                base_vault: at.base_vault,
                quote_vault: at.quote_vault,
                owner_base: at.owner_base[index],
                owner_quote: self.sender_tokens[index].pubkey(),
                token_program: spl_token::id(),
            }
            .to_account_metas(None),
        )
    }

    /// The arena config (the payer as admin and treasury) and the arena bets go to.
    fn arena_instructions(&self) -> Vec<Instruction> {
        let payer = self.payer.pubkey();
        let args = arena::instructions::CreateArenaArgs {
            title: "Benchmark arena".into(),
            category: "bench".into(),
            outcomes: vec!["Yes".into(), "No".into()],
            close_ts: ARENA_CLOSE_TS,
            creator_fee_bps: 0,
            resolver: payer,
        };
        vec![
            arena::client::initialize_config(&payer, &payer, 100),
            arena::client::create_arena(&payer, ARENA_ID, &self.mint.pubkey(), args),
        ]
    }

    /// The bettor `index`'s `place_bet` of `amount` token units on one of the two outcomes.
    fn place_bet(&self, index: usize, amount: u64) -> Instruction {
        arena::client::place_bet(
            &arena::client::arena_address(ARENA_ID),
            &self.senders[index].pubkey(),
            &self.sender_tokens[index].pubkey(),
            (index % 2) as u8,
            amount,
        )
    }

    /// Creates a token account of the mint for `owner` and mints `tokens` to it.
    fn token_account_instructions(
        &self,
        account: &Keypair,
        owner: &Pubkey,
        tokens: u64,
    ) -> Result<Vec<Instruction>> {
        let len = spl_token::state::Account::LEN;
        let mut ixs = vec![
            system::create_account(
                &self.payer.pubkey(),
                &account.pubkey(),
                Rent::default().minimum_balance(len),
                len as u64,
                &spl_token::id(),
            ),
            spl_token::instruction::initialize_account3(
                &spl_token::id(),
                &account.pubkey(),
                &self.mint.pubkey(),
                owner,
            )?,
        ];
        if tokens > 0 {
            ixs.push(spl_token::instruction::mint_to(
                &spl_token::id(),
                &self.mint.pubkey(),
                &account.pubkey(),
                &self.payer.pubkey(),
                &[],
                tokens,
            )?);
        }
        Ok(ixs)
    }

    /// A transaction paid and signed by the payer and `signers`.
    fn sign(
        &self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        blockhash: Hash,
    ) -> Result<Transaction> {
        let mut all = vec![&self.payer];
        all.extend_from_slice(signers);
        let tx =
            Transaction::new_signed_with_payer(ixs, Some(&self.payer.pubkey()), &all, blockhash);
        let size = bincode::serialized_size(&tx).context("sizing a setup transaction")?;
        ensure!(
            size as usize <= PACKET_DATA_SIZE,
            "setup transaction of {size} bytes exceeds {PACKET_DATA_SIZE}"
        );
        Ok(tx)
    }

    /// `count` (at most `MAX_BATCH`) transfers of `kind`, each from the next sender in turn,
    /// each signed by its sender alone (who pays the fee). `salt` makes the amounts, hence the
    /// signatures, of one batch differ from every other batch's: give each batch its own.
    pub fn transfers(
        &self,
        kind: Kind,
        count: usize,
        salt: u64,
        blockhash: Hash,
    ) -> Vec<Transaction> {
        assert!(count <= MAX_BATCH, "a batch of {count} transfers");
        let orders = (kind == Kind::PlaceOrder).then(|| self.order_addresses());
        let buys = (kind == Kind::PoolBuy).then(|| self.buy_addresses());
        // A market seats at most MAX_SEATS traders.
        let senders = match kind {
            Kind::PlaceOrder => self.senders.len().min(orderbook::constants::MAX_SEATS),
            _ => self.senders.len(),
        };
        (0..count)
            .map(|i| {
                let index = i % senders;
                let sender = &self.senders[index];
                let amount = 1 + salt * MAX_BATCH as u64 + i as u64;
                let ix = match kind {
                    Kind::Sol => system::transfer(&sender.pubkey(), &self.receiver, amount),
                    Kind::Spl => spl_token::instruction::transfer(
                        &spl_token::id(),
                        &self.sender_tokens[index].pubkey(),
                        &self.receiver_token.pubkey(),
                        &sender.pubkey(),
                        &[],
                        amount,
                    )
                    .expect("the SPL Token program id is the one passed"),
                    Kind::PlaceBet => self.place_bet(index, amount),
                    Kind::PlaceOrder => {
                        let at = orders.as_ref().expect("derived for place_order");
                        self.place_order(at, index, i, amount)
                    }
                    Kind::PoolBuy => {
                        let at = buys.as_ref().expect("derived for buy");
                        self.pool_buy(at, index, amount)
                    }
                };
                Transaction::new_signed_with_payer(
                    &[ix],
                    Some(&sender.pubkey()),
                    &[sender],
                    blockhash,
                )
            })
            .collect()
    }

    /// One SOL transfer of `lamports` from the sender `index` (modulo) to `to`.
    pub fn transfer_to(
        &self,
        index: usize,
        to: &Pubkey,
        lamports: u64,
        blockhash: Hash,
    ) -> Transaction {
        let sender = &self.senders[index % self.senders.len()];
        let ix = system::transfer(&sender.pubkey(), to, lamports);
        Transaction::new_signed_with_payer(&[ix], Some(&sender.pubkey()), &[sender], blockhash)
    }
}
