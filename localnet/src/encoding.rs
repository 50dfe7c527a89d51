//! Accounts as the RPC shows them (`base58`, `base64`, `base64+zstd`, `jsonParsed`), and the
//! `getProgramAccounts` / `programSubscribe` filters.

use base64::{prelude::BASE64_STANDARD, Engine};
use solana_account::Account;
use solana_account_decoder_client_types::{
    ParsedAccount, UiAccount, UiAccountData, UiAccountEncoding, UiDataSliceConfig,
};
use solana_rpc_client_types::filter::RpcFilterType;

use crate::token;

/// The largest account data a validator agrees to encode as base58.
pub const MAX_BASE58_BYTES: usize = 128;

/// At most this many filters per request, as on a validator.
pub const MAX_FILTERS: usize = 4;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "Encoded binary (base 58) data should be less than {MAX_BASE58_BYTES} bytes, please use \
     Base64 encoding."
)]
pub struct Base58TooLarge;

/// Encodes `account`. `token_decimals` is the decimals of the account's mint when the account
/// is a token account: `jsonParsed` needs it to scale amounts.
pub fn encode_account(
    account: &Account,
    encoding: UiAccountEncoding,
    data_slice: Option<UiDataSliceConfig>,
    token_decimals: Option<u8>,
) -> Result<UiAccount, Base58TooLarge> {
    let data = slice(&account.data, data_slice);
    let ui_data = match encoding {
        UiAccountEncoding::Binary | UiAccountEncoding::Base58 if data.len() > MAX_BASE58_BYTES => {
            return Err(Base58TooLarge)
        }
        UiAccountEncoding::Binary => UiAccountData::LegacyBinary(bs58::encode(data).into_string()),
        UiAccountEncoding::Base58 => {
            UiAccountData::Binary(bs58::encode(data).into_string(), encoding)
        }
        UiAccountEncoding::Base64 => UiAccountData::Binary(BASE64_STANDARD.encode(data), encoding),
        UiAccountEncoding::Base64Zstd => zstd_base64(data),
        UiAccountEncoding::JsonParsed => {
            json_parsed(account, token_decimals).unwrap_or_else(|| {
                // A validator falls back to base64 for accounts it cannot parse.
                UiAccountData::Binary(BASE64_STANDARD.encode(data), UiAccountEncoding::Base64)
            })
        }
    };
    Ok(UiAccount {
        lamports: account.lamports,
        data: ui_data,
        owner: account.owner.to_string(),
        executable: account.executable,
        rent_epoch: account.rent_epoch,
        space: Some(account.data.len() as u64),
    })
}

fn slice(data: &[u8], config: Option<UiDataSliceConfig>) -> &[u8] {
    match config {
        None => data,
        Some(UiDataSliceConfig { offset, length }) => {
            let start = offset.min(data.len());
            let end = start.saturating_add(length).min(data.len());
            &data[start..end]
        }
    }
}

fn zstd_base64(data: &[u8]) -> UiAccountData {
    match zstd::encode_all(data, 0) {
        Ok(compressed) => UiAccountData::Binary(
            BASE64_STANDARD.encode(compressed),
            UiAccountEncoding::Base64Zstd,
        ),
        // Compressing a byte slice in memory cannot fail in practice; base64 is still correct.
        Err(_) => UiAccountData::Binary(BASE64_STANDARD.encode(data), UiAccountEncoding::Base64),
    }
}

fn json_parsed(account: &Account, token_decimals: Option<u8>) -> Option<UiAccountData> {
    let parsed = token::parse(account, token_decimals)?;
    Some(UiAccountData::Json(ParsedAccount {
        program: token::program_name(&account.owner).to_string(),
        parsed: serde_json::to_value(parsed).ok()?,
        space: account.data.len() as u64,
    }))
}

/// Checks the filters of a request and decodes their bytes once, so matching is cheap.
pub fn prepare_filters(mut filters: Vec<RpcFilterType>) -> Result<Vec<RpcFilterType>, String> {
    if filters.len() > MAX_FILTERS {
        return Err(format!("Too many filters provided; max {MAX_FILTERS}"));
    }
    for filter in &mut filters {
        filter.verify().map_err(|e| e.to_string())?;
        if let RpcFilterType::Memcmp(memcmp) = filter {
            memcmp.convert_to_raw_bytes().map_err(|e| e.to_string())?;
        }
    }
    Ok(filters)
}

/// Whether `account` passes every filter.
pub fn matches_filters(filters: &[RpcFilterType], account: &Account) -> bool {
    filters.iter().all(|filter| match filter {
        RpcFilterType::DataSize(size) => account.data.len() as u64 == *size,
        RpcFilterType::Memcmp(memcmp) => memcmp.bytes_match(&account.data),
        RpcFilterType::TokenAccountState => {
            token::token_account(&account.owner, &account.data).is_some()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use solana_pubkey::Pubkey;
    use solana_rpc_client_types::filter::{Memcmp, MemcmpEncodedBytes};

    fn account(data: Vec<u8>) -> Account {
        Account {
            lamports: 10,
            data,
            owner: Pubkey::new_unique(),
            executable: false,
            rent_epoch: u64::MAX,
        }
    }

    fn decoded(ui: &UiAccount) -> Vec<u8> {
        ui.data.decode().expect("binary data")
    }

    #[test]
    fn binary_encodings_round_trip() {
        let acc = account((0..200).map(|i| i as u8).collect());
        for encoding in [UiAccountEncoding::Base64, UiAccountEncoding::Base64Zstd] {
            let ui = encode_account(&acc, encoding, None, None).expect("encodable");
            assert_eq!(decoded(&ui), acc.data);
            assert_eq!(ui.space, Some(200));
        }
    }

    #[test]
    fn base58_is_refused_above_128_bytes_unless_sliced() {
        let acc = account(vec![1; 129]);
        assert_eq!(
            encode_account(&acc, UiAccountEncoding::Base58, None, None),
            Err(Base58TooLarge)
        );
        let slice = UiDataSliceConfig {
            offset: 1,
            length: 128,
        };
        let ui = encode_account(&acc, UiAccountEncoding::Base58, Some(slice), None)
            .expect("sliced to 128 bytes");
        assert_eq!(decoded(&ui), vec![1; 128]);
        assert!(encode_account(
            &account(vec![1; 128]),
            UiAccountEncoding::Base58,
            None,
            None
        )
        .is_ok());
    }

    #[test]
    fn slices_past_the_end_are_empty_or_short() {
        assert_eq!(
            slice(
                &[1, 2, 3],
                Some(UiDataSliceConfig {
                    offset: 2,
                    length: 10
                })
            ),
            &[3]
        );
        assert!(slice(
            &[1, 2, 3],
            Some(UiDataSliceConfig {
                offset: 9,
                length: 1
            })
        )
        .is_empty());
    }

    #[test]
    fn json_parsed_falls_back_to_base64_for_other_accounts() {
        let ui = encode_account(
            &account(vec![9; 4]),
            UiAccountEncoding::JsonParsed,
            None,
            None,
        )
        .expect("encodable");
        assert_eq!(
            ui.data,
            UiAccountData::Binary("CQkJCQ==".into(), UiAccountEncoding::Base64)
        );
    }

    #[test]
    fn filters_match_memcmp_and_size() {
        let acc = account(vec![1, 2, 3, 4]);
        let memcmp = |offset, bytes: &[u8]| {
            RpcFilterType::Memcmp(Memcmp::new(
                offset,
                MemcmpEncodedBytes::Base58(bs58::encode(bytes).into_string()),
            ))
        };
        let filters = prepare_filters(vec![memcmp(1, &[2, 3]), RpcFilterType::DataSize(4)])
            .expect("valid filters");
        assert!(matches_filters(&filters, &acc));
        let filters = prepare_filters(vec![memcmp(3, &[4, 5])]).expect("valid filters");
        assert!(!matches_filters(&filters, &acc));
        assert!(!matches_filters(&[RpcFilterType::DataSize(5)], &acc));
    }

    #[test]
    fn bad_filters_are_refused() {
        let bad = RpcFilterType::Memcmp(Memcmp::new(0, MemcmpEncodedBytes::Base58("0OIl".into())));
        assert!(prepare_filters(vec![bad]).is_err());
        assert!(prepare_filters(vec![RpcFilterType::DataSize(1); 5]).is_err());
    }
}
