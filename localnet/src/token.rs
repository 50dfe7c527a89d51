//! Reading SPL Token and Token-2022 accounts: balances, token balances of transactions and the
//! `jsonParsed` account encoding.
//!
//! Token-2022 accounts start with the SPL Token layout; extensions follow the base state and an
//! account-type byte at offset 165. Only the base state is decoded here.

use solana_account::Account;
use solana_account_decoder_client_types::token::{
    real_number_string_trimmed, TokenAccountType, UiAccountState, UiMint, UiTokenAccount,
    UiTokenAmount,
};
use solana_program_pack::Pack;
use solana_pubkey::{pubkey, Pubkey};
use spl_token::state::{Account as TokenAccount, AccountState, Mint};

pub const TOKEN_2022_ID: Pubkey = pubkey!("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");

/// Offset of Token-2022's account-type byte, right after the (padded) base state.
const ACCOUNT_TYPE_OFFSET: usize = TokenAccount::LEN;
const ACCOUNT_TYPE_MINT: u8 = 1;
const ACCOUNT_TYPE_ACCOUNT: u8 = 2;

pub fn is_token_program(program_id: &Pubkey) -> bool {
    *program_id == spl_token::id() || *program_id == TOKEN_2022_ID
}

/// The name a validator gives the program in `jsonParsed` output.
pub fn program_name(program_id: &Pubkey) -> &'static str {
    if *program_id == TOKEN_2022_ID {
        "spl-token-2022"
    } else {
        "spl-token"
    }
}

/// The base state of an initialized token account, if an account of `owner` holding `data`
/// is one.
pub fn token_account(owner: &Pubkey, data: &[u8]) -> Option<TokenAccount> {
    if !is_token_program(owner) {
        return None;
    }
    let is_account = data.len() == TokenAccount::LEN
        || (*owner == TOKEN_2022_ID
            && data.len() > ACCOUNT_TYPE_OFFSET
            && data[ACCOUNT_TYPE_OFFSET] == ACCOUNT_TYPE_ACCOUNT);
    if !is_account {
        return None;
    }
    let state = TokenAccount::unpack_from_slice(&data[..TokenAccount::LEN]).ok()?;
    (state.state != AccountState::Uninitialized).then_some(state)
}

/// The base state of an initialized mint, if an account of `owner` holding `data` is one.
pub fn mint(owner: &Pubkey, data: &[u8]) -> Option<Mint> {
    if !is_token_program(owner) {
        return None;
    }
    let is_mint = data.len() == Mint::LEN
        || (*owner == TOKEN_2022_ID
            && data.len() > ACCOUNT_TYPE_OFFSET
            && data[ACCOUNT_TYPE_OFFSET] == ACCOUNT_TYPE_MINT);
    if !is_mint {
        return None;
    }
    let state = Mint::unpack_from_slice(&data[..Mint::LEN]).ok()?;
    state.is_initialized.then_some(state)
}

/// An amount of base units as the RPC shows it: raw, and scaled by the mint's decimals.
pub fn ui_amount(amount: u64, decimals: u8) -> UiTokenAmount {
    UiTokenAmount {
        ui_amount: Some(amount as f64 / 10f64.powi(i32::from(decimals))),
        decimals,
        amount: amount.to_string(),
        ui_amount_string: real_number_string_trimmed(amount, decimals),
    }
}

/// The `parsed` value of a token program account, given the decimals of its mint for a token
/// account; `None` when the account is neither a mint nor a token account.
pub fn parse(account: &Account, decimals: Option<u8>) -> Option<TokenAccountType> {
    if let Some(state) = mint(&account.owner, &account.data) {
        return Some(TokenAccountType::Mint(UiMint {
            mint_authority: Option::from(state.mint_authority).map(|k: Pubkey| k.to_string()),
            supply: state.supply.to_string(),
            decimals: state.decimals,
            is_initialized: state.is_initialized,
            freeze_authority: Option::from(state.freeze_authority).map(|k: Pubkey| k.to_string()),
            extensions: Vec::new(),
        }));
    }
    let state = token_account(&account.owner, &account.data)?;
    let decimals = decimals?;
    let delegate: Option<Pubkey> = state.delegate.into();
    let native_reserve: Option<u64> = state.is_native.into();
    let close_authority: Option<Pubkey> = state.close_authority.into();
    Some(TokenAccountType::Account(UiTokenAccount {
        mint: state.mint.to_string(),
        owner: state.owner.to_string(),
        token_amount: ui_amount(state.amount, decimals),
        delegate: delegate.map(|k| k.to_string()),
        state: match state.state {
            AccountState::Uninitialized => UiAccountState::Uninitialized,
            AccountState::Initialized => UiAccountState::Initialized,
            AccountState::Frozen => UiAccountState::Frozen,
        },
        is_native: native_reserve.is_some(),
        rent_exempt_reserve: native_reserve.map(|reserve| ui_amount(reserve, decimals)),
        delegated_amount: delegate.map(|_| ui_amount(state.delegated_amount, decimals)),
        close_authority: close_authority.map(|k| k.to_string()),
        extensions: Vec::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use solana_program_pack::Pack;
    use spl_token::solana_program::program_option::COption;

    fn token_account_data(mint: Pubkey, owner: Pubkey, amount: u64) -> Vec<u8> {
        let state = TokenAccount {
            mint,
            owner,
            amount,
            state: AccountState::Initialized,
            ..TokenAccount::default()
        };
        let mut data = vec![0; TokenAccount::LEN];
        state.pack_into_slice(&mut data);
        data
    }

    fn account(owner: Pubkey, data: Vec<u8>) -> Account {
        Account {
            lamports: 1,
            data,
            owner,
            executable: false,
            rent_epoch: 0,
        }
    }

    #[test]
    fn ui_amounts_are_scaled_and_trimmed() {
        let amount = ui_amount(1_500_000, 6);
        assert_eq!(amount.amount, "1500000");
        assert_eq!(amount.ui_amount_string, "1.5");
        assert_eq!(amount.ui_amount, Some(1.5));
        assert_eq!(ui_amount(7, 0).ui_amount_string, "7");
    }

    #[test]
    fn token_accounts_parse_under_both_programs() {
        let (mint_key, owner) = (Pubkey::new_unique(), Pubkey::new_unique());
        let data = token_account_data(mint_key, owner, 42);
        let classic = account(spl_token::id(), data.clone());
        assert_eq!(
            token_account(&classic.owner, &classic.data).map(|s| s.amount),
            Some(42)
        );

        let mut extended = data;
        extended.push(ACCOUNT_TYPE_ACCOUNT);
        extended.extend_from_slice(&[0; 8]);
        let token_2022 = account(TOKEN_2022_ID, extended);
        assert_eq!(
            token_account(&token_2022.owner, &token_2022.data).map(|s| s.owner),
            Some(owner)
        );
        assert!(mint(&token_2022.owner, &token_2022.data).is_none());
    }

    #[test]
    fn other_owners_and_sizes_are_not_token_accounts() {
        let data = token_account_data(Pubkey::new_unique(), Pubkey::new_unique(), 1);
        assert!(token_account(&Pubkey::new_unique(), &data).is_none());
        assert!(token_account(&spl_token::id(), &data[..100]).is_none());
    }

    #[test]
    fn mints_parse_as_json() {
        let state = Mint {
            mint_authority: COption::Some(Pubkey::new_unique()),
            supply: 10,
            decimals: 6,
            is_initialized: true,
            freeze_authority: COption::None,
        };
        let mut data = vec![0; Mint::LEN];
        state.pack_into_slice(&mut data);
        let parsed = parse(&account(spl_token::id(), data), None).expect("a mint");
        let json = serde_json::to_value(parsed).expect("serializable");
        assert_eq!(json["type"], "mint");
        assert_eq!(json["info"]["supply"], "10");
        assert_eq!(json["info"]["freezeAuthority"], serde_json::Value::Null);
    }

    #[test]
    fn token_accounts_parse_as_json_with_their_mint_decimals() {
        let data = token_account_data(Pubkey::new_unique(), Pubkey::new_unique(), 2_500_000);
        let parsed = parse(&account(spl_token::id(), data), Some(6)).expect("an account");
        let json = serde_json::to_value(parsed).expect("serializable");
        assert_eq!(json["type"], "account");
        assert_eq!(json["info"]["tokenAmount"]["uiAmountString"], "2.5");
        assert_eq!(json["info"]["state"], "initialized");
        assert_eq!(json["info"]["isNative"], false);
    }
}
