//! Methods about the node, slots, blockhashes, fees and the clock.

use serde::Deserialize;
use serde_json::{json, Value};
use solana_clock::{Slot, UnixTimestamp};
use solana_message::VersionedMessage;
use solana_rpc_client_types::response::{
    RpcBlockhash, RpcIdentity, RpcPrioritizationFee, RpcVersionInfo,
};

use super::error::{code, RpcError};
use super::params::{self, Params};
use super::transactions::{decode_wire, BinaryEncoding};
use super::{to_json, with_context};
use crate::chain::blockhash::MAX_PROCESSING_AGE;
use crate::chain::ChainHandle;

pub fn get_version() -> Result<Value, RpcError> {
    let version = solana_version::Version::default();
    to_json(RpcVersionInfo {
        solana_core: format!("{}.{}.{}", version.major, version.minor, version.patch),
        feature_set: Some(version.feature_set),
    })
}

pub async fn get_identity(chain: &ChainHandle) -> Result<Value, RpcError> {
    let identity = chain.call(|c| c.identity()).await?;
    to_json(RpcIdentity {
        identity: identity.to_string(),
    })
}

pub async fn get_genesis_hash(chain: &ChainHandle) -> Result<Value, RpcError> {
    Ok(json!(chain.call(|c| c.genesis_hash()).await?.to_string()))
}

/// The request's `minContextSlot`, which the node must have reached.
fn check_min_context_slot(params: &Params, index: usize, slot: Slot) -> Result<(), RpcError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ContextConfig {
        min_context_slot: Option<Slot>,
    }
    let config: Option<ContextConfig> = params.optional(index, "config")?;
    match config.and_then(|c| c.min_context_slot) {
        Some(min) if min > slot => Err(min_context_slot_not_reached(slot)),
        _ => Ok(()),
    }
}

pub fn min_context_slot_not_reached(slot: Slot) -> RpcError {
    RpcError::new(
        code::MIN_CONTEXT_SLOT_NOT_REACHED,
        "Minimum context slot has not been reached",
    )
    .with_data(json!({ "contextSlot": slot }))
}

pub async fn get_slot(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let slot = chain.call(|c| c.slot()).await?;
    check_min_context_slot(&params, 0, slot)?;
    Ok(json!(slot))
}

pub async fn get_block_height(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let (slot, height) = chain.call(|c| (c.slot(), c.block_height())).await?;
    check_min_context_slot(&params, 0, slot)?;
    Ok(json!(height))
}

pub async fn get_epoch_info(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let info = chain.call(|c| c.epoch_info()).await?;
    check_min_context_slot(&params, 0, info.absolute_slot)?;
    Ok(json!({
        "absoluteSlot": info.absolute_slot,
        "blockHeight": info.block_height,
        "epoch": info.epoch,
        "slotIndex": info.slot_index,
        "slotsInEpoch": info.slots_in_epoch,
        "transactionCount": info.transaction_count,
    }))
}

pub async fn get_transaction_count(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let info = chain.call(|c| c.epoch_info()).await?;
    check_min_context_slot(&params, 0, info.absolute_slot)?;
    Ok(json!(info.transaction_count))
}

pub async fn get_latest_blockhash(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let (slot, (blockhash, last_valid_block_height)) =
        chain.call(|c| (c.slot(), c.latest_blockhash())).await?;
    check_min_context_slot(&params, 0, slot)?;
    with_context(
        slot,
        RpcBlockhash {
            blockhash: blockhash.to_string(),
            last_valid_block_height,
        },
    )
}

pub async fn is_blockhash_valid(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let hash = params::blockhash(&params.required::<String>(0, "blockhash")?)?;
    let (slot, valid) = chain
        .call(move |c| (c.slot(), c.is_blockhash_valid(&hash)))
        .await?;
    check_min_context_slot(&params, 1, slot)?;
    with_context(slot, valid)
}

pub async fn get_fee_for_message(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let encoded: String = params.required(0, "message")?;
    let message: VersionedMessage = decode_wire(encoded, BinaryEncoding::Base64)?;
    message
        .sanitize()
        .map_err(|e| RpcError::invalid_params(format!("invalid message: {e}")))?;
    let (slot, fee) = chain
        .call(move |c| (c.slot(), c.fee_for_message(&message)))
        .await?;
    check_min_context_slot(&params, 1, slot)?;
    with_context(slot, fee)
}

/// The largest account the runtime allows (10 MiB).
const MAX_PERMITTED_DATA_LENGTH: usize = 10 * 1024 * 1024;

pub async fn get_minimum_balance_for_rent_exemption(
    chain: &ChainHandle,
    params: Params,
) -> Result<Value, RpcError> {
    let data_len: usize = params.required(0, "dataLength")?;
    if data_len > MAX_PERMITTED_DATA_LENGTH {
        return Err(RpcError::invalid_params(format!(
            "dataLength {data_len} exceeds the maximum account size of {MAX_PERMITTED_DATA_LENGTH} bytes"
        )));
    }
    let lamports = chain
        .call(move |c| c.minimum_balance_for_rent_exemption(data_len))
        .await?;
    Ok(json!(lamports))
}

/// Nothing here competes for block space, so every recent slot's fee is zero.
pub async fn get_recent_prioritization_fees(chain: &ChainHandle) -> Result<Value, RpcError> {
    let slot = chain.call(|c| c.slot()).await?;
    let fees: Vec<RpcPrioritizationFee> = (slot.saturating_sub(MAX_PROCESSING_AGE - 1)..=slot)
        .map(|slot| RpcPrioritizationFee {
            slot,
            prioritization_fee: 0,
        })
        .collect();
    to_json(fees)
}

pub async fn get_block_time(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let slot: Slot = params.required(0, "slot")?;
    let time = chain
        .call(move |c| c.block(slot).and_then(|block| block.block_time))
        .await?;
    match time {
        Some(time) => Ok(json!(time)),
        None => Err(block_not_available(slot)),
    }
}

pub fn block_not_available(slot: Slot) -> RpcError {
    RpcError::new(
        code::BLOCK_NOT_AVAILABLE,
        format!("Block not available for slot {slot}"),
    )
}

/// `localnet_setClock`: `[{"unixTimestamp": i64, "slot": u64}]`, either or both.
pub async fn set_clock(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct SetClock {
        unix_timestamp: Option<UnixTimestamp>,
        slot: Option<Slot>,
    }
    let request: SetClock = params.required(0, "clock")?;
    if request.unix_timestamp.is_none() && request.slot.is_none() {
        return Err(RpcError::invalid_params("give unixTimestamp, slot or both"));
    }
    let state = chain
        .call(move |c| c.set_clock(request.unix_timestamp, request.slot))
        .await?
        .map_err(RpcError::invalid_params)?;
    Ok(json!({ "slot": state.slot, "unixTimestamp": state.unix_timestamp }))
}
