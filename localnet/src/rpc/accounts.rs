//! Account methods: balances, account data in every encoding, program and token accounts.

use serde_json::Value;
use solana_account_decoder_client_types::{UiAccount, UiAccountEncoding, UiDataSliceConfig};
use solana_pubkey::Pubkey;
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcTokenAccountsFilter,
};
use solana_rpc_client_types::request::MAX_MULTIPLE_ACCOUNTS;
use solana_rpc_client_types::response::RpcKeyedAccount;

use super::cluster::min_context_slot_not_reached;
use super::error::RpcError;
use super::params::{self, Params};
use super::{to_json, with_context};
use crate::chain::{AccountView, ChainHandle, TokenAccountsFilter};
use crate::encoding::{encode_account, prepare_filters};
use crate::token;

/// How accounts are to be shown, from a request's config.
#[derive(Clone, Copy)]
pub struct AccountEncoding {
    pub encoding: UiAccountEncoding,
    pub data_slice: Option<UiDataSliceConfig>,
}

impl AccountEncoding {
    /// A validator's default is the legacy `binary` (base58) encoding.
    pub fn from_config(config: &RpcAccountInfoConfig) -> Self {
        Self {
            encoding: config.encoding.unwrap_or(UiAccountEncoding::Binary),
            data_slice: config.data_slice,
        }
    }

    pub fn encode(&self, view: &AccountView) -> Result<UiAccount, RpcError> {
        encode_account(
            &view.account,
            self.encoding,
            self.data_slice,
            view.token_decimals,
        )
        .map_err(|e| RpcError::invalid_request(e.to_string()))
    }
}

fn check_min_context_slot(config: &RpcAccountInfoConfig, slot: u64) -> Result<(), RpcError> {
    match config.min_context_slot {
        Some(min) if min > slot => Err(min_context_slot_not_reached(slot)),
        _ => Ok(()),
    }
}

fn keyed(pubkey: Pubkey, account: UiAccount) -> RpcKeyedAccount {
    RpcKeyedAccount {
        pubkey: pubkey.to_string(),
        account,
    }
}

pub async fn get_balance(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let pubkey = params::pubkey(&params.required::<String>(0, "pubkey")?)?;
    let config: RpcAccountInfoConfig = params.optional(1, "config")?.unwrap_or_default();
    let (slot, balance) = chain.call(move |c| (c.slot(), c.balance(&pubkey))).await?;
    check_min_context_slot(&config, slot)?;
    with_context(slot, balance)
}

pub async fn get_account_info(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let pubkey = params::pubkey(&params.required::<String>(0, "pubkey")?)?;
    let config: RpcAccountInfoConfig = params.optional(1, "config")?.unwrap_or_default();
    let (slot, view) = chain.call(move |c| (c.slot(), c.account(&pubkey))).await?;
    check_min_context_slot(&config, slot)?;
    let encoding = AccountEncoding::from_config(&config);
    let account = view.as_ref().map(|v| encoding.encode(v)).transpose()?;
    with_context(slot, account)
}

pub async fn get_multiple_accounts(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let keys: Vec<String> = params.required(0, "pubkeys")?;
    if keys.len() > MAX_MULTIPLE_ACCOUNTS {
        return Err(RpcError::invalid_params(format!(
            "Too many inputs provided; max {MAX_MULTIPLE_ACCOUNTS}"
        )));
    }
    let keys = keys
        .iter()
        .map(|k| params::pubkey(k))
        .collect::<Result<Vec<_>, _>>()?;
    let config: RpcAccountInfoConfig = params.optional(1, "config")?.unwrap_or_default();
    let (slot, views) = chain
        .call(move |c| {
            let views: Vec<Option<AccountView>> = keys.iter().map(|k| c.account(k)).collect();
            (c.slot(), views)
        })
        .await?;
    check_min_context_slot(&config, slot)?;
    let encoding = AccountEncoding::from_config(&config);
    let accounts = views
        .iter()
        .map(|view| view.as_ref().map(|v| encoding.encode(v)).transpose())
        .collect::<Result<Vec<_>, _>>()?;
    with_context(slot, accounts)
}

pub async fn get_program_accounts(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let program = params::pubkey(&params.required::<String>(0, "programId")?)?;
    let config: RpcProgramAccountsConfig = params.optional(1, "config")?.unwrap_or_default();
    let filters = prepare_filters(config.filters.clone().unwrap_or_default())
        .map_err(RpcError::invalid_params)?;
    let (slot, found) = chain
        .call(move |c| (c.slot(), c.program_accounts(&program, &filters)))
        .await?;
    check_min_context_slot(&config.account_config, slot)?;
    let encoding = AccountEncoding::from_config(&config.account_config);
    let accounts = found
        .iter()
        .map(|(pubkey, view)| Ok(keyed(*pubkey, encoding.encode(view)?)))
        .collect::<Result<Vec<_>, RpcError>>()?;
    if config.with_context.unwrap_or(false) {
        with_context(slot, accounts)
    } else {
        to_json(accounts)
    }
}

/// The token account at the request's first parameter, with its mint's decimals.
async fn token_account_param(
    chain: &ChainHandle,
    params: &Params,
    what: &str,
) -> Result<(u64, Option<AccountView>), RpcError> {
    let pubkey = params::pubkey(&params.required::<String>(0, what)?)?;
    Ok(chain.call(move |c| (c.slot(), c.account(&pubkey))).await?)
}

pub async fn get_token_account_balance(
    chain: &ChainHandle,
    params: Params,
) -> Result<Value, RpcError> {
    let (slot, view) = token_account_param(chain, &params, "pubkey").await?;
    let view = view.ok_or_else(|| RpcError::invalid_params("could not find account"))?;
    let state = token::token_account(&view.account.owner, &view.account.data)
        .ok_or_else(|| RpcError::invalid_params("not a Token account"))?;
    let decimals = view
        .token_decimals
        .ok_or_else(|| RpcError::invalid_params("Token mint could not be unpacked"))?;
    with_context(slot, token::ui_amount(state.amount, decimals))
}

pub async fn get_token_supply(chain: &ChainHandle, params: Params) -> Result<Value, RpcError> {
    let (slot, view) = token_account_param(chain, &params, "mint").await?;
    let mint = view
        .and_then(|v| token::mint(&v.account.owner, &v.account.data))
        .ok_or_else(|| RpcError::invalid_params("not a Token mint"))?;
    with_context(slot, token::ui_amount(mint.supply, mint.decimals))
}

pub async fn get_token_accounts_by_owner(
    chain: &ChainHandle,
    params: Params,
) -> Result<Value, RpcError> {
    let owner = params::pubkey(&params.required::<String>(0, "owner")?)?;
    let filter = match params.required::<RpcTokenAccountsFilter>(1, "filter")? {
        RpcTokenAccountsFilter::Mint(mint) => TokenAccountsFilter::Mint(params::pubkey(&mint)?),
        RpcTokenAccountsFilter::ProgramId(program) => {
            let program = params::pubkey(&program)?;
            if !token::is_token_program(&program) {
                return Err(RpcError::invalid_params("unrecognized Token program id"));
            }
            TokenAccountsFilter::ProgramId(program)
        }
    };
    let config: RpcAccountInfoConfig = params.optional(2, "config")?.unwrap_or_default();
    let (slot, found) = chain
        .call(move |c| (c.slot(), c.token_accounts_by_owner(&owner, &filter)))
        .await?;
    check_min_context_slot(&config, slot)?;
    let encoding = AccountEncoding::from_config(&config);
    let accounts = found
        .iter()
        .map(|(pubkey, view)| Ok(keyed(*pubkey, encoding.encode(view)?)))
        .collect::<Result<Vec<_>, RpcError>>()?;
    with_context(slot, accounts)
}
