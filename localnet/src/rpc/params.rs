//! Positional parameters of a request, and parsing of the strings they carry.

use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde_json::Value;
use solana_hash::Hash;
use solana_pubkey::Pubkey;
use solana_signature::Signature;

use super::error::RpcError;

pub struct Params(Vec<Value>);

impl Params {
    /// Absent or `null` params are no params; anything but an array is refused.
    pub fn new(params: Option<Value>) -> Result<Self, RpcError> {
        match params {
            None | Some(Value::Null) => Ok(Self(Vec::new())),
            Some(Value::Array(values)) => Ok(Self(values)),
            Some(_) => Err(RpcError::invalid_params("params must be an array")),
        }
    }

    /// Parameter `index`, which the method cannot do without.
    pub fn required<T: DeserializeOwned>(&self, index: usize, name: &str) -> Result<T, RpcError> {
        self.optional(index, name)?
            .ok_or_else(|| RpcError::invalid_params(format!("missing parameter `{name}`")))
    }

    /// Parameter `index`, absent or `null` meaning "not given".
    pub fn optional<T: DeserializeOwned>(
        &self,
        index: usize,
        name: &str,
    ) -> Result<Option<T>, RpcError> {
        match self.0.get(index) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::deserialize(value)
                .map(Some)
                .map_err(|e| RpcError::invalid_params(format!("`{name}`: {e}"))),
        }
    }
}

pub fn pubkey(text: &str) -> Result<Pubkey, RpcError> {
    Pubkey::from_str(text).map_err(|_| RpcError::invalid_params(format!("invalid pubkey: {text}")))
}

pub fn signature(text: &str) -> Result<Signature, RpcError> {
    Signature::from_str(text)
        .map_err(|_| RpcError::invalid_params(format!("invalid signature: {text}")))
}

pub fn blockhash(text: &str) -> Result<Hash, RpcError> {
    Hash::from_str(text).map_err(|_| RpcError::invalid_params(format!("invalid blockhash: {text}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn params_are_positional_and_optional() {
        let params = Params::new(Some(json!(["a", null, 3]))).expect("an array");
        assert_eq!(params.required::<String>(0, "first").ok(), Some("a".into()));
        assert_eq!(params.optional::<u64>(1, "second").ok(), Some(None));
        assert_eq!(params.optional::<u64>(2, "third").ok(), Some(Some(3)));
        assert_eq!(params.optional::<u64>(9, "absent").ok(), Some(None));
    }

    #[test]
    fn wrong_params_are_invalid_params() {
        let params = Params::new(Some(json!([1]))).expect("an array");
        let error = params
            .required::<String>(0, "address")
            .expect_err("a number");
        assert_eq!(error.code, -32602);
        assert!(error.message.contains("`address`"), "{}", error.message);
        let missing = params.required::<String>(1, "config").expect_err("missing");
        assert!(missing.message.contains("missing"), "{}", missing.message);
        assert!(Params::new(Some(json!({"a": 1}))).is_err());
        assert!(Params::new(None).is_ok());
    }

    #[test]
    fn bad_keys_and_signatures_are_named() {
        assert!(pubkey("11111111111111111111111111111111").is_ok());
        let error = pubkey("not-a-key").expect_err("invalid");
        assert_eq!(error.message, "Invalid params: invalid pubkey: not-a-key");
        assert!(signature("xyz").is_err());
        assert!(blockhash("0").is_err());
    }
}
