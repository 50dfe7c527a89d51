//! Pure arithmetic of the arena program: fees in basis points.

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

    /// The fee on `amount`, rounded down (in the payer's favour, so fees never exceed the rate).
    pub fn fee_on(self, amount: u64) -> u64 {
        let fee = u128::from(amount) * u128::from(self.0) / u128::from(BPS_DENOMINATOR);
        // At most `amount`, since the rate is at most 100%.
        fee as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_rates_above_the_maximum() {
        assert_eq!(BasisPoints::new(MAX_FEE_BPS).map(BasisPoints::get), Some(MAX_FEE_BPS));
        assert_eq!(BasisPoints::new(MAX_FEE_BPS + 1), None);
    }

    #[test]
    fn fee_rounds_down() {
        let rate = BasisPoints::new(250).unwrap();
        assert_eq!(rate.fee_on(1_000_000), 25_000);
        assert_eq!(rate.fee_on(39), 0);
        assert_eq!(rate.fee_on(40), 1);
        assert_eq!(rate.fee_on(u64::MAX), u64::MAX / 40);
    }
}
