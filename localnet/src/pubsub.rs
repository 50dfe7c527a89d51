//! WebSocket PubSub: account, program, logs, signature and slot subscriptions, with the
//! notification shapes of a validator.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use solana_pubkey::Pubkey;
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcSignatureSubscribeConfig,
    RpcTransactionLogsConfig, RpcTransactionLogsFilter,
};
use solana_rpc_client_types::filter::RpcFilterType;
use solana_signature::Signature;
use tokio::sync::broadcast::error::RecvError;

use crate::chain::{AccountUpdate, ChainEvent, ChainHandle, TransactionNotice};
use crate::encoding::{matches_filters, prepare_filters};
use crate::rpc::accounts::AccountEncoding;
use crate::rpc::error::{code, RpcError};
use crate::rpc::error_response;
use crate::rpc::params::{self, Params};

/// Subscription ids are unique across connections, as on a validator.
static NEXT_SUBSCRIPTION: AtomicU64 = AtomicU64::new(0);

pub fn router(chain: ChainHandle) -> Router {
    Router::new().route("/", get(upgrade)).with_state(chain)
}

async fn upgrade(ws: WebSocketUpgrade, State(chain): State<ChainHandle>) -> Response {
    ws.on_upgrade(move |socket| serve(socket, chain))
}

enum LogsFilter {
    All,
    Mentions(Pubkey),
}

enum Subscription {
    Account {
        pubkey: Pubkey,
        encoding: AccountEncoding,
    },
    Program {
        program: Pubkey,
        filters: Vec<RpcFilterType>,
        encoding: AccountEncoding,
    },
    Logs(LogsFilter),
    Signature(Signature),
    Slot,
}

impl Subscription {
    /// The unsubscribe method that ends this kind of subscription.
    fn unsubscribe_method(&self) -> &'static str {
        match self {
            Self::Account { .. } => "accountUnsubscribe",
            Self::Program { .. } => "programUnsubscribe",
            Self::Logs(_) => "logsUnsubscribe",
            Self::Signature(_) => "signatureUnsubscribe",
            Self::Slot => "slotUnsubscribe",
        }
    }
}

/// One connection's subscriptions.
#[derive(Default)]
struct Subscriptions(HashMap<u64, Subscription>);

async fn serve(mut socket: WebSocket, chain: ChainHandle) {
    // Subscribed before any request is read, so no event after a subscription is missed.
    let mut events = chain.subscribe();
    let mut subscriptions = Subscriptions::default();
    loop {
        let outgoing = tokio::select! {
            message = socket.recv() => match message {
                Some(Ok(Message::Text(text))) => {
                    subscriptions.handle_request(&chain, text.as_str()).await
                }
                Some(Ok(Message::Binary(bytes))) => match std::str::from_utf8(&bytes) {
                    Ok(text) => subscriptions.handle_request(&chain, text).await,
                    Err(_) => vec![error_response(Value::Null, RpcError::parse_error())],
                },
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => Vec::new(),
                Some(Ok(Message::Close(_)) | Err(_)) | None => return,
            },
            event = events.recv() => match event {
                Ok(event) => subscriptions.notifications(&event),
                // A client that missed notifications must know it: closing makes it
                // reconnect, resubscribe and backfill, as after any dropped connection.
                Err(RecvError::Lagged(_)) | Err(RecvError::Closed) => {
                    let _ = socket.send(Message::Close(None)).await;
                    return;
                }
            },
        };
        for message in outgoing {
            if socket
                .send(Message::Text(message.to_string().into()))
                .await
                .is_err()
            {
                return;
            }
        }
    }
}

impl Subscriptions {
    /// Answers one request, or a batch with one array of responses; then come the
    /// notifications of signature subscriptions to transactions that already landed. A
    /// request without an id is a JSON-RPC notification: it is carried out, not answered.
    async fn handle_request(&mut self, chain: &ChainHandle, text: &str) -> Vec<Value> {
        let Ok(request) = serde_json::from_str::<Value>(text) else {
            return vec![error_response(Value::Null, RpcError::parse_error())];
        };
        let (calls, batch) = match request {
            Value::Array(calls) if calls.is_empty() => {
                let error = RpcError::invalid_request("Invalid request");
                return vec![error_response(Value::Null, error)];
            }
            Value::Array(calls) => (calls, true),
            call => (vec![call], false),
        };
        let mut responses = Vec::new();
        let mut notifications = Vec::new();
        for call in calls {
            let id = call.get("id").cloned();
            let valid = call.get("jsonrpc").and_then(Value::as_str) == Some("2.0");
            let method = call.get("method").and_then(Value::as_str);
            let result = match (valid, method) {
                (true, Some(method)) => match Params::new(call.get("params").cloned()) {
                    Ok(params) => self.call(chain, method, &params).await,
                    Err(error) => Err(error),
                },
                _ => Err(RpcError::invalid_request("Invalid request")),
            };
            let response = match result {
                Ok((result, notification)) => {
                    notifications.extend(notification);
                    id.map(|id| json!({ "jsonrpc": "2.0", "result": result, "id": id }))
                }
                // An invalid request is answered even without an id, with a null one.
                Err(error) if id.is_some() || !valid || method.is_none() => {
                    Some(error_response(id.unwrap_or(Value::Null), error))
                }
                Err(_) => None,
            };
            responses.extend(response);
        }
        let mut out = match (batch, responses.is_empty()) {
            (_, true) => Vec::new(),
            (true, false) => vec![Value::Array(responses)],
            (false, false) => responses,
        };
        out.extend(notifications);
        out
    }

    async fn call(
        &mut self,
        chain: &ChainHandle,
        method: &str,
        params: &Params,
    ) -> Result<(Value, Option<Value>), RpcError> {
        let subscription = match method {
            "accountSubscribe" => {
                let pubkey = params::pubkey(&params.required::<String>(0, "pubkey")?)?;
                let config: RpcAccountInfoConfig =
                    params.optional(1, "config")?.unwrap_or_default();
                Subscription::Account {
                    pubkey,
                    encoding: AccountEncoding::from_config(&config),
                }
            }
            "programSubscribe" => {
                let program = params::pubkey(&params.required::<String>(0, "programId")?)?;
                let config: RpcProgramAccountsConfig =
                    params.optional(1, "config")?.unwrap_or_default();
                let filters = prepare_filters(config.filters.unwrap_or_default())
                    .map_err(RpcError::invalid_params)?;
                Subscription::Program {
                    program,
                    filters,
                    encoding: AccountEncoding::from_config(&config.account_config),
                }
            }
            "logsSubscribe" => {
                let filter: RpcTransactionLogsFilter = params.required(0, "filter")?;
                let _: Option<RpcTransactionLogsConfig> = params.optional(1, "config")?;
                Subscription::Logs(match filter {
                    RpcTransactionLogsFilter::All | RpcTransactionLogsFilter::AllWithVotes => {
                        LogsFilter::All
                    }
                    RpcTransactionLogsFilter::Mentions(addresses) => match addresses.as_slice() {
                        [address] => LogsFilter::Mentions(params::pubkey(address)?),
                        _ => {
                            return Err(RpcError::new(
                                code::INVALID_PARAMS,
                                "Invalid Request: Only 1 address supported",
                            ))
                        }
                    },
                })
            }
            "signatureSubscribe" => {
                let signature = params::signature(&params.required::<String>(0, "signature")?)?;
                let _: Option<RpcSignatureSubscribeConfig> = params.optional(1, "config")?;
                Subscription::Signature(signature)
            }
            "slotSubscribe" => Subscription::Slot,
            "accountUnsubscribe"
            | "programUnsubscribe"
            | "logsUnsubscribe"
            | "signatureUnsubscribe"
            | "slotUnsubscribe" => {
                let id: u64 = params.required(0, "subscription id")?;
                return match self.0.get(&id) {
                    Some(subscription) if subscription.unsubscribe_method() == method => {
                        self.0.remove(&id);
                        Ok((json!(true), None))
                    }
                    _ => Err(RpcError::new(
                        code::INVALID_PARAMS,
                        "Invalid subscription id.",
                    )),
                };
            }
            _ => return Err(RpcError::method_not_found()),
        };
        let id = NEXT_SUBSCRIPTION.fetch_add(1, Ordering::Relaxed);
        if let Subscription::Signature(signature) = &subscription {
            let signature = *signature;
            if let Some((slot, err)) = chain.call(move |c| c.signature_status(&signature)).await? {
                // Already landed: notify now; the subscription ends with its one notification.
                return Ok((json!(id), Some(signature_notification(id, slot, &err))));
            }
        }
        self.0.insert(id, subscription);
        Ok((json!(id), None))
    }

    /// The notifications `event` causes; signature subscriptions end once notified.
    fn notifications(&mut self, event: &ChainEvent) -> Vec<Value> {
        let mut out = Vec::new();
        let mut finished = Vec::new();
        for (&id, subscription) in &self.0 {
            let notification = match (subscription, event) {
                (Subscription::Slot, ChainEvent::Slot { slot, parent }) => Some(notification(
                    "slotNotification",
                    id,
                    json!({ "parent": parent, "root": slot, "slot": slot }),
                )),
                (Subscription::Account { pubkey, encoding }, ChainEvent::Account(update))
                    if update.pubkey == *pubkey =>
                {
                    encoding.encode(&update.view).ok().map(|account| {
                        notification("accountNotification", id, with_slot(update.slot, account))
                    })
                }
                (
                    Subscription::Program {
                        program,
                        filters,
                        encoding,
                    },
                    ChainEvent::Account(update),
                ) if program_matches(update, program, filters) => {
                    encoding.encode(&update.view).ok().map(|account| {
                        let value =
                            json!({ "pubkey": update.pubkey.to_string(), "account": account });
                        notification("programNotification", id, with_slot(update.slot, value))
                    })
                }
                (Subscription::Logs(filter), ChainEvent::Transaction(tx))
                    if logs_match(filter, tx) =>
                {
                    let value = json!({
                        "signature": tx.signature.to_string(),
                        "err": tx.err,
                        "logs": tx.logs,
                    });
                    Some(notification(
                        "logsNotification",
                        id,
                        with_slot(tx.slot, value),
                    ))
                }
                (Subscription::Signature(signature), ChainEvent::Transaction(tx))
                    if tx.signature == *signature =>
                {
                    finished.push(id);
                    Some(signature_notification(id, tx.slot, &tx.err))
                }
                _ => None,
            };
            out.extend(notification);
        }
        for id in finished {
            self.0.remove(&id);
        }
        out
    }
}

fn program_matches(update: &AccountUpdate, program: &Pubkey, filters: &[RpcFilterType]) -> bool {
    update.view.account.owner == *program && matches_filters(filters, &update.view.account)
}

fn logs_match(filter: &LogsFilter, tx: &TransactionNotice) -> bool {
    match filter {
        LogsFilter::All => true,
        LogsFilter::Mentions(address) => tx.account_keys.contains(address),
    }
}

fn with_slot(slot: u64, value: impl serde::Serialize) -> Value {
    json!({ "context": { "slot": slot }, "value": value })
}

fn notification(method: &str, subscription: u64, result: Value) -> Value {
    json!({
        "jsonrpc": "2.0",
        "method": method,
        "params": { "result": result, "subscription": subscription },
    })
}

fn signature_notification(
    subscription: u64,
    slot: u64,
    err: &Option<solana_transaction_error::TransactionError>,
) -> Value {
    notification(
        "signatureNotification",
        subscription,
        with_slot(slot, json!({ "err": err })),
    )
}
