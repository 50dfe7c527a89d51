//! Pure arithmetic of the fixed-product market maker: trades, deposits, withdrawals, prices.
//!
//! The pool holds `balances[i]` of each outcome token. A trade keeps the product of the
//! balances, computed on the amount net of the fee, and the fee then stays in the pool as
//! complete sets (one token of every outcome per collateral unit): every balance grows by the
//! fee, so the product grows and each LP token is worth more outcome tokens.
//!
//! Rounding always favours the pool: tokens paid out round down, tokens and fees taken in
//! round up. Products of up to eight balances are compared exactly with [`Product`].
//! All functions take the balances of the pool's outcomes only (2 to 8 of them) and run a
//! bounded number of steps: at most one pass over the outcomes, or 64 bisection steps of one.

use crate::constants::{MAX_FEE_BPS, MAX_OUTCOMES, MIN_OUTCOMES, PRICE_SCALE};

pub const BPS_DENOMINATOR: u64 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathError {
    /// A result or an intermediate value does not fit in a u64.
    Overflow,
    /// The pool holds no liquidity to trade against.
    EmptyPool,
    /// The pool cannot pay this much collateral.
    InsufficientLiquidity,
    /// The amount is too small to move anything (zero tokens or zero LP tokens).
    TooSmall,
    /// The starting odds are malformed or too extreme for the deposit.
    InvalidOdds,
    /// An outcome index out of range, or a count outside 2..=8.
    InvalidOutcome,
    /// More LP tokens than exist.
    InsufficientLp,
}

pub type MathResult<T> = Result<T, MathError>;

/// The pool's fee rate in basis points of the collateral a trade moves, at most
/// [`MAX_FEE_BPS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fee(u16);

impl Fee {
    pub fn new(bps: u16) -> Option<Self> {
        (bps <= MAX_FEE_BPS).then_some(Self(bps))
    }

    pub fn bps(self) -> u16 {
        self.0
    }

    /// The fee taken out of `collateral_in` paid by a buyer: rounded up.
    pub fn on_gross(self, collateral_in: u64) -> u64 {
        // Cannot fail: the rate is below 100%, so the fee is at most `collateral_in`.
        mul_div_up(collateral_in, u64::from(self.0), BPS_DENOMINATOR).unwrap_or(collateral_in)
    }

    /// The collateral a sale must take out of the pool so that, less the fee, the seller
    /// receives `collateral_out`: `collateral_out / (1 - rate)`, rounded up.
    pub fn gross_for_net(self, collateral_out: u64) -> MathResult<u64> {
        mul_div_up(
            collateral_out,
            BPS_DENOMINATOR,
            BPS_DENOMINATOR - u64::from(self.0),
        )
    }
}

/// A buy: `collateral_in` is split into complete sets; `tokens_out` of the outcome leave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buy {
    pub fee: u64,
    pub tokens_out: u64,
    pub balances: Vec<u64>,
}

/// A sale: `tokens_in` of the outcome enter; `collateral_out + fee` sets' worth is computed
/// against the product, and only `collateral_out` sets are merged and paid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sell {
    pub fee: u64,
    pub tokens_in: u64,
    pub balances: Vec<u64>,
}

/// A deposit of `collateral` split into complete sets: `added[i]` of each outcome stays in
/// the pool, `returned[i] = collateral - added[i]` goes back to the provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deposit {
    pub lp_minted: u64,
    pub added: Vec<u64>,
    pub returned: Vec<u64>,
    pub balances: Vec<u64>,
}

/// A withdrawal of `lp` LP tokens: `amounts[i]` of each outcome leave the pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Withdrawal {
    pub amounts: Vec<u64>,
    pub balances: Vec<u64>,
}

fn check_pool(balances: &[u64], outcome: usize) -> MathResult<()> {
    if !(MIN_OUTCOMES..=MAX_OUTCOMES).contains(&balances.len()) || outcome >= balances.len() {
        return Err(MathError::InvalidOutcome);
    }
    if balances.contains(&0) {
        return Err(MathError::EmptyPool);
    }
    Ok(())
}

/// Buys outcome `outcome` with `collateral_in`.
///
/// With `net = collateral_in - fee`, the outcome's balance before the fee is `ending` such
/// that `ending * prod_{j != i}(b_j + net) = prod(b)`, rounded up one factor at a time, and
/// `tokens_out = b_i + net - ending`. The fee's sets stay: `b_i' = ending + fee`,
/// `b_j' = b_j + collateral_in`.
pub fn buy(balances: &[u64], outcome: usize, collateral_in: u64, fee: Fee) -> MathResult<Buy> {
    check_pool(balances, outcome)?;
    let fee_amount = fee.on_gross(collateral_in);
    let net = collateral_in - fee_amount;
    let mut after = Vec::with_capacity(balances.len());
    let mut ending = balances[outcome];
    for (index, &balance) in balances.iter().enumerate() {
        after.push(
            balance
                .checked_add(collateral_in)
                .ok_or(MathError::Overflow)?,
        );
        if index != outcome {
            // `balance + net` fits: it is at most `balance + collateral_in`.
            ending = mul_div_up(ending, balance, balance + net)?;
        }
    }
    // `ending <= b_i`, as every factor is at most one.
    let tokens_out = balances[outcome] + net - ending;
    if tokens_out == 0 {
        return Err(MathError::TooSmall);
    }
    after[outcome] = ending + fee_amount;
    Ok(Buy {
        fee: fee_amount,
        tokens_out,
        balances: after,
    })
}

/// Sells outcome `outcome` for exactly `collateral_out`.
///
/// With `gross = collateral_out + fee`, the outcome's balance before the fee is `ending` such
/// that `ending * prod_{j != i}(b_j - gross) = prod(b)`, rounded up one factor at a time, and
/// `tokens_in = ending + gross - b_i`. Only `collateral_out` sets are merged:
/// `b_i' = ending + fee`, `b_j' = b_j - collateral_out`.
pub fn sell(balances: &[u64], outcome: usize, collateral_out: u64, fee: Fee) -> MathResult<Sell> {
    check_pool(balances, outcome)?;
    if collateral_out == 0 {
        return Err(MathError::TooSmall);
    }
    let gross = fee.gross_for_net(collateral_out)?;
    let fee_amount = gross - collateral_out;
    let mut after = Vec::with_capacity(balances.len());
    let mut ending = balances[outcome];
    for (index, &balance) in balances.iter().enumerate() {
        if index == outcome {
            after.push(0);
            continue;
        }
        if balance <= gross {
            return Err(MathError::InsufficientLiquidity);
        }
        ending = mul_div_up(ending, balance, balance - gross)?;
        after.push(balance - collateral_out);
    }
    // `ending >= b_i`, as every factor is at least one.
    let tokens_in = (ending - balances[outcome])
        .checked_add(gross)
        .ok_or(MathError::Overflow)?;
    after[outcome] = ending.checked_add(fee_amount).ok_or(MathError::Overflow)?;
    Ok(Sell {
        fee: fee_amount,
        tokens_in,
        balances: after,
    })
}

/// The most collateral that selling at most `tokens_in` of `outcome` pays, and that sale;
/// `None` when even one base unit of collateral needs more tokens. For quotes: the program
/// itself sells for an exact collateral amount. Bisection, 64 steps at most.
pub fn sell_tokens(
    balances: &[u64],
    outcome: usize,
    tokens_in: u64,
    fee: Fee,
) -> MathResult<Option<(u64, Sell)>> {
    check_pool(balances, outcome)?;
    let affordable = |collateral: u64| match sell(balances, outcome, collateral, fee) {
        Ok(sale) if sale.tokens_in <= tokens_in => Some(sale),
        _ => None,
    };
    // The sale must leave every other balance positive, and pays less than `tokens_in`.
    let liquidity = balances
        .iter()
        .enumerate()
        .filter(|&(index, _)| index != outcome)
        .map(|(_, &balance)| balance)
        .min()
        .unwrap_or(0);
    let Some(mut best) = affordable(1) else {
        return Ok(None);
    };
    let (mut low, mut high) = (1u64, liquidity.min(tokens_in));
    while low < high {
        let middle = low + (high - low).div_ceil(2);
        match affordable(middle) {
            Some(sale) => {
                low = middle;
                best = sale;
            }
            None => high = middle - 1,
        }
    }
    Ok(Some((low, best)))
}

/// The first deposit into an empty pool: `odds[i]` are weights proportional to the starting
/// probabilities (empty for even odds). The least likely outcome keeps every token of the
/// deposit and outcome `i` keeps `collateral * min(odds) / odds[i]` (rounded down), so that
/// its price `(1 / b_i) / sum(1 / b_k)` is `odds[i] / sum(odds)`. The provider receives
/// `collateral` LP tokens. `existing` are balances left in a pool whose LP supply is zero
/// (normally all zero); the deposit joins them.
pub fn first_deposit(existing: &[u64], collateral: u64, odds: &[u64]) -> MathResult<Deposit> {
    let count = existing.len();
    if !(MIN_OUTCOMES..=MAX_OUTCOMES).contains(&count) {
        return Err(MathError::InvalidOutcome);
    }
    if collateral == 0 {
        return Err(MathError::TooSmall);
    }
    let even = [1u64; MAX_OUTCOMES];
    let odds = if odds.is_empty() {
        &even[..count]
    } else {
        odds
    };
    if odds.len() != count || odds.contains(&0) {
        return Err(MathError::InvalidOdds);
    }
    let least = *odds.iter().min().ok_or(MathError::InvalidOdds)?;
    let mut deposit = Deposit {
        lp_minted: collateral,
        added: Vec::with_capacity(count),
        returned: Vec::with_capacity(count),
        balances: Vec::with_capacity(count),
    };
    for (&weight, &balance) in odds.iter().zip(existing) {
        let added = mul_div_down(collateral, least, weight)?;
        if added == 0 {
            return Err(MathError::InvalidOdds);
        }
        deposit.added.push(added);
        deposit.returned.push(collateral - added);
        deposit
            .balances
            .push(balance.checked_add(added).ok_or(MathError::Overflow)?);
    }
    Ok(deposit)
}

/// A deposit into a funded pool, at its current odds: outcome `i` keeps
/// `collateral * b_i / max(b)` tokens (rounded up) and the provider receives
/// `collateral * lp_supply / max(b)` LP tokens (rounded down). The new LP tokens' share of
/// each balance is then at most what the deposit added to it.
pub fn deposit(balances: &[u64], lp_supply: u64, collateral: u64) -> MathResult<Deposit> {
    check_pool(balances, 0)?;
    if lp_supply == 0 {
        return Err(MathError::EmptyPool);
    }
    let largest = *balances.iter().max().ok_or(MathError::EmptyPool)?;
    let lp_minted = mul_div_down(collateral, lp_supply, largest)?;
    if lp_minted == 0 {
        return Err(MathError::TooSmall);
    }
    let count = balances.len();
    let mut deposit = Deposit {
        lp_minted,
        added: Vec::with_capacity(count),
        returned: Vec::with_capacity(count),
        balances: Vec::with_capacity(count),
    };
    for &balance in balances {
        // At most `collateral`, since `balance <= largest`.
        let added = mul_div_up(collateral, balance, largest)?;
        deposit.added.push(added);
        deposit.returned.push(collateral - added);
        deposit
            .balances
            .push(balance.checked_add(added).ok_or(MathError::Overflow)?);
    }
    lp_supply
        .checked_add(lp_minted)
        .ok_or(MathError::Overflow)?;
    Ok(deposit)
}

/// Burning `lp` of `lp_supply` LP tokens pays `b_i * lp / lp_supply` of each outcome,
/// rounded down: whatever the fees added to the balances is paid with it.
pub fn withdrawal(balances: &[u64], lp_supply: u64, lp: u64) -> MathResult<Withdrawal> {
    if !(MIN_OUTCOMES..=MAX_OUTCOMES).contains(&balances.len()) {
        return Err(MathError::InvalidOutcome);
    }
    if lp == 0 {
        return Err(MathError::TooSmall);
    }
    if lp > lp_supply {
        return Err(MathError::InsufficientLp);
    }
    let mut withdrawal = Withdrawal {
        amounts: Vec::with_capacity(balances.len()),
        balances: Vec::with_capacity(balances.len()),
    };
    for &balance in balances {
        let amount = mul_div_down(balance, lp, lp_supply)?;
        withdrawal.amounts.push(amount);
        withdrawal.balances.push(balance - amount);
    }
    Ok(withdrawal)
}

/// The marginal price of each outcome in units of 1/[`PRICE_SCALE`] collateral per token:
/// `price_i = (1 / b_i) / sum_k (1 / b_k) = 1 / sum_k (b_i / b_k)`, computed as
/// `floor(10^27 / sum_k floor(b_i * 10^18 / b_k))`. All zero for an empty pool.
pub fn prices(balances: &[u64]) -> Vec<u64> {
    const RATIO_SCALE: u128 = 1_000_000_000_000_000_000;
    if balances.is_empty() || balances.len() > MAX_OUTCOMES || balances.contains(&0) {
        return vec![0; balances.len()];
    }
    balances
        .iter()
        .map(|&own| {
            // Each ratio is below 2^64 * 10^18 < 2^124; eight of them fit in a u128.
            let sum: u128 = balances
                .iter()
                .map(|&other| u128::from(own) * RATIO_SCALE / u128::from(other))
                .sum();
            // The outcome's own ratio is 10^18, so the sum is at least that and the price at
            // most PRICE_SCALE.
            (RATIO_SCALE * u128::from(PRICE_SCALE) / sum) as u64
        })
        .collect()
}

/// The exact product of up to eight u64 balances (at most 512 bits), to check the invariant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Product {
    /// Little-endian 64-bit limbs.
    limbs: [u64; MAX_OUTCOMES + 1],
}

impl Product {
    pub fn of(factors: &[u64]) -> Option<Self> {
        if factors.len() > MAX_OUTCOMES {
            return None;
        }
        let mut limbs = [0u64; MAX_OUTCOMES + 1];
        limbs[0] = 1;
        for &factor in factors {
            let mut carry = 0u128;
            for limb in limbs.iter_mut() {
                let value = u128::from(*limb) * u128::from(factor) + carry;
                *limb = value as u64;
                carry = value >> 64;
            }
            // Eight factors below 2^64 need at most eight limbs: the ninth never overflows.
            debug_assert_eq!(carry, 0);
        }
        Some(Self { limbs })
    }
}

impl PartialOrd for Product {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Product {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.limbs.iter().rev().cmp(other.limbs.iter().rev())
    }
}

/// `a * b / denominator` rounded down.
pub fn mul_div_down(a: u64, b: u64, denominator: u64) -> MathResult<u64> {
    if denominator == 0 {
        return Err(MathError::Overflow);
    }
    let quotient = u128::from(a) * u128::from(b) / u128::from(denominator);
    u64::try_from(quotient).map_err(|_| MathError::Overflow)
}

/// `a * b / denominator` rounded up.
pub fn mul_div_up(a: u64, b: u64, denominator: u64) -> MathResult<u64> {
    if denominator == 0 {
        return Err(MathError::Overflow);
    }
    let quotient = (u128::from(a) * u128::from(b)).div_ceil(u128::from(denominator));
    u64::try_from(quotient).map_err(|_| MathError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fee(bps: u16) -> Fee {
        Fee::new(bps).unwrap()
    }

    fn product(balances: &[u64]) -> Product {
        Product::of(balances).unwrap()
    }

    #[test]
    fn fee_rates_are_bounded_and_round_up() {
        assert!(Fee::new(MAX_FEE_BPS).is_some());
        assert!(Fee::new(MAX_FEE_BPS + 1).is_none());
        let rate = fee(100);
        assert_eq!(rate.on_gross(100), 1);
        assert_eq!(rate.on_gross(101), 2);
        assert_eq!(rate.on_gross(1), 1);
        assert_eq!(fee(0).on_gross(u64::MAX), 0);
        // 99 / 0.99 = 100 exactly; 100 / 0.99 = 101.01 -> 102.
        assert_eq!(rate.gross_for_net(99), Ok(100));
        assert_eq!(rate.gross_for_net(100), Ok(102));
        assert_eq!(fee(0).gross_for_net(7), Ok(7));
        assert_eq!(rate.gross_for_net(u64::MAX), Err(MathError::Overflow));
    }

    /// Two outcomes, worked by hand. Balances 1000/1000, a 1% fee, buy outcome 0 with 100:
    /// fee = 1, net = 99; the product 1,000,000 over 1000 + 99 = 1099 is 909.92, rounded up to
    /// 910; the buyer gets 1000 + 99 - 910 = 189. The pool keeps 910 + 1 of outcome 0 and
    /// 1100 of outcome 1.
    #[test]
    fn a_two_outcome_buy_worked_by_hand() {
        let trade = buy(&[1_000, 1_000], 0, 100, fee(100)).unwrap();
        assert_eq!(
            trade,
            Buy {
                fee: 1,
                tokens_out: 189,
                balances: vec![911, 1_100],
            }
        );
        // Before the fee: 910 * 1099 = 1,000,090 >= 1,000,000.
        assert!(product(&[910, 1_099]) >= product(&[1_000, 1_000]));
        // Prices after: 1100 / 2011 and 911 / 2011.
        assert_eq!(prices(&trade.balances), vec![546_991_546, 453_008_453]);
    }

    /// Balances 1000/1000, no fee, sell outcome 0 for 100: the product over 1000 - 100 = 900
    /// is 1111.11, rounded up to 1112; the seller pays 1112 + 100 - 1000 = 212 tokens.
    #[test]
    fn a_two_outcome_sell_worked_by_hand() {
        let sale = sell(&[1_000, 1_000], 0, 100, fee(0)).unwrap();
        assert_eq!(
            sale,
            Sell {
                fee: 0,
                tokens_in: 212,
                balances: vec![1_112, 900],
            }
        );
        // With a 1% fee the pool takes 102 sets' worth against the product and merges 100:
        // 1,000,000 / 898 = 1113.58 -> 1114; tokens in = 1114 + 102 - 1000 = 216.
        let sale = sell(&[1_000, 1_000], 0, 100, fee(100)).unwrap();
        assert_eq!(
            sale,
            Sell {
                fee: 2,
                tokens_in: 216,
                balances: vec![1_116, 900],
            }
        );
    }

    #[test]
    fn a_three_outcome_buy_matches_the_closed_form() {
        // No fee: ending = 300 * 200/260 * 100/160 = 146.63..., two roundings up: 300*200/260 =
        // 230.77 -> 231, 231*100/160 = 144.375 -> 145.
        let trade = buy(&[300, 200, 100], 0, 60, fee(0)).unwrap();
        assert_eq!(trade.tokens_out, 300 + 60 - 145);
        assert_eq!(trade.balances, vec![145, 260, 160]);
        assert!(product(&trade.balances) >= product(&[300, 200, 100]));
    }

    #[test]
    fn even_odds_give_even_prices() {
        for count in 2..=8 {
            let balances = vec![1_000_000u64; count];
            let expected = PRICE_SCALE / count as u64;
            assert!(prices(&balances).iter().all(|&price| price == expected));
        }
        assert_eq!(prices(&[0, 5]), vec![0, 0]);
    }

    #[test]
    fn first_deposit_sets_the_odds() {
        let deposit = first_deposit(&[0, 0, 0], 1_000_000, &[60, 30, 10]).unwrap();
        // The least likely outcome keeps the whole deposit.
        assert_eq!(deposit.balances, vec![166_666, 333_333, 1_000_000]);
        assert_eq!(deposit.returned, vec![833_334, 666_667, 0]);
        assert_eq!(deposit.lp_minted, 1_000_000);
        // Exact prices up to the rounding of the balances, a part per million here.
        let quoted = prices(&deposit.balances);
        assert_eq!(quoted, vec![600_000_780, 299_999_489, 99_999_729]);
        // Even odds by default.
        let even = first_deposit(&[0, 0], 500, &[]).unwrap();
        assert_eq!(even.balances, vec![500, 500]);
        assert_eq!(even.returned, vec![0, 0]);
        // Malformed or extreme odds.
        assert_eq!(
            first_deposit(&[0, 0], 500, &[1]),
            Err(MathError::InvalidOdds)
        );
        assert_eq!(
            first_deposit(&[0, 0], 500, &[1, 0]),
            Err(MathError::InvalidOdds)
        );
        assert_eq!(
            first_deposit(&[0, 0], 5, &[1, 10]),
            Err(MathError::InvalidOdds)
        );
        assert_eq!(first_deposit(&[0, 0], 0, &[]), Err(MathError::TooSmall));
    }

    #[test]
    fn later_deposits_keep_the_odds_and_round_for_the_pool() {
        let balances = [166_666u64, 333_333, 1_000_000];
        let before = prices(&balances);
        let deposit = deposit(&balances, 1_000_000, 500_001).unwrap();
        // LP tokens: 500,001 * 1,000,000 / 1,000,000.
        assert_eq!(deposit.lp_minted, 500_001);
        // Added: 500,001 * b_i / 1,000,000 rounded up.
        assert_eq!(deposit.added, vec![83_334, 166_667, 500_001]);
        assert_eq!(deposit.balances, vec![250_000, 500_000, 1_500_001]);
        // The odds move only by the rounding of the balances (a part per million here).
        for (old, new) in before.iter().zip(prices(&deposit.balances)) {
            assert!(old.abs_diff(new) < 1_000, "{before:?}");
        }
        // The new LP's share of each balance never exceeds what it added.
        let supply = 1_000_000 + deposit.lp_minted;
        for (balance, added) in deposit.balances.iter().zip(&deposit.added) {
            assert!(mul_div_down(*balance, deposit.lp_minted, supply).unwrap() <= *added);
        }
        assert_eq!(super::deposit(&balances, 3, 1), Err(MathError::TooSmall));
        assert_eq!(super::deposit(&[0, 0], 3, 1), Err(MathError::EmptyPool));
    }

    #[test]
    fn withdrawals_are_pro_rata_rounded_down() {
        let out = withdrawal(&[10, 7], 3, 1).unwrap();
        assert_eq!(out.amounts, vec![3, 2]);
        assert_eq!(out.balances, vec![7, 5]);
        let all = withdrawal(&[10, 7], 3, 3).unwrap();
        assert_eq!(all.amounts, vec![10, 7]);
        assert_eq!(all.balances, vec![0, 0]);
        assert_eq!(withdrawal(&[10, 7], 3, 4), Err(MathError::InsufficientLp));
        assert_eq!(withdrawal(&[10, 7], 3, 0), Err(MathError::TooSmall));
    }

    #[test]
    fn an_add_then_remove_returns_at_most_the_deposit() {
        let balances = [2_345_678u64, 1_000_003, 777_777];
        let supply = 1_500_000;
        let deposit = deposit(&balances, supply, 1_000_000).unwrap();
        let out = withdrawal(
            &deposit.balances,
            supply + deposit.lp_minted,
            deposit.lp_minted,
        )
        .unwrap();
        // LP tokens round down, so the provider leaves at most `max(b) / lp_supply` (about
        // one LP token's worth) plus one unit of each outcome behind.
        let lp_worth = balances.iter().max().unwrap().div_ceil(supply);
        for (paid, added) in out.amounts.iter().zip(&deposit.added) {
            assert!(paid <= added);
            assert!(added - paid <= lp_worth + 1, "{paid} of {added}");
        }
    }

    #[test]
    fn fees_accrue_to_the_liquidity() {
        // A buy and a sale of the same size, 2% fee: every balance ends higher than it began,
        // by the fees kept as complete sets (less rounding in the pool's favour).
        let rate = fee(200);
        let start = [1_000_000u64, 1_000_000];
        let bought = buy(&start, 0, 100_000, rate).unwrap();
        assert_eq!(bought.fee, 2_000);
        let sold = sell_tokens(&bought.balances, 0, bought.tokens_out, rate)
            .unwrap()
            .unwrap();
        let end = sold.1.balances;
        assert!(end.iter().zip(start).all(|(after, before)| *after > before));
        let earned = end[1] - start[1];
        assert!(earned >= bought.fee + sold.1.fee - 2, "{end:?}");
        // The seller got back less than the buyer paid.
        assert!(sold.0 < 100_000);
    }

    #[test]
    fn slippage_quotes_are_monotonic() {
        let balances = [5_000_000u64, 3_000_000, 2_000_000, 1_000_000];
        let mut last = 0;
        for amount in (1..20).map(|step| step * 100_000) {
            let trade = buy(&balances, 3, amount, fee(50)).unwrap();
            assert!(trade.tokens_out > last);
            // The average price paid exceeds the marginal price before the trade.
            let before = prices(&balances)[3];
            assert!(
                u128::from(amount) * u128::from(PRICE_SCALE)
                    >= u128::from(trade.tokens_out) * u128::from(before)
            );
            last = trade.tokens_out;
        }
    }

    #[test]
    fn rejections() {
        assert_eq!(buy(&[0, 5], 0, 10, fee(0)), Err(MathError::EmptyPool));
        assert_eq!(buy(&[5, 5], 2, 10, fee(0)), Err(MathError::InvalidOutcome));
        assert_eq!(buy(&[5], 0, 10, fee(0)), Err(MathError::InvalidOutcome));
        assert_eq!(buy(&[5, 5], 0, u64::MAX, fee(0)), Err(MathError::Overflow));
        // One unit with a fee: the fee takes it all.
        assert_eq!(buy(&[5, 5], 0, 1, fee(1)), Err(MathError::TooSmall));
        assert_eq!(
            sell(&[1_000, 1_000], 0, 1_000, fee(0)),
            Err(MathError::InsufficientLiquidity)
        );
        assert_eq!(
            sell(&[1_000, 1_000], 0, 0, fee(0)),
            Err(MathError::TooSmall)
        );
        assert_eq!(sell(&[u64::MAX, 2], 0, 1, fee(0)), Err(MathError::Overflow));
    }

    #[test]
    fn sell_tokens_finds_the_largest_affordable_sale() {
        let balances = [400_000u64, 900_000, 1_300_000];
        let (collateral, sale) = sell_tokens(&balances, 0, 150_000, fee(30))
            .unwrap()
            .unwrap();
        assert!(sale.tokens_in <= 150_000);
        assert_eq!(sell(&balances, 0, collateral, fee(30)).unwrap(), sale);
        let more = sell(&balances, 0, collateral + 1, fee(30)).unwrap();
        assert!(more.tokens_in > 150_000);
        assert_eq!(sell_tokens(&balances, 0, 1, fee(30)).unwrap(), None);
    }

    #[test]
    fn products_compare_exactly() {
        let big = [u64::MAX; 8];
        let mut smaller = big;
        smaller[7] -= 1;
        assert!(product(&big) > product(&smaller));
        assert_eq!(product(&[]), product(&[1, 1]));
        assert!(product(&[2, 3]) < product(&[7]));
        assert!(Product::of(&[1; 9]).is_none());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn pool() -> impl Strategy<Value = (Vec<u64>, usize)> {
            (2..=MAX_OUTCOMES).prop_flat_map(|count| {
                (
                    prop::collection::vec(1u64..1_000_000_000_000, count),
                    0..count,
                )
            })
        }

        proptest! {
            #[test]
            fn a_buy_never_lowers_the_product(
                (balances, outcome) in pool(),
                amount in 1u64..1_000_000_000_000,
                bps in 0u16..=MAX_FEE_BPS,
            ) {
                if let Ok(trade) = buy(&balances, outcome, amount, fee(bps)) {
                    prop_assert!(product(&trade.balances) >= product(&balances));
                    // Before the fee, too.
                    let net = amount - trade.fee;
                    let before_fee: Vec<u64> =
                        trade.balances.iter().map(|&b| b - trade.fee).collect();
                    prop_assert!(product(&before_fee) >= product(&balances));
                    // Buying never pays fewer tokens than the net collateral.
                    prop_assert!(trade.tokens_out >= net);
                }
            }

            #[test]
            fn a_sale_never_lowers_the_product(
                (balances, outcome) in pool(),
                amount in 1u64..1_000_000_000_000,
                bps in 0u16..=MAX_FEE_BPS,
            ) {
                if let Ok(sale) = sell(&balances, outcome, amount, fee(bps)) {
                    prop_assert!(product(&sale.balances) >= product(&balances));
                    let before_fee: Vec<u64> =
                        sale.balances.iter().map(|&b| b - sale.fee).collect();
                    prop_assert!(product(&before_fee) >= product(&balances));
                    prop_assert!(sale.tokens_in >= amount);
                }
            }

            #[test]
            fn a_round_trip_never_profits(
                (balances, outcome) in pool(),
                amount in 1u64..1_000_000_000_000,
                bps in 0u16..=MAX_FEE_BPS,
            ) {
                if let Ok(trade) = buy(&balances, outcome, amount, fee(bps)) {
                    if let Some((back, _)) =
                        sell_tokens(&trade.balances, outcome, trade.tokens_out, fee(bps)).unwrap()
                    {
                        prop_assert!(back <= amount, "paid {amount}, got back {back}");
                    }
                }
            }

            #[test]
            fn prices_sum_to_about_one((balances, _) in pool()) {
                let quoted = prices(&balances);
                let sum: u64 = quoted.iter().sum();
                prop_assert!(sum <= PRICE_SCALE + MAX_OUTCOMES as u64);
                prop_assert!(sum + 8 * MAX_OUTCOMES as u64 >= PRICE_SCALE, "{quoted:?}");
            }

            #[test]
            fn a_deposit_never_dilutes(
                (balances, _) in pool(),
                supply in 1u64..1_000_000_000_000,
                amount in 1u64..1_000_000_000_000,
            ) {
                if let Ok(added) = deposit(&balances, supply, amount) {
                    let supply_after = supply + added.lp_minted;
                    let out = withdrawal(&added.balances, supply_after, added.lp_minted).unwrap();
                    for (paid, put) in out.amounts.iter().zip(&added.added) {
                        prop_assert!(paid <= put);
                    }
                    // The others' share of every balance did not shrink.
                    for (index, &before) in balances.iter().enumerate() {
                        let theirs = out.balances[index];
                        prop_assert!(theirs >= before);
                    }
                }
            }
        }
    }
}
