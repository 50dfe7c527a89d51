//! A lean JSON-RPC client: one HTTP/1.1 keep-alive connection per `Connection`, so a benchmark
//! with N tasks holds exactly N connections and spends little CPU of its own.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{header, Request};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::{json, Value};
use solana_hash::Hash;
use solana_transaction::Transaction;
use tokio::net::TcpStream;

/// How long one request may take before the run gives up on it.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The most signatures one `getSignatureStatuses` call accepts.
const STATUS_BATCH: usize = 256;

/// One connection to the JSON-RPC endpoint.
pub struct Connection {
    sender: SendRequest<Full<Bytes>>,
    host: String,
}

/// A JSON-RPC answer: its `result`, or its `error` object.
#[derive(Deserialize)]
struct Answer {
    result: Option<Value>,
    error: Option<Value>,
}

impl Connection {
    pub async fn open(addr: SocketAddr) -> Result<Self> {
        let stream = TcpStream::connect(addr)
            .await
            .with_context(|| format!("connecting to the RPC at {addr}"))?;
        stream.set_nodelay(true).context("setting TCP_NODELAY")?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .context("HTTP handshake with the RPC")?;
        // Drives the connection; ends when `sender` is dropped or the server closes.
        tokio::spawn(connection);
        Ok(Connection {
            sender,
            host: addr.to_string(),
        })
    }

    /// Posts a prepared JSON-RPC request body; returns the `result` or the error as text.
    pub async fn post(&mut self, body: Bytes) -> Result<Value> {
        let request = Request::post("/")
            .header(header::HOST, &self.host)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Full::new(body))
            .context("building an HTTP request")?;
        let exchange = async {
            self.sender.ready().await.context("RPC connection lost")?;
            let response = self
                .sender
                .send_request(request)
                .await
                .context("sending an HTTP request")?;
            let status = response.status();
            let body = response
                .into_body()
                .collect()
                .await
                .context("reading an HTTP response")?
                .to_bytes();
            anyhow::Ok((status, body))
        };
        let (status, body) = tokio::time::timeout(REQUEST_TIMEOUT, exchange)
            .await
            .context("RPC request timed out")??;
        let answer: Answer = serde_json::from_slice(&body).with_context(|| {
            format!(
                "HTTP {status}: not a JSON-RPC answer: {}",
                String::from_utf8_lossy(&body)
            )
        })?;
        match (answer.result, answer.error) {
            (_, Some(error)) => Err(anyhow!("RPC error: {error}")),
            (Some(result), None) => Ok(result),
            (None, None) => bail!("JSON-RPC answer with neither result nor error"),
        }
    }

    pub async fn call(&mut self, method: &str, params: Value) -> Result<Value> {
        self.post(request_body(method, params))
            .await
            .with_context(|| format!("calling {method}"))
    }

    pub async fn latest_blockhash(&mut self) -> Result<Hash> {
        let result = self
            .call("getLatestBlockhash", json!([{"commitment": "processed"}]))
            .await?;
        let text = result["value"]["blockhash"]
            .as_str()
            .ok_or_else(|| anyhow!("getLatestBlockhash: no value.blockhash in {result}"))?;
        text.parse()
            .map_err(|e| anyhow!("getLatestBlockhash: bad blockhash {text}: {e:?}"))
    }

    /// The status of each signature: `None` while unknown, `Some(None)` when it succeeded,
    /// `Some(Some(err))` when it failed.
    pub async fn signature_statuses(
        &mut self,
        signatures: &[String],
    ) -> Result<Vec<Option<Option<String>>>> {
        let mut statuses = Vec::with_capacity(signatures.len());
        for batch in signatures.chunks(STATUS_BATCH) {
            let result = self
                .call(
                    "getSignatureStatuses",
                    json!([batch, {"searchTransactionHistory": true}]),
                )
                .await?;
            let values = result["value"]
                .as_array()
                .ok_or_else(|| anyhow!("getSignatureStatuses: no value array in {result}"))?;
            if values.len() != batch.len() {
                bail!(
                    "getSignatureStatuses: {} statuses for {} signatures",
                    values.len(),
                    batch.len()
                );
            }
            statuses.extend(values.iter().map(|status| {
                (!status.is_null()).then(|| match &status["err"] {
                    Value::Null => None,
                    err => Some(err.to_string()),
                })
            }));
        }
        Ok(statuses)
    }
}

/// A JSON-RPC request body.
pub fn request_body(method: &str, params: Value) -> Bytes {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
    Bytes::from(body.to_string())
}

/// The body of a `sendTransaction` request for `tx` (base64, no preflight unless asked).
pub fn send_transaction_body(tx: &Transaction, preflight: bool) -> Result<Bytes> {
    let wire = bincode::serialize(tx).context("serializing a transaction")?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(wire);
    Ok(request_body(
        "sendTransaction",
        json!([encoded, {"encoding": "base64", "skipPreflight": !preflight}]),
    ))
}
