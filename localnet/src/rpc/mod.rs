//! HTTP JSON-RPC: the request envelope (single, batch, gzip bodies) and method dispatch.

pub mod accounts;
pub mod cluster;
pub mod error;
pub mod params;
pub mod transactions;

use std::borrow::Cow;
use std::io::Read;
use std::panic::AssertUnwindSafe;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures::FutureExt;
use serde::Serialize;
use serde_json::{json, Map, Value};
use solana_clock::Slot;
use solana_rpc_client_types::response::{Response as RpcResponse, RpcResponseContext};

use crate::chain::ChainHandle;
use error::RpcError;
use params::Params;

/// Largest request body, after decompression.
const MAX_BODY_BYTES: u64 = 50 * 1024 * 1024;

pub fn router(chain: ChainHandle) -> Router {
    Router::new()
        .route("/", post(handle_http))
        .route("/health", get(|| async { "ok" }))
        .with_state(chain)
}

async fn handle_http(
    State(chain): State<ChainHandle>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(body) = decode_body(&headers, &body) else {
        return Json(error_response(Value::Null, RpcError::parse_error())).into_response();
    };
    let Ok(request) = serde_json::from_slice::<Value>(&body) else {
        return Json(error_response(Value::Null, RpcError::parse_error())).into_response();
    };
    match handle_request(&chain, request).await {
        Some(response) => Json(response).into_response(),
        // Only notifications (requests without an id): JSON-RPC answers nothing.
        None => StatusCode::NO_CONTENT.into_response(),
    }
}

/// The body as JSON bytes. anchorpy labels plain bodies `content-encoding: gzip`, so a body
/// is inflated only when it really is gzip (it starts with gzip's magic bytes).
fn decode_body<'a>(headers: &HeaderMap, body: &'a [u8]) -> Option<Cow<'a, [u8]>> {
    let labelled_gzip = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("gzip"));
    if labelled_gzip && body.starts_with(&[0x1f, 0x8b]) {
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(body)
            .take(MAX_BODY_BYTES)
            .read_to_end(&mut inflated)
            .ok()?;
        Some(Cow::Owned(inflated))
    } else {
        Some(Cow::Borrowed(body))
    }
}

/// Answers one request or a batch; `None` when nothing is to be answered.
pub async fn handle_request(chain: &ChainHandle, request: Value) -> Option<Value> {
    match request {
        Value::Array(calls) if calls.is_empty() => Some(error_response(
            Value::Null,
            RpcError::invalid_request("Invalid request"),
        )),
        Value::Array(calls) => {
            let mut responses = Vec::with_capacity(calls.len());
            for call in calls {
                responses.extend(handle_call(chain, call).await);
            }
            (!responses.is_empty()).then_some(Value::Array(responses))
        }
        call => handle_call(chain, call).await,
    }
}

async fn handle_call(chain: &ChainHandle, call: Value) -> Option<Value> {
    let Value::Object(call) = call else {
        return Some(error_response(
            Value::Null,
            RpcError::invalid_request("Invalid request"),
        ));
    };
    let id = call.get("id").cloned();
    let response_id = id.clone().unwrap_or(Value::Null);
    let (method, params) = match envelope(&call) {
        Ok(parts) => parts,
        Err(error) => return Some(error_response(response_id, error)),
    };
    let outcome = match Params::new(params) {
        Ok(params) => AssertUnwindSafe(dispatch(chain, method, params))
            .catch_unwind()
            .await
            .unwrap_or_else(|_| Err(RpcError::internal())),
        Err(error) => Err(error),
    };
    // A request without an id is a notification: executed, never answered.
    id.as_ref()?;
    Some(match outcome {
        Ok(result) => json!({ "jsonrpc": "2.0", "result": result, "id": response_id }),
        Err(error) => error_response(response_id, error),
    })
}

/// The method and params of a well-formed JSON-RPC 2.0 request.
fn envelope(call: &Map<String, Value>) -> Result<(&str, Option<Value>), RpcError> {
    let valid_version = call.get("jsonrpc").and_then(Value::as_str) == Some("2.0");
    let valid_id = matches!(
        call.get("id"),
        None | Some(Value::Null | Value::Number(_) | Value::String(_))
    );
    match call.get("method").and_then(Value::as_str) {
        Some(method) if valid_version && valid_id => Ok((method, call.get("params").cloned())),
        _ => Err(RpcError::invalid_request("Invalid request")),
    }
}

pub fn error_response(id: Value, error: RpcError) -> Value {
    json!({ "jsonrpc": "2.0", "error": error.to_json(), "id": id })
}

/// A value in the `{context: {slot, apiVersion}, value}` wrapper.
pub fn with_context<T: Serialize>(slot: Slot, value: T) -> Result<Value, RpcError> {
    to_json(RpcResponse {
        context: RpcResponseContext::new(slot),
        value,
    })
}

pub fn to_json<T: Serialize>(value: T) -> Result<Value, RpcError> {
    serde_json::to_value(value).map_err(|_| RpcError::internal())
}

async fn dispatch(chain: &ChainHandle, method: &str, params: Params) -> Result<Value, RpcError> {
    match method {
        "getHealth" => Ok(json!("ok")),
        "getVersion" => cluster::get_version(),
        "getIdentity" => cluster::get_identity(chain).await,
        "getGenesisHash" => cluster::get_genesis_hash(chain).await,
        "getSlot" => cluster::get_slot(chain, params).await,
        "getBlockHeight" => cluster::get_block_height(chain, params).await,
        "getEpochInfo" => cluster::get_epoch_info(chain, params).await,
        "getTransactionCount" => cluster::get_transaction_count(chain, params).await,
        "getLatestBlockhash" => cluster::get_latest_blockhash(chain, params).await,
        "isBlockhashValid" => cluster::is_blockhash_valid(chain, params).await,
        "getFeeForMessage" => cluster::get_fee_for_message(chain, params).await,
        "getMinimumBalanceForRentExemption" => {
            cluster::get_minimum_balance_for_rent_exemption(chain, params).await
        }
        "getRecentPrioritizationFees" => cluster::get_recent_prioritization_fees(chain).await,
        "getFirstAvailableBlock" => Ok(json!(0)),
        "getBlockTime" => cluster::get_block_time(chain, params).await,
        "localnet_setClock" => cluster::set_clock(chain, params).await,
        "getBalance" => accounts::get_balance(chain, params).await,
        "getAccountInfo" => accounts::get_account_info(chain, params).await,
        "getMultipleAccounts" => accounts::get_multiple_accounts(chain, params).await,
        "getProgramAccounts" => accounts::get_program_accounts(chain, params).await,
        "getTokenAccountBalance" => accounts::get_token_account_balance(chain, params).await,
        "getTokenAccountsByOwner" => accounts::get_token_accounts_by_owner(chain, params).await,
        "getTokenSupply" => accounts::get_token_supply(chain, params).await,
        "requestAirdrop" => transactions::request_airdrop(chain, params).await,
        "sendTransaction" => transactions::send_transaction(chain, params).await,
        "simulateTransaction" => transactions::simulate_transaction(chain, params).await,
        "getSignatureStatuses" => transactions::get_signature_statuses(chain, params).await,
        "getTransaction" => transactions::get_transaction(chain, params).await,
        "getSignaturesForAddress" => transactions::get_signatures_for_address(chain, params).await,
        "getBlock" => transactions::get_block(chain, params).await,
        _ => Err(RpcError::method_not_found()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).expect("compressible");
        encoder.finish().expect("compressed")
    }

    #[test]
    fn gzip_labelled_bodies_are_inflated_only_when_compressed() {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_ENCODING, "gzip".parse().expect("a header"));
        let plain = br#"{"a":1}"#;
        assert_eq!(decode_body(&headers, plain).as_deref(), Some(&plain[..]));
        let compressed = gzip(plain);
        assert_eq!(
            decode_body(&headers, &compressed).as_deref(),
            Some(&plain[..])
        );
        assert_eq!(decode_body(&headers, &[0x1f, 0x8b, 0]), None);
    }

    #[test]
    fn envelopes_must_be_json_rpc_2() {
        let call = |v: Value| v.as_object().cloned().expect("an object");
        assert!(envelope(&call(
            json!({"jsonrpc": "2.0", "method": "getSlot", "id": 1})
        ))
        .is_ok());
        assert!(envelope(&call(
            json!({"jsonrpc": "1.0", "method": "getSlot", "id": 1})
        ))
        .is_err());
        assert!(envelope(&call(json!({"jsonrpc": "2.0", "id": 1}))).is_err());
        assert!(envelope(&call(json!({"jsonrpc": "2.0", "method": "x", "id": [1]}))).is_err());
    }
}
