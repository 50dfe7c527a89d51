//! Brings a chain to the starting state of a run: senders funded, the mint and token
//! accounts created and filled.

use std::time::Duration;

use anyhow::{anyhow, ensure, Result};
use litesvm::LiteSVM;
use solana_signer::Signer;

use crate::localnet::Localnet;
use crate::rpc::Connection;
use crate::throughput;
use crate::workload::Accounts;

/// Connections used to send the setup transactions.
const SETUP_CONCURRENCY: usize = 8;
const SETUP_TIME_LIMIT: Duration = Duration::from_secs(30);

/// Sets up `svm`, whose payer it funds itself.
pub fn in_process(svm: &mut LiteSVM, accounts: &Accounts) -> Result<()> {
    svm.airdrop(&accounts.payer.pubkey(), accounts.payer_lamports())
        .map_err(|e| anyhow!("airdrop to the payer: {:?}", e.err))?;
    for stage in accounts.setup(svm.latest_blockhash())? {
        for tx in stage {
            svm.send_transaction(tx)
                .map_err(|e| anyhow!("setup transaction: {:?}: {:?}", e.err, e.meta.logs))?;
        }
    }
    Ok(())
}

/// Sets up `localnet`, which funded the payer at genesis.
pub async fn rpc(localnet: &Localnet, accounts: &Accounts) -> Result<()> {
    let blockhash = Connection::open(localnet.rpc)
        .await?
        .latest_blockhash()
        .await?;
    for (number, stage) in accounts.setup(blockhash)?.into_iter().enumerate() {
        let outcome =
            throughput::rpc(localnet, &stage, SETUP_CONCURRENCY, true, SETUP_TIME_LIMIT).await?;
        ensure!(
            outcome.all_succeeded(),
            "setup stage {number} through RPC: {outcome:?}"
        );
    }
    Ok(())
}
