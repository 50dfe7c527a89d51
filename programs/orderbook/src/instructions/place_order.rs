use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};
use arena::state::{Arena, ArenaStatus};

use crate::book::Side;
use crate::errors::OrderbookError;
use crate::events::{emit_removal, OrderFilled, OrderPlaced};
use crate::matching::{Balances, BookEvent, OrderRequest, OrderType, SelfTradeBehavior};
use crate::math::{Lots, Ticks};
use crate::state::Market;
use crate::vault::pay_in;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug)]
pub struct PlaceOrderArgs {
    pub side: Side,
    pub order_type: OrderType,
    /// Ticks: the limit price, or a market order's worst-price bound.
    pub price: u64,
    pub lots: u64,
    /// The trader's own id for the order, echoed in events; cancel by it.
    pub client_order_id: u64,
    /// Unix time from which a Limit or PostOnly order is expired; 0 for none.
    pub expiry_ts: i64,
    pub self_trade: SelfTradeBehavior,
    /// The most fills this order takes; 0 for the maximum (16).
    pub match_limit: u8,
}

impl From<PlaceOrderArgs> for OrderRequest {
    fn from(args: PlaceOrderArgs) -> Self {
        OrderRequest {
            side: args.side,
            order_type: args.order_type,
            price: Ticks(args.price),
            lots: Lots(args.lots),
            client_order_id: args.client_order_id,
            expiry_ts: args.expiry_ts,
            self_trade: args.self_trade,
            match_limit: args.match_limit,
        }
    }
}

#[derive(Accounts)]
pub struct PlaceOrder<'info> {
    pub owner: Signer<'info>,
    #[account(mut, has_one = arena, has_one = base_vault, has_one = quote_vault)]
    pub market: AccountLoader<'info, Market>,
    pub arena: Box<Account<'info, Arena>>,
    #[account(mut)]
    pub base_vault: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub quote_vault: Box<Account<'info, TokenAccount>>,
    /// Pays base the free balance lacks (asks).
    #[account(mut, token::mint = base_vault.mint, token::authority = owner)]
    pub owner_base: Box<Account<'info, TokenAccount>>,
    /// Pays quote the free balance lacks (bids).
    #[account(mut, token::mint = quote_vault.mint, token::authority = owner)]
    pub owner_quote: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Matches the order against the book, settles the fills into the seats, rests what is left
/// when the order type allows, and transfers from the owner's token accounts what its free
/// balances lack. Claims a seat on the owner's first order.
pub fn handler(ctx: Context<PlaceOrder>, args: PlaceOrderArgs) -> Result<()> {
    require!(
        ctx.accounts.arena.status == ArenaStatus::Open,
        OrderbookError::TradingClosed
    );
    let now = Clock::get()?.unix_timestamp;
    let owner = ctx.accounts.owner.key();
    let market_key = ctx.accounts.market.key();
    let wallet = Balances {
        base: ctx.accounts.owner_base.amount,
        quote: ctx.accounts.owner_quote.amount,
    };
    let request = OrderRequest::from(args);

    let deposit = {
        let mut market = ctx.accounts.market.load_mut()?;
        let order_id = market.take_order_id()?;
        let mut engine = market.engine()?;
        let seat = engine.seats.find_or_claim(&owner)?;
        let outcome = engine.place(seat, order_id, &request, now, wallet)?;
        for event in &outcome.events {
            match event {
                BookEvent::Fill(fill) => emit!(OrderFilled {
                    market: market_key,
                    maker: engine.seats.get(fill.maker_seat).owner,
                    taker: owner,
                    maker_order_id: fill.maker_order_id,
                    taker_order_id: order_id,
                    taker_side: args.side,
                    price: fill.price.0,
                    lots: fill.lots.0,
                    base_amount: fill.base_amount,
                    quote_amount: fill.quote_amount,
                    maker_fee: fill.maker_fee,
                    taker_fee: fill.taker_fee,
                    maker_remaining_lots: fill.maker_remaining.0,
                }),
                BookEvent::Removal(removal) => {
                    emit_removal(market_key, engine.seats.get(removal.seat).owner, removal)
                }
            }
        }
        emit!(OrderPlaced {
            market: market_key,
            owner,
            order_id,
            client_order_id: args.client_order_id,
            side: args.side,
            order_type: args.order_type,
            price: args.price,
            lots: args.lots,
            filled_lots: outcome.filled.0,
            posted_lots: outcome.posted.0,
            expiry_ts: args.expiry_ts,
            base_deposited: outcome.deposit.base,
            quote_deposited: outcome.deposit.quote,
            ts: now,
        });
        outcome.deposit
    };

    let token_program = ctx.accounts.token_program.to_account_info();
    let owner = ctx.accounts.owner.to_account_info();
    pay_in(
        &token_program,
        &owner,
        &ctx.accounts.owner_base.to_account_info(),
        &ctx.accounts.base_vault.to_account_info(),
        deposit.base,
    )?;
    pay_in(
        &token_program,
        &owner,
        &ctx.accounts.owner_quote.to_account_info(),
        &ctx.accounts.quote_vault.to_account_info(),
        deposit.quote,
    )
}
