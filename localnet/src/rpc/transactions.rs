//! Transaction methods: send, simulate, airdrop, statuses, history and blocks.

use base64::{prelude::BASE64_STANDARD, Engine};
use bincode::Options;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_clock::Slot;
use solana_rpc_client_types::config::{
    RpcBlockConfig, RpcEncodingConfigWrapper, RpcSendTransactionConfig, RpcSignatureStatusConfig,
    RpcSignaturesForAddressConfig, RpcSimulateTransactionConfig, RpcTransactionConfig,
};
use solana_rpc_client_types::request::{
    MAX_GET_CONFIRMED_SIGNATURES_FOR_ADDRESS2_LIMIT, MAX_GET_SIGNATURE_STATUSES_QUERY_ITEMS,
};
use solana_rpc_client_types::response::{
    RpcBlockhash, RpcConfirmedTransactionStatusWithSignature, RpcSimulateTransactionResult,
};
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_status::{
    EncodeError, EncodedConfirmedTransactionWithStatusMeta, EncodedTransactionWithStatusMeta,
    TransactionBinaryEncoding, TransactionConfirmationStatus, TransactionDetails,
    TransactionStatus, UiConfirmedBlock, UiTransactionEncoding, VersionedTransactionWithStatusMeta,
};

use super::accounts::AccountEncoding;
use super::cluster::block_not_available;
use super::error::{code, RpcError};
use super::params::{self, Params};
use super::{to_json, with_context};
use crate::chain::history::{HistoryRange, TransactionRecord};
use crate::chain::{ChainHandle, CheckedTransaction, SimulateOptions, Simulation};

/// The largest transaction on the wire.
const PACKET_DATA_SIZE: usize = 1232;
/// The longest encodings of a packet-sized transaction, as a validator bounds them.
const MAX_BASE58_SIZE: usize = 1683;
const MAX_BASE64_SIZE: usize = 1644;

/// How a transaction or message travels in a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryEncoding {
    Base58,
    Base64,
}

impl BinaryEncoding {
    fn from_ui(encoding: UiTransactionEncoding) -> Result<Self, RpcError> {
        match encoding.into_binary_encoding() {
            Some(TransactionBinaryEncoding::Base58) => Ok(Self::Base58),
            Some(TransactionBinaryEncoding::Base64) => Ok(Self::Base64),
            None => Err(RpcError::invalid_params(format!(
                "unsupported encoding: {encoding}. Supported encodings: base58, base64"
            ))),
        }
    }
}

/// Decodes and deserializes a wire-format value (transaction or message), bounded in size.
pub fn decode_wire<T: DeserializeOwned>(
    encoded: String,
    encoding: BinaryEncoding,
) -> Result<T, RpcError> {
    let type_name = std::any::type_name::<T>();
    let bytes = match encoding {
        BinaryEncoding::Base58 => {
            if encoded.len() > MAX_BASE58_SIZE {
                return Err(RpcError::invalid_params(format!(
                    "base58 encoded {type_name} too large: {} bytes (max: encoded/raw \
                     {MAX_BASE58_SIZE}/{PACKET_DATA_SIZE})",
                    encoded.len()
                )));
            }
            bs58::decode(&encoded)
                .into_vec()
                .map_err(|e| RpcError::invalid_params(format!("invalid base58 encoding: {e:?}")))?
        }
        BinaryEncoding::Base64 => {
            if encoded.len() > MAX_BASE64_SIZE {
                return Err(RpcError::invalid_params(format!(
                    "base64 encoded {type_name} too large: {} bytes (max: encoded/raw \
                     {MAX_BASE64_SIZE}/{PACKET_DATA_SIZE})",
                    encoded.len()
                )));
            }
            BASE64_STANDARD
                .decode(&encoded)
                .map_err(|e| RpcError::invalid_params(format!("invalid base64 encoding: {e:?}")))?
        }
    };
    if bytes.len() > PACKET_DATA_SIZE {
        return Err(RpcError::invalid_params(format!(
            "decoded {type_name} too large: {} bytes (max: {PACKET_DATA_SIZE} bytes)",
            bytes.len()
        )));
    }
    bincode::options()
        .with_limit(PACKET_DATA_SIZE as u64)
        .with_fixint_encoding()
        .allow_trailing_bytes()
        .deserialize_from(&bytes[..])
        .map_err(|e| RpcError::invalid_params(format!("failed to deserialize {type_name}: {e}")))
}

fn decode_transaction(
    encoded: String,
    encoding: UiTransactionEncoding,
) -> Result<VersionedTransaction, RpcError> {
    let tx: VersionedTransaction = decode_wire(encoded, BinaryEncoding::from_ui(encoding)?)?;
    tx.sanitize()
        .map_err(|e| RpcError::invalid_params(format!("invalid transaction: {e}")))?;
    Ok(tx)
}

pub async fn request_airdrop(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let to = params::pubkey(&params.required::<String>(0, "pubkey")?)?;
    let lamports: u64 = params.required(1, "lamports")?;
    let signature = chain
        .call(move |c| c.airdrop(&to, lamports))
        .await?
        .map_err(|e| RpcError::new(code::INTERNAL_ERROR, e))?;
    Ok(json!(signature.to_string()))
}

pub async fn send_transaction(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let encoded: String = params.required(0, "transaction")?;
    let config: RpcSendTransactionConfig = params.optional(1, "config")?.unwrap_or_default();
    let tx = decode_transaction(
        encoded,
        config.encoding.unwrap_or(UiTransactionEncoding::Base58),
    )?;
    let skip_preflight = config.skip_preflight;
    let checked = CheckedTransaction::new(tx);
    let signature = chain
        .call(move |c| c.send_transaction(checked, skip_preflight))
        .await??;
    Ok(json!(signature.to_string()))
}

pub async fn simulate_transaction(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let encoded: String = params.required(0, "transaction")?;
    let config: RpcSimulateTransactionConfig = params.optional(1, "config")?.unwrap_or_default();
    if config.sig_verify && config.replace_recent_blockhash {
        return Err(RpcError::invalid_params(
            "sigVerify may not be used with replaceRecentBlockhash",
        ));
    }
    let tx = decode_transaction(
        encoded,
        config.encoding.unwrap_or(UiTransactionEncoding::Base58),
    )?;
    let (accounts, accounts_encoding) = match &config.accounts {
        Some(accounts) => {
            let encoding = accounts.encoding.unwrap_or(UiAccountEncoding::Base64);
            if matches!(
                encoding,
                UiAccountEncoding::Binary | UiAccountEncoding::Base58
            ) {
                return Err(RpcError::invalid_params("base58 encoding not supported"));
            }
            let keys = accounts
                .addresses
                .iter()
                .map(|a| params::pubkey(a))
                .collect::<Result<Vec<_>, _>>()?;
            (keys, Some(encoding))
        }
        None => (Vec::new(), None),
    };
    let options = SimulateOptions {
        sig_verify: config.sig_verify,
        replace_recent_blockhash: config.replace_recent_blockhash,
        accounts,
    };
    let simulation = chain.call(move |c| c.simulate(tx, &options)).await??;
    let slot = simulation.slot;
    with_context(
        slot,
        simulation_result(simulation, config.inner_instructions, accounts_encoding),
    )
}

/// A simulation as `simulateTransaction` (and a failed preflight's error data) shows it.
pub fn simulation_result(
    simulation: Simulation,
    with_inner_instructions: bool,
    accounts_encoding: Option<UiAccountEncoding>,
) -> RpcSimulateTransactionResult {
    let accounts = accounts_encoding.map(|encoding| {
        let encoding = AccountEncoding {
            encoding,
            data_slice: None,
        };
        simulation
            .accounts
            .iter()
            .map(|view| view.as_ref().and_then(|v| encoding.encode(v).ok()))
            .collect()
    });
    RpcSimulateTransactionResult {
        err: simulation.err,
        logs: Some(simulation.logs),
        accounts,
        units_consumed: Some(simulation.units_consumed),
        loaded_accounts_data_size: None,
        return_data: simulation.return_data.map(Into::into),
        inner_instructions: with_inner_instructions.then(|| {
            simulation
                .inner_instructions
                .into_iter()
                .map(Into::into)
                .collect()
        }),
        replacement_blockhash: simulation.replacement_blockhash.map(|(hash, last_valid)| {
            RpcBlockhash {
                blockhash: hash.to_string(),
                last_valid_block_height: last_valid,
            }
        }),
    }
}

pub async fn get_signature_statuses(
    chain: &ChainHandle,
    params: Params,
) -> Result<Value, RpcError> {
    let signatures: Vec<String> = params.required(0, "signatures")?;
    if signatures.len() > MAX_GET_SIGNATURE_STATUSES_QUERY_ITEMS {
        return Err(RpcError::invalid_params(format!(
            "Too many inputs provided; max {MAX_GET_SIGNATURE_STATUSES_QUERY_ITEMS}"
        )));
    }
    let signatures = signatures
        .iter()
        .map(|s| params::signature(s))
        .collect::<Result<Vec<_>, _>>()?;
    // History is never pruned, so `searchTransactionHistory` changes nothing; still checked.
    let _: Option<RpcSignatureStatusConfig> = params.optional(1, "config")?;
    let (slot, statuses) = chain
        .call(move |c| {
            let statuses: Vec<_> = signatures.iter().map(|s| c.signature_status(s)).collect();
            (c.slot(), statuses)
        })
        .await?;
    let statuses: Vec<Option<TransactionStatus>> = statuses
        .into_iter()
        .map(|status| {
            status.map(|(slot, err)| TransactionStatus {
                slot,
                // Every block is final at once here.
                confirmations: None,
                status: err.clone().map_or(Ok(()), Err),
                err,
                confirmation_status: Some(TransactionConfirmationStatus::Finalized),
            })
        })
        .collect();
    with_context(slot, statuses)
}

fn unsupported_version(version: u8) -> RpcError {
    RpcError::new(
        code::UNSUPPORTED_TRANSACTION_VERSION,
        format!(
            "Transaction version ({version}) is not supported by the requesting client. Please \
             try the request again with the following configuration parameter: \
             \"maxSupportedTransactionVersion\": {version}"
        ),
    )
}

/// A recorded transaction in the requested encoding (agave's own encoder: `jsonParsed` decodes
/// the instructions of the System, SPL Token, Associated Token Account, Memo and other known
/// programs), refusing versions the client did not declare it supports.
fn encode_transaction(
    record: &TransactionRecord,
    encoding: UiTransactionEncoding,
    max_supported_version: Option<u8>,
) -> Result<EncodedTransactionWithStatusMeta, RpcError> {
    let with_meta = VersionedTransactionWithStatusMeta {
        transaction: record.transaction.clone(),
        meta: record.status_meta(),
    };
    with_meta
        .encode(encoding, max_supported_version, true)
        .map_err(|EncodeError::UnsupportedTransactionVersion(version)| unsupported_version(version))
}

pub async fn get_transaction(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let signature = params::signature(&params.required::<String>(0, "signature")?)?;
    let config = params
        .optional::<RpcEncodingConfigWrapper<RpcTransactionConfig>>(1, "config")?
        .map(|wrapper| wrapper.convert_to_current())
        .unwrap_or_default();
    let Some(record) = chain.call(move |c| c.transaction(&signature)).await? else {
        return Ok(Value::Null);
    };
    let transaction = encode_transaction(
        &record,
        config.encoding.unwrap_or(UiTransactionEncoding::Json),
        config.max_supported_transaction_version,
    )?;
    to_json(EncodedConfirmedTransactionWithStatusMeta {
        slot: record.slot,
        transaction,
        block_time: Some(record.block_time),
    })
}

pub async fn get_signatures_for_address(
    chain: &ChainHandle,
    params: Params,
) -> Result<Value, RpcError> {
    let address = params::pubkey(&params.required::<String>(0, "address")?)?;
    let config: RpcSignaturesForAddressConfig = params.optional(1, "config")?.unwrap_or_default();
    let limit = config
        .limit
        .unwrap_or(MAX_GET_CONFIRMED_SIGNATURES_FOR_ADDRESS2_LIMIT);
    if limit == 0 || limit > MAX_GET_CONFIRMED_SIGNATURES_FOR_ADDRESS2_LIMIT {
        return Err(RpcError::invalid_params(format!(
            "Invalid limit; max {MAX_GET_CONFIRMED_SIGNATURES_FOR_ADDRESS2_LIMIT}"
        )));
    }
    let range = HistoryRange {
        before: config
            .before
            .as_deref()
            .map(params::signature)
            .transpose()?,
        until: config.until.as_deref().map(params::signature).transpose()?,
        limit,
    };
    let found = chain
        .call(move |c| c.signatures_for_address(&address, range))
        .await?;
    let entries: Vec<RpcConfirmedTransactionStatusWithSignature> = found
        .into_iter()
        .map(|info| RpcConfirmedTransactionStatusWithSignature {
            signature: info.signature.to_string(),
            slot: info.slot,
            err: info.err,
            memo: None,
            block_time: Some(info.block_time),
            confirmation_status: Some(TransactionConfirmationStatus::Finalized),
        })
        .collect();
    to_json(entries)
}

pub async fn get_block(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let slot: Slot = params.required(0, "slot")?;
    let config = params
        .optional::<RpcEncodingConfigWrapper<RpcBlockConfig>>(1, "config")?
        .map(|wrapper| wrapper.convert_to_current())
        .unwrap_or_default();
    let Some(block) = chain.call(move |c| c.block(slot)).await? else {
        return Err(block_not_available(slot));
    };
    let encoding = config.encoding.unwrap_or(UiTransactionEncoding::Json);
    let details = config.transaction_details.unwrap_or_default();
    let transactions = match details {
        TransactionDetails::Full => Some(
            block
                .transactions
                .iter()
                .map(|record| {
                    encode_transaction(record, encoding, config.max_supported_transaction_version)
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
        _ => None,
    };
    let signatures = matches!(details, TransactionDetails::Signatures).then(|| {
        block
            .transactions
            .iter()
            .map(|record| record.signature().to_string())
            .collect()
    });
    to_json(UiConfirmedBlock {
        previous_blockhash: block.previous_blockhash.to_string(),
        blockhash: block.blockhash.to_string(),
        parent_slot: block.parent_slot,
        transactions,
        signatures,
        rewards: config.rewards.unwrap_or(true).then(Vec::new),
        num_reward_partitions: None,
        block_time: block.block_time,
        block_height: Some(block.slot),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use solana_hash::Hash;
    use solana_keypair::Keypair;
    use solana_message::{Message, VersionedMessage};
    use solana_signer::Signer;

    fn transfer() -> VersionedTransaction {
        let payer = Keypair::new();
        let ix = solana_system_interface::instruction::transfer(
            &payer.pubkey(),
            &Keypair::new().pubkey(),
            1,
        );
        let message = Message::new_with_blockhash(&[ix], Some(&payer.pubkey()), &Hash::default());
        VersionedTransaction::try_new(VersionedMessage::Legacy(message), &[&payer]).expect("signed")
    }

    #[test]
    fn transactions_decode_from_base58_and_base64() {
        let tx = transfer();
        let bytes = bincode::serialize(&tx).expect("serializable");
        let from58: VersionedTransaction =
            decode_wire(bs58::encode(&bytes).into_string(), BinaryEncoding::Base58)
                .expect("decodes");
        let from64: VersionedTransaction =
            decode_wire(BASE64_STANDARD.encode(&bytes), BinaryEncoding::Base64).expect("decodes");
        assert_eq!(from58, tx);
        assert_eq!(from64, tx);
    }

    #[test]
    fn malformed_transactions_are_invalid_params() {
        for (text, encoding) in [
            ("0OIl", BinaryEncoding::Base58),
            ("***", BinaryEncoding::Base64),
            ("AAAA", BinaryEncoding::Base64),
        ] {
            let error =
                decode_wire::<VersionedTransaction>(text.into(), encoding).expect_err("malformed");
            assert_eq!(error.code, -32602, "{}", error.message);
        }
        let long = "1".repeat(MAX_BASE58_SIZE + 1);
        assert!(decode_wire::<VersionedTransaction>(long, BinaryEncoding::Base58).is_err());
    }

    #[test]
    fn only_binary_encodings_carry_transactions() {
        assert!(BinaryEncoding::from_ui(UiTransactionEncoding::Json).is_err());
        assert_eq!(
            BinaryEncoding::from_ui(UiTransactionEncoding::Base64).ok(),
            Some(BinaryEncoding::Base64)
        );
    }
}
