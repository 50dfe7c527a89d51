//! Units of a market and their pure arithmetic.
//!
//! Quantities are counted in lots of `lot_size` base units, prices in ticks of `tick_size`
//! quote units per lot. A whole lot at a price of one collateral unit per base unit costs
//! `lot_size` quote units, so valid prices are `1..max_price` with
//! `max_price = lot_size / tick_size`, and the quote amount of a trade,
//! `lots * price * tick_size`, is an exact integer: trades never round.
//!
//! Fees are the only rounding. A taker's fee is rounded up on each fill; a maker's fee is
//! rounded down on the whole order and charged fill by fill as the difference between the fee
//! on the quantity before and after the fill, so the sum of a maker's fees never exceeds what
//! its resting bid locked for them.

use crate::constants::MAX_FEE_BPS;

const BPS_DENOMINATOR: u128 = 10_000;

/// A price in ticks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ticks(pub u64);

/// A base quantity in lots.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lots(pub u64);

impl Lots {
    pub const ZERO: Lots = Lots(0);

    pub fn min(self, other: Lots) -> Lots {
        Lots(self.0.min(other.0))
    }

    pub fn checked_sub(self, other: Lots) -> Option<Lots> {
        self.0.checked_sub(other.0).map(Lots)
    }

    pub fn checked_add(self, other: Lots) -> Option<Lots> {
        self.0.checked_add(other.0).map(Lots)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

/// A fee rate in basis points (1/10,000), at most [`MAX_FEE_BPS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Bps(u16);

impl Bps {
    pub fn new(bps: u16) -> Option<Self> {
        (bps <= MAX_FEE_BPS).then_some(Self(bps))
    }

    pub fn get(self) -> u16 {
        self.0
    }

    /// The fee on `amount`, rounded down.
    pub fn fee_floor(self, amount: u64) -> u64 {
        let fee = u128::from(amount) * u128::from(self.0) / BPS_DENOMINATOR;
        // At most 10% of `amount`, so it fits.
        fee as u64
    }

    /// The fee on `amount`, rounded up.
    pub fn fee_ceil(self, amount: u64) -> u64 {
        let fee = (u128::from(amount) * u128::from(self.0)).div_ceil(BPS_DENOMINATOR);
        fee as u64
    }
}

/// The fixed parameters of a market, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarketParams {
    /// Quote units per lot per tick.
    tick_size: u64,
    /// Base units per lot.
    lot_size: u64,
    maker_fee: Bps,
    taker_fee: Bps,
}

impl MarketParams {
    /// `None` unless both sizes are positive, the lot is a whole number of at least two ticks
    /// (so that some price lies strictly between 0 and 1) and both fees are at most 10%.
    pub fn new(
        tick_size: u64,
        lot_size: u64,
        maker_fee_bps: u16,
        taker_fee_bps: u16,
    ) -> Option<Self> {
        if tick_size == 0
            || lot_size == 0
            || !lot_size.is_multiple_of(tick_size)
            || lot_size / tick_size < 2
        {
            return None;
        }
        Some(Self {
            tick_size,
            lot_size,
            maker_fee: Bps::new(maker_fee_bps)?,
            taker_fee: Bps::new(taker_fee_bps)?,
        })
    }

    pub fn tick_size(&self) -> u64 {
        self.tick_size
    }

    pub fn lot_size(&self) -> u64 {
        self.lot_size
    }

    pub fn maker_fee(&self) -> Bps {
        self.maker_fee
    }

    pub fn taker_fee(&self) -> Bps {
        self.taker_fee
    }

    /// The price of one collateral unit per base unit: every valid price lies below it.
    pub fn max_price(&self) -> Ticks {
        Ticks(self.lot_size / self.tick_size)
    }

    pub fn is_valid_price(&self, price: Ticks) -> bool {
        price.0 > 0 && price < self.max_price()
    }

    /// Base units in `lots`.
    pub fn base_amount(&self, lots: Lots) -> Option<u64> {
        lots.0.checked_mul(self.lot_size)
    }

    /// Quote units paid for `lots` at `price`: exact.
    pub fn quote_amount(&self, lots: Lots, price: Ticks) -> Option<u64> {
        let quote = u128::from(lots.0) * u128::from(price.0) * u128::from(self.tick_size);
        u64::try_from(quote).ok()
    }

    /// The maker's fee on a whole resting order of `lots` at `price`, rounded down.
    pub fn maker_fee_on(&self, lots: Lots, price: Ticks) -> Option<u64> {
        Some(self.maker_fee.fee_floor(self.quote_amount(lots, price)?))
    }

    /// What a resting bid locks: its quote and the maker fee on it.
    pub fn bid_lock(&self, lots: Lots, price: Ticks) -> Option<u64> {
        self.quote_amount(lots, price)?
            .checked_add(self.maker_fee_on(lots, price)?)
    }

    /// What a resting ask locks: its base.
    pub fn ask_lock(&self, lots: Lots) -> Option<u64> {
        self.base_amount(lots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn params() -> MarketParams {
        MarketParams::new(100, 10_000, 20, 50).unwrap()
    }

    #[test]
    fn params_are_validated() {
        assert!(MarketParams::new(0, 10, 0, 0).is_none());
        assert!(MarketParams::new(10, 0, 0, 0).is_none());
        assert!(MarketParams::new(3, 10, 0, 0).is_none());
        assert!(
            MarketParams::new(10, 10, 0, 0).is_none(),
            "no price strictly inside (0, 1)"
        );
        assert!(MarketParams::new(5, 10, 0, 0).is_some());
        assert!(MarketParams::new(1, 100, 1_001, 0).is_none());
        assert!(MarketParams::new(1, 100, 0, 1_001).is_none());
        assert_eq!(params().max_price(), Ticks(100));
    }

    #[test]
    fn prices_lie_strictly_between_zero_and_one() {
        let params = params();
        assert!(!params.is_valid_price(Ticks(0)));
        assert!(params.is_valid_price(Ticks(1)));
        assert!(params.is_valid_price(Ticks(99)));
        assert!(!params.is_valid_price(Ticks(100)));
    }

    #[test]
    fn amounts_are_exact() {
        let params = params();
        // 3 lots of 0.01 share at 0.37: 3 * 37 * 100 = 11_100 quote units.
        assert_eq!(params.quote_amount(Lots(3), Ticks(37)), Some(11_100));
        assert_eq!(params.base_amount(Lots(3)), Some(30_000));
        assert_eq!(params.quote_amount(Lots(u64::MAX), Ticks(99)), None);
        assert_eq!(params.base_amount(Lots(u64::MAX)), None);
    }

    #[test]
    fn fees_round_in_the_market_s_favour_for_takers() {
        let bps = Bps::new(50).unwrap();
        assert_eq!(bps.fee_floor(199), 0);
        assert_eq!(bps.fee_ceil(199), 1);
        assert_eq!(bps.fee_ceil(200), 1);
        assert_eq!(bps.fee_ceil(0), 0);
        assert_eq!(bps.fee_floor(u64::MAX), u64::MAX / 200);
    }

    proptest! {
        #[test]
        fn maker_fees_fill_by_fill_sum_to_the_locked_fee(
            lots in 1..10_000u64,
            price in 1..100u64,
            cuts in prop::collection::vec(1..5_000u64, 0..20),
        ) {
            let params = params();
            let price = Ticks(price);
            let mut left = Lots(lots);
            let mut charged = 0u64;
            for cut in cuts {
                let fill = left.min(Lots(cut));
                let after = left.checked_sub(fill).unwrap();
                charged += params.maker_fee_on(left, price).unwrap() - params.maker_fee_on(after, price).unwrap();
                left = after;
            }
            let filled = Lots(lots - left.0);
            prop_assert_eq!(charged, params.maker_fee_on(Lots(lots), price).unwrap() - params.maker_fee_on(left, price).unwrap());
            prop_assert!(charged <= params.maker_fee.fee_ceil(params.quote_amount(filled, price).unwrap()));
        }
    }
}
