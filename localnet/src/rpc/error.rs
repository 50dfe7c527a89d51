//! JSON-RPC errors, with the codes and messages a validator uses.

use serde_json::{json, Value};

use crate::chain::handle::ChainStopped;
use crate::chain::SendError;

/// Server error codes of the Solana RPC (agave's `rpc-client-api` custom errors).
pub mod code {
    pub const PARSE_ERROR: i64 = -32700;
    pub const INVALID_REQUEST: i64 = -32600;
    pub const METHOD_NOT_FOUND: i64 = -32601;
    pub const INVALID_PARAMS: i64 = -32602;
    pub const INTERNAL_ERROR: i64 = -32603;
    pub const SEND_TRANSACTION_PREFLIGHT_FAILURE: i64 = -32002;
    pub const TRANSACTION_SIGNATURE_VERIFICATION_FAILURE: i64 = -32003;
    pub const BLOCK_NOT_AVAILABLE: i64 = -32004;
    pub const UNSUPPORTED_TRANSACTION_VERSION: i64 = -32015;
    pub const MIN_CONTEXT_SLOT_NOT_REACHED: i64 = -32016;
}

#[derive(Clone, Debug, PartialEq)]
pub struct RpcError {
    pub code: i64,
    pub message: String,
    pub data: Option<Value>,
}

impl RpcError {
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }

    pub fn parse_error() -> Self {
        Self::new(code::PARSE_ERROR, "Parse error")
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(code::INVALID_REQUEST, message)
    }

    pub fn method_not_found() -> Self {
        Self::new(code::METHOD_NOT_FOUND, "Method not found")
    }

    /// `-32602` with what was wrong, e.g. `Invalid params: invalid pubkey: abc`.
    pub fn invalid_params(what: impl std::fmt::Display) -> Self {
        Self::new(code::INVALID_PARAMS, format!("Invalid params: {what}"))
    }

    pub fn internal() -> Self {
        Self::new(code::INTERNAL_ERROR, "Internal error")
    }

    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    pub fn to_json(&self) -> Value {
        let mut error = json!({ "code": self.code, "message": self.message });
        if let Some(data) = &self.data {
            error["data"] = data.clone();
        }
        error
    }
}

impl From<ChainStopped> for RpcError {
    fn from(_: ChainStopped) -> Self {
        Self::internal()
    }
}

impl From<SendError> for RpcError {
    fn from(error: SendError) -> Self {
        match error {
            SendError::InvalidTransaction(reason) => {
                Self::invalid_params(format!("invalid transaction: {reason}"))
            }
            SendError::SignatureVerification => Self::new(
                code::TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
                "Transaction signature verification failure",
            ),
            SendError::PreflightFailure(simulation) => {
                let message = match &simulation.err {
                    Some(err) => format!("Transaction simulation failed: {err}"),
                    None => "Transaction simulation failed".to_string(),
                };
                let result = super::transactions::simulation_result(*simulation, false, None);
                Self::new(code::SEND_TRANSACTION_PREFLIGHT_FAILURE, message)
                    .with_data(serde_json::to_value(result).unwrap_or(Value::Null))
            }
        }
    }
}
