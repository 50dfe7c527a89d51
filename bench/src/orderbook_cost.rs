//! The order book's instructions, each measured in a transaction of its own, on books of
//! several depths, on a runtime whose state is the same in every run (fixed keys, fixed
//! amounts), so that callgrind counts the same work each time.
//!
//! For each depth, a market of its own (one arena each) where a background trader rests
//! `depth` bids (1..=40 ticks) and `depth` asks (60..=99 ticks); a maker then posts `fills`
//! asks at 45..=52 ticks and a taker's immediate-or-cancel bid at 55 takes them all, so the
//! measured order makes exactly `fills` fills and leaves the background untouched.

use anchor_lang::{InstructionData, ToAccountMetas};
use anyhow::{anyhow, ensure, Result};
use arena::instructions::CreateArenaArgs;
use betfun_program_test::set_unix_timestamp;
use litesvm::LiteSVM;
use orderbook::book::Side;
use orderbook::constants::{BASE_VAULT_SEED, MARKET_SEED, QUOTE_VAULT_SEED};
use orderbook::instructions::{CreateMarketArgs, PlaceOrderArgs};
use orderbook::matching::{OrderType, SelfTradeBehavior};
use orderbook::state::Market;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_system_interface::instruction as system;
use solana_transaction::Transaction;
use spl_associated_token_account_client::address::get_associated_token_address;
use spl_associated_token_account_client::instruction::create_associated_token_account_idempotent;

const SOL: u64 = 1_000_000_000;
const USDC: u64 = 1_000_000;
const DAY: i64 = 86_400;
const START_TS: i64 = 1_700_000_000;
/// Resting orders per side of the books measured: at most 470, so that the 32 asks the maker
/// posts and the order that rests still fit in a side of MAX_ORDERS_PER_SIDE (512) without
/// evicting any.
pub const DEPTHS: &[usize] = &[10, 100, 250, 470];
/// Fills of one measured order; the program takes at most 16 per order (MAX_MATCH_LIMIT),
/// so 32 fills are measured as two orders of 16.
pub const FILLS: &[u64] = &[1, 8, 16];
/// Lots of each maker order taken.
const MAKER_LOTS: u64 = 3;
const BACKGROUND_LOTS: u64 = 5;
/// Resting orders placed per setup transaction.
const PER_TX: usize = 4;

/// The measured steps, for one depth, in the order [`run`] executes them.
pub fn steps_of_depth() -> Vec<String> {
    let mut steps = vec!["deposit (first: claims a seat)".to_string()];
    for &fills in FILLS {
        steps.push(format!("place_order, {fills} fills"));
    }
    steps.push("place_order, 32 fills: first order of 16".into());
    steps.push("place_order, 32 fills: second order of 16".into());
    steps.push("place_order, 0 fills (rests at the front: best ask)".into());
    steps.push("cancel_order_by_client_id (the best ask)".into());
    steps.push("place_order, 0 fills (rests at the back: worst ask)".into());
    steps.push("cancel_order_by_client_id (the worst ask)".into());
    steps
}

/// Every measured step: `(depth, step)`.
pub fn steps() -> Vec<(usize, String)> {
    DEPTHS
        .iter()
        .flat_map(|&depth| steps_of_depth().into_iter().map(move |step| (depth, step)))
        .collect()
}

struct World {
    admin: Keypair,
    mint_authority: Keypair,
    collateral: Keypair,
    creator: Keypair,
    background: Keypair,
    maker: Keypair,
    taker: Keypair,
}

fn key(seed: u8) -> Keypair {
    Keypair::new_from_array([seed; 32])
}

fn market_authority(arena: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[MARKET_SEED, arena.as_ref(), &[0]], &orderbook::ID).0
}

fn base_vault(market: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[BASE_VAULT_SEED, market.as_ref()], &orderbook::ID).0
}

fn quote_vault(market: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[QUOTE_VAULT_SEED, market.as_ref()], &orderbook::ID).0
}

/// One arena and the market on its outcome 0.
struct Book {
    arena: Pubkey,
    market: Pubkey,
    collateral: Pubkey,
}

impl Book {
    fn base_mint(&self) -> Pubkey {
        arena::client::outcome_mint_address(&self.arena, 0)
    }

    fn place(&self, owner: &Pubkey, args: PlaceOrderArgs) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::PlaceOrder { args }.data(),
            orderbook::accounts::PlaceOrder {
                owner: *owner,
                market: self.market,
                arena: self.arena,
                base_vault: base_vault(&self.market),
                quote_vault: quote_vault(&self.market),
                owner_base: get_associated_token_address(owner, &self.base_mint()),
                owner_quote: get_associated_token_address(owner, &self.collateral),
                token_program: spl_token::id(),
            }
            .to_account_metas(None),
        )
    }

    fn deposit(&self, owner: &Pubkey, base: u64, quote: u64) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::Deposit {
                base_amount: base,
                quote_amount: quote,
            }
            .data(),
            orderbook::accounts::Deposit {
                owner: *owner,
                market: self.market,
                base_vault: base_vault(&self.market),
                quote_vault: quote_vault(&self.market),
                owner_base: get_associated_token_address(owner, &self.base_mint()),
                owner_quote: get_associated_token_address(owner, &self.collateral),
                token_program: spl_token::id(),
            }
            .to_account_metas(None),
        )
    }

    fn cancel_by_client_id(&self, owner: &Pubkey, client_order_id: u64) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::CancelOrderByClientId { client_order_id }.data(),
            orderbook::accounts::CancelOrderByClientId {
                owner: *owner,
                market: self.market,
            }
            .to_account_metas(None),
        )
    }
}

fn order(side: Side, order_type: OrderType, price: u64, lots: u64) -> PlaceOrderArgs {
    PlaceOrderArgs {
        side,
        order_type,
        price,
        lots,
        client_order_id: 0,
        expiry_ts: 0,
        self_trade: SelfTradeBehavior::CancelProvide,
        match_limit: 0,
    }
}

/// Runs the scenario on `svm`, handing each measured transaction to `measure` (which must
/// send it) and sending the rest itself. Fails at the first transaction that fails.
pub fn run(
    svm: &mut LiteSVM,
    mut measure: impl FnMut(&mut LiteSVM, Transaction) -> litesvm::types::TransactionResult,
) -> Result<()> {
    let w = World {
        admin: key(1),
        mint_authority: key(2),
        collateral: key(3),
        creator: key(4),
        background: key(5),
        maker: key(6),
        taker: key(7),
    };
    set_unix_timestamp(svm, START_TS);
    for wallet in [&w.admin, &w.creator, &w.background, &w.maker, &w.taker] {
        svm.airdrop(&wallet.pubkey(), 100 * SOL)
            .map_err(|e| anyhow!("airdrop: {:?}", e.err))?;
    }
    setup_collateral(svm, &w)?;
    let all_steps = steps();
    let mut names = all_steps.iter();
    let mut step = |svm: &mut LiteSVM, payer: &Keypair, ix: Instruction| -> Result<()> {
        let (depth, name) = names
            .next()
            .ok_or_else(|| anyhow!("more steps than steps()"))?;
        let tx = sign(svm, payer, &[ix], &[]);
        let result = measure(svm, tx);
        svm.expire_blockhash();
        result.map_err(|e| anyhow!("{name} at depth {depth}: {:?}\n{:#?}", e.err, e.meta.logs))?;
        Ok(())
    };

    for (index, &depth) in DEPTHS.iter().enumerate() {
        let book = create_book(svm, &w, index as u64, 20 + index as u8)?;
        for trader in [&w.background, &w.maker, &w.taker] {
            outcome_tokens(svm, &w, &book, trader, 10_000 * USDC)?;
        }
        let (background, maker, taker) =
            (w.background.pubkey(), w.maker.pubkey(), w.taker.pubkey());
        send(
            svm,
            &w.background,
            &[book.deposit(&background, 5_000 * USDC, 5_000 * USDC)],
        )?;
        send(
            svm,
            &w.maker,
            &[book.deposit(&maker, 5_000 * USDC, 5_000 * USDC)],
        )?;
        let resting: Vec<Instruction> = (0..depth as u64)
            .flat_map(|i| {
                [
                    book.place(
                        &background,
                        order(Side::Bid, OrderType::Limit, 1 + i % 40, BACKGROUND_LOTS),
                    ),
                    book.place(
                        &background,
                        order(Side::Ask, OrderType::Limit, 60 + i % 40, BACKGROUND_LOTS),
                    ),
                ]
            })
            .collect();
        for chunk in resting.chunks(PER_TX) {
            send(svm, &w.background, chunk)?;
        }

        // Measured: the taker's first deposit, which claims its seat.
        step(svm, &w.taker, book.deposit(&taker, 0, 5_000 * USDC))?;
        for &fills in FILLS.iter().filter(|&&f| f > 0) {
            post_asks(svm, &w.maker, &book, fills)?;
            let take = order(
                Side::Bid,
                OrderType::ImmediateOrCancel,
                55,
                MAKER_LOTS * fills,
            );
            step(svm, &w.taker, book.place(&taker, take))?;
        }
        // 32 fills: two orders of 16 (the match limit) on 32 posted asks.
        post_asks(svm, &w.maker, &book, 32)?;
        for _ in 0..2 {
            let take = order(Side::Bid, OrderType::ImmediateOrCancel, 55, MAKER_LOTS * 16);
            step(svm, &w.taker, book.place(&taker, take))?;
        }
        // An ask between the background's bids and asks: it rests; then it is cancelled.
        let mut rest = order(Side::Ask, OrderType::Limit, 58, MAKER_LOTS);
        rest.client_order_id = 777;
        step(svm, &w.maker, book.place(&maker, rest))?;
        step(svm, &w.maker, book.cancel_by_client_id(&maker, 777))?;
        // An ask behind every resting ask (the highest price, the latest in time): the side
        // is an array sorted worst first, so it goes in at index 0 and every order moves.
        let mut back = order(Side::Ask, OrderType::Limit, 99, MAKER_LOTS);
        back.client_order_id = 778;
        step(svm, &w.maker, book.place(&maker, back))?;
        step(svm, &w.maker, book.cancel_by_client_id(&maker, 778))?;

        let market = market_state(svm, &book.market)?;
        for side in [Side::Bid, Side::Ask] {
            let resting = market.book.side(side).len();
            ensure!(
                resting == depth,
                "depth {depth}: {resting} orders rest on the {side:?} side afterwards"
            );
        }
    }
    ensure!(names.next().is_none(), "fewer steps than steps()");
    Ok(())
}

/// The maker posts `count` asks at 45..=52 ticks, below the background's asks.
fn post_asks(svm: &mut LiteSVM, maker: &Keypair, book: &Book, count: u64) -> Result<()> {
    let owner = maker.pubkey();
    let asks: Vec<Instruction> = (0..count)
        .map(|i| {
            let args = order(Side::Ask, OrderType::Limit, 45 + i % 8, MAKER_LOTS);
            book.place(&owner, args)
        })
        .collect();
    for chunk in asks.chunks(PER_TX) {
        send(svm, maker, chunk)?;
    }
    Ok(())
}

fn market_state(svm: &LiteSVM, address: &Pubkey) -> Result<Box<Market>> {
    let account = svm
        .get_account(address)
        .ok_or_else(|| anyhow!("no market"))?;
    let mut market: Box<Market> = bytemuck::zeroed_box();
    bytemuck::bytes_of_mut(&mut *market).copy_from_slice(&account.data[8..]);
    Ok(market)
}

/// The collateral mint (6 decimals) and each wallet's collateral account with 100,000 units.
fn setup_collateral(svm: &mut LiteSVM, w: &World) -> Result<()> {
    let mint = w.collateral.pubkey();
    let admin = w.admin.pubkey();
    let space = spl_token::state::Mint::LEN;
    let create_mint = [
        system::create_account(
            &admin,
            &mint,
            svm.minimum_balance_for_rent_exemption(space),
            space as u64,
            &spl_token::id(),
        ),
        spl_token::instruction::initialize_mint2(
            &spl_token::id(),
            &mint,
            &w.mint_authority.pubkey(),
            None,
            6,
        )?,
    ];
    let tx = sign(svm, &w.admin, &create_mint, &[&w.collateral]);
    svm.send_transaction(tx)
        .map_err(|e| anyhow!("collateral mint: {:?}", e.err))?;
    let config = arena::client::initialize_config(&admin, &admin, 100);
    send(svm, &w.admin, &[config])?;
    for owner in [&w.admin, &w.creator, &w.background, &w.maker, &w.taker] {
        let owner = owner.pubkey();
        let account = get_associated_token_address(&owner, &mint);
        let create =
            create_associated_token_account_idempotent(&admin, &owner, &mint, &spl_token::id());
        let mint_to = spl_token::instruction::mint_to(
            &spl_token::id(),
            &mint,
            &account,
            &w.mint_authority.pubkey(),
            &[],
            100_000 * USDC,
        )?;
        let tx = sign(svm, &w.admin, &[create, mint_to], &[&w.mint_authority]);
        svm.send_transaction(tx)
            .map_err(|e| anyhow!("collateral: {:?}", e.err))?;
        svm.expire_blockhash();
    }
    Ok(())
}

/// Arena `id` (two outcomes) and a market on its outcome 0, the market's account from the
/// fixed seed `market_seed`, created in two instructions as the client does.
fn create_book(svm: &mut LiteSVM, w: &World, id: u64, market_seed: u8) -> Result<Book> {
    let creator = w.creator.pubkey();
    let collateral = w.collateral.pubkey();
    let args = CreateArenaArgs {
        title: format!("Book {id}"),
        category: "bench".into(),
        outcomes: vec!["Yes".into(), "No".into()],
        close_ts: START_TS + DAY,
        creator_fee_bps: 0,
        resolver: creator,
    };
    send(
        svm,
        &w.creator,
        &[arena::client::create_arena(&creator, id, &collateral, args)],
    )?;
    let arena = arena::client::arena_address(id);
    let market = key(market_seed);
    let book = Book {
        arena,
        market: market.pubkey(),
        collateral,
    };
    let create_account = system::create_account(
        &creator,
        &book.market,
        svm.minimum_balance_for_rent_exemption(Market::SPACE),
        Market::SPACE as u64,
        &orderbook::ID,
    );
    let args = CreateMarketArgs {
        outcome: 0,
        tick_size: 100,
        lot_size: 10_000,
        maker_fee_bps: 10,
        taker_fee_bps: 30,
    };
    let initialize = Instruction::new_with_bytes(
        orderbook::ID,
        &orderbook::instruction::CreateMarket { args }.data(),
        orderbook::accounts::CreateMarket {
            creator,
            config: arena::client::config_address(),
            arena,
            market: book.market,
            authority: market_authority(&arena),
            base_mint: book.base_mint(),
            quote_mint: collateral,
            base_vault: base_vault(&book.market),
            quote_vault: quote_vault(&book.market),
            token_program: spl_token::id(),
            system_program: solana_system_interface::program::ID,
        }
        .to_account_metas(None),
    );
    let tx = sign(svm, &w.creator, &[create_account, initialize], &[&market]);
    svm.send_transaction(tx)
        .map_err(|e| anyhow!("create_market: {:?}\n{:#?}", e.err, e.meta.logs))?;
    svm.expire_blockhash();
    Ok(book)
}

/// `trader`'s token accounts of both outcomes of `book`'s arena, and `shares` of each
/// (split from collateral).
fn outcome_tokens(
    svm: &mut LiteSVM,
    _w: &World,
    book: &Book,
    trader: &Keypair,
    shares: u64,
) -> Result<()> {
    let owner = trader.pubkey();
    let mints: Vec<Pubkey> = (0..2)
        .map(|index| arena::client::outcome_mint_address(&book.arena, index))
        .collect();
    let create: Vec<Instruction> = mints
        .iter()
        .map(|mint| {
            create_associated_token_account_idempotent(&owner, &owner, mint, &spl_token::id())
        })
        .collect();
    send(svm, trader, &create)?;
    let accounts: Vec<Pubkey> = mints
        .iter()
        .map(|mint| get_associated_token_address(&owner, mint))
        .collect();
    let collateral = get_associated_token_address(&owner, &book.collateral);
    let split = arena::client::split(&book.arena, &owner, &collateral, &accounts, shares);
    send(svm, trader, &[split])
}

fn sign(svm: &LiteSVM, payer: &Keypair, ixs: &[Instruction], signers: &[&Keypair]) -> Transaction {
    let mut all = vec![payer];
    all.extend_from_slice(signers);
    Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, svm.latest_blockhash())
}

/// Sends an unmeasured transaction; a new blockhash keeps later identical ones distinct.
fn send(svm: &mut LiteSVM, payer: &Keypair, ixs: &[Instruction]) -> Result<()> {
    let tx = sign(svm, payer, ixs, &[]);
    let result = svm.send_transaction(tx);
    svm.expire_blockhash();
    result.map_err(|e| anyhow!("setup: {:?}\n{:#?}", e.err, e.meta.logs))?;
    Ok(())
}
