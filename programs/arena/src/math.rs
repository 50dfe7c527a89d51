//! Pure arithmetic of the arena program: fees, pari-mutuel payouts and redemptions.
//!
//! Every division rounds down, in the vault's favour: what rounding leaves behind stays in the
//! pot (`Arena::pot_unclaimed`) or behind the tokens (`Arena::set_collateral`), so the vault
//! always covers every later payment.

use crate::constants::MAX_FEE_BPS;

const BPS_DENOMINATOR: u64 = 10_000;

/// A fee rate in basis points (1/10,000), at most [`MAX_FEE_BPS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BasisPoints(u16);

impl BasisPoints {
    pub fn new(bps: u16) -> Option<Self> {
        (bps <= MAX_FEE_BPS).then_some(Self(bps))
    }

    pub fn get(self) -> u16 {
        self.0
    }

    /// The fee on `amount`, rounded down.
    pub fn fee_on(self, amount: u64) -> u64 {
        mul_div(amount, u64::from(self.0), BPS_DENOMINATOR)
            .expect("a rate of at most 100% yields at most `amount`")
    }
}

/// The fees taken from a resolved pot that has winners.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResolutionFees {
    pub protocol: u64,
    pub creator: u64,
}

impl ResolutionFees {
    pub fn on(pot: u64, protocol: BasisPoints, creator: BasisPoints) -> Self {
        Self {
            protocol: protocol.fee_on(pot),
            creator: creator.fee_on(pot),
        }
    }

    /// The pot the winners share. Both rates are at most 10%, so this never underflows.
    pub fn payout_pool(self, pot: u64) -> u64 {
        pot - self.protocol - self.creator
    }
}

/// A winner's share of `payout_pool`: pro rata to its stake on the winning outcome.
pub fn winning_payout(stake: u64, winning_pot: u64, payout_pool: u64) -> Option<u64> {
    mul_div(stake, payout_pool, winning_pot)
}

/// What `tokens` outcome tokens (summed over outcomes) redeem for in a voided arena: each
/// token is worth 1/`outcome_count` of a collateral unit.
pub fn voided_redemption(tokens: u64, outcome_count: u8) -> Option<u64> {
    tokens.checked_div(u64::from(outcome_count))
}

/// `a * b / denominator`, rounded down; `None` on division by zero or a result over u64.
fn mul_div(a: u64, b: u64, denominator: u64) -> Option<u64> {
    let quotient = u128::from(a)
        .checked_mul(u128::from(b))?
        .checked_div(u128::from(denominator))?;
    u64::try_from(quotient).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bps(value: u16) -> BasisPoints {
        BasisPoints::new(value).unwrap()
    }

    #[test]
    fn rejects_rates_above_the_maximum() {
        assert_eq!(
            BasisPoints::new(MAX_FEE_BPS).map(BasisPoints::get),
            Some(MAX_FEE_BPS)
        );
        assert_eq!(BasisPoints::new(MAX_FEE_BPS + 1), None);
    }

    #[test]
    fn fee_rounds_down() {
        let rate = bps(250);
        assert_eq!(rate.fee_on(1_000_000), 25_000);
        assert_eq!(rate.fee_on(39), 0);
        assert_eq!(rate.fee_on(40), 1);
        assert_eq!(rate.fee_on(u64::MAX), u64::MAX / 40);
    }

    #[test]
    fn a_pot_worked_by_hand() {
        // 600 on the winner, 400 on the losers; 2% protocol, 1% creator.
        let fees = ResolutionFees::on(1_000, bps(200), bps(100));
        assert_eq!(
            fees,
            ResolutionFees {
                protocol: 20,
                creator: 10
            }
        );
        let pool = fees.payout_pool(1_000);
        assert_eq!(pool, 970);
        // Stakes of 100 and 500 on the winner share 970 as 1:5.
        assert_eq!(winning_payout(100, 600, pool), Some(161));
        assert_eq!(winning_payout(500, 600, pool), Some(808));
        // 161 + 808 = 969: one unit of rounding stays in the pot.
    }

    #[test]
    fn payouts_never_exceed_the_pool() {
        let pool = 999_999_937;
        let stakes = [1u64, 7, 13, 333_333, 12_345_678];
        let winning_pot: u64 = stakes.iter().sum();
        let paid: u64 = stakes
            .iter()
            .map(|&stake| winning_payout(stake, winning_pot, pool).unwrap())
            .sum();
        assert!(paid <= pool);
        assert!(pool - paid < stakes.len() as u64);
    }

    #[test]
    fn payouts_handle_extreme_values() {
        assert_eq!(winning_payout(u64::MAX, u64::MAX, u64::MAX), Some(u64::MAX));
        assert_eq!(winning_payout(1, 0, 10), None);
    }

    #[test]
    fn voided_tokens_redeem_for_a_share_of_a_unit() {
        assert_eq!(voided_redemption(9, 3), Some(3));
        assert_eq!(voided_redemption(8, 3), Some(2));
        assert_eq!(voided_redemption(1, 0), None);
    }
}
