use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};
use arena::constants::CONFIG_SEED;
use arena::state::{Arena, ArenaStatus, Config};

use crate::constants::{BASE_VAULT_SEED, MARKET_SEED, QUOTE_VAULT_SEED};
use crate::errors::OrderbookError;
use crate::events::MarketCreated;
use crate::math::{Bps, MarketParams};
use crate::state::{Market, MarketAuthority};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct CreateMarketArgs {
    /// The arena's outcome whose token the market trades.
    pub outcome: u8,
    /// Quote units per lot per tick: one tick of price on one lot.
    pub tick_size: u64,
    /// Base units per lot; a multiple of `tick_size`, of at least two ticks.
    pub lot_size: u64,
    pub maker_fee_bps: u16,
    pub taker_fee_bps: u16,
}

/// `market` is a fresh account of [`Market::SPACE`] bytes owned by this program, created by
/// the client (system program `create_account`) earlier in the same transaction.
#[derive(Accounts)]
#[instruction(args: CreateMarketArgs)]
pub struct CreateMarket<'info> {
    #[account(mut)]
    pub creator: Signer<'info>,
    #[account(seeds = [CONFIG_SEED], bump = config.bump, seeds::program = arena::ID)]
    pub config: Box<Account<'info, Config>>,
    #[account(constraint = args.outcome < arena.outcome_count @ OrderbookError::InvalidOutcome)]
    pub arena: Box<Account<'info, Arena>>,
    #[account(zero)]
    pub market: AccountLoader<'info, Market>,
    #[account(
        init,
        payer = creator,
        space = 8 + MarketAuthority::INIT_SPACE,
        seeds = [MARKET_SEED, arena.key().as_ref(), &[args.outcome]],
        bump,
    )]
    pub authority: Box<Account<'info, MarketAuthority>>,
    #[account(address = arena.outcome_mints[usize::from(args.outcome)])]
    pub base_mint: Box<Account<'info, Mint>>,
    #[account(address = arena.collateral_mint)]
    pub quote_mint: Box<Account<'info, Mint>>,
    #[account(
        init,
        payer = creator,
        seeds = [BASE_VAULT_SEED, market.key().as_ref()],
        bump,
        token::mint = base_mint,
        token::authority = authority,
    )]
    pub base_vault: Box<Account<'info, TokenAccount>>,
    #[account(
        init,
        payer = creator,
        seeds = [QUOTE_VAULT_SEED, market.key().as_ref()],
        bump,
        token::mint = quote_mint,
        token::authority = authority,
    )]
    pub quote_vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<CreateMarket>, args: CreateMarketArgs) -> Result<()> {
    let creator = ctx.accounts.creator.key();
    let arena = &ctx.accounts.arena;
    require!(
        creator == arena.creator || creator == ctx.accounts.config.admin,
        OrderbookError::NotMarketCreator
    );
    require!(
        arena.status == ArenaStatus::Open,
        OrderbookError::TradingClosed
    );
    require!(
        Bps::new(args.maker_fee_bps).is_some() && Bps::new(args.taker_fee_bps).is_some(),
        OrderbookError::FeeTooHigh
    );
    let params = MarketParams::new(
        args.tick_size,
        args.lot_size,
        args.maker_fee_bps,
        args.taker_fee_bps,
    )
    .ok_or(OrderbookError::InvalidMarketParams)?;
    require_eq!(
        ctx.accounts.market.to_account_info().data_len(),
        Market::SPACE,
        OrderbookError::MarketAccountSize
    );

    let now = Clock::get()?.unix_timestamp;
    let market_key = ctx.accounts.market.key();
    let authority_key = ctx.accounts.authority.key();
    let mut market = ctx.accounts.market.load_init()?;
    market.arena = arena.key();
    market.authority = authority_key;
    market.base_mint = ctx.accounts.base_mint.key();
    market.quote_mint = ctx.accounts.quote_mint.key();
    market.base_vault = ctx.accounts.base_vault.key();
    market.quote_vault = ctx.accounts.quote_vault.key();
    market.creator = creator;
    market.tick_size = params.tick_size();
    market.lot_size = params.lot_size();
    market.next_order_id = 1;
    market.created_ts = now;
    market.maker_fee_bps = params.maker_fee().get();
    market.taker_fee_bps = params.taker_fee().get();
    market.outcome = args.outcome;
    market.authority_bump = ctx.bumps.authority;
    market.book.init();

    ctx.accounts.authority.set_inner(MarketAuthority {
        market: market_key,
        arena: arena.key(),
        outcome: args.outcome,
        bump: ctx.bumps.authority,
    });

    emit!(MarketCreated {
        market: market_key,
        arena: market.arena,
        outcome: args.outcome,
        authority: authority_key,
        base_mint: market.base_mint,
        quote_mint: market.quote_mint,
        base_vault: market.base_vault,
        quote_vault: market.quote_vault,
        creator,
        tick_size: market.tick_size,
        lot_size: market.lot_size,
        maker_fee_bps: market.maker_fee_bps,
        taker_fee_bps: market.taker_fee_bps,
        ts: now,
    });
    Ok(())
}
