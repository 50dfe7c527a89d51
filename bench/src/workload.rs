//! The accounts a run uses and the transactions it sends: setup (funding, a mint, token
//! accounts, an arena) and the measured transactions.
//!
//! The same keys serve every chain (the in-process SVM and the localnet), so both run exactly
//! the same transactions.

use anyhow::{ensure, Context, Result};
use solana_hash::Hash;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_rent::Rent;
use solana_signer::Signer;
use solana_system_interface::instruction as system;
use solana_transaction::Transaction;

/// What every sender receives: enough for the fees of a whole run.
const SENDER_LAMPORTS: u64 = 1_000_000_000;
/// Token units minted to every sender (the mint has no decimals).
const SENDER_TOKENS: u64 = 1_000_000_000_000;
/// Transfers per funding transaction, and token accounts created per setup transaction: both
/// keep a legacy transaction under the 1232-byte packet limit.
const FUNDINGS_PER_TX: usize = 16;
const TOKEN_ACCOUNTS_PER_TX: usize = 4;
/// The largest serialized transaction a validator accepts.
const PACKET_DATA_SIZE: usize = 1232;
/// The most transfers in one batch: batches' amounts, hence signatures, never overlap.
pub const MAX_BATCH: usize = 100_000;

/// The kind of transaction measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A System Program transfer of lamports.
    Sol,
    /// An SPL Token `Transfer` between two token accounts of one mint.
    Spl,
    /// The arena program's `place_bet`: a native Anchor program, a CPI into SPL Token.
    PlaceBet,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Sol, Kind::Spl, Kind::PlaceBet];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Sol => "SOL transfer",
            Kind::Spl => "SPL token transfer",
            Kind::PlaceBet => "arena place_bet",
        }
    }
}

/// The arena the bets go to: the first one created, with two outcomes. It closes in 2100, on
/// the localnet's wall clock and on the in-process SVM's alike.
const ARENA_ID: u64 = 0;
const ARENA_CLOSE_TS: i64 = 4_102_444_800;

/// The keys of a run.
pub struct Accounts {
    /// Pays for the setup; the chain funds it before the run.
    pub payer: Keypair,
    senders: Vec<Keypair>,
    /// Receives the SOL transfers.
    receiver: Pubkey,
    mint: Keypair,
    /// One token account per sender, owned by it.
    sender_tokens: Vec<Keypair>,
    /// Receives the token transfers.
    receiver_token: Keypair,
}

impl Accounts {
    pub fn new(senders: usize) -> Self {
        Accounts {
            payer: Keypair::new(),
            senders: (0..senders).map(|_| Keypair::new()).collect(),
            receiver: Pubkey::new_unique(),
            mint: Keypair::new(),
            sender_tokens: (0..senders).map(|_| Keypair::new()).collect(),
            receiver_token: Keypair::new(),
        }
    }

    /// Lamports the payer needs for the whole setup.
    pub fn payer_lamports(&self) -> u64 {
        (self.senders.len() as u64 + 10) * 2 * SENDER_LAMPORTS
    }

    /// The setup transactions, in stages: every transaction of a stage may run in any order,
    /// and a stage needs the previous one to have landed.
    pub fn setup(&self, blockhash: Hash) -> Result<Vec<Vec<Transaction>>> {
        let rent = Rent::default();
        let payer = self.payer.pubkey();

        let mut fundings: Vec<Instruction> = self
            .senders
            .iter()
            .map(|sender| system::transfer(&payer, &sender.pubkey(), SENDER_LAMPORTS))
            .collect();
        fundings.push(system::transfer(
            &payer,
            &self.receiver,
            rent.minimum_balance(0),
        ));
        let fund = fundings
            .chunks(FUNDINGS_PER_TX)
            .map(|ixs| self.sign(ixs, &[], blockhash))
            .collect::<Result<_>>()?;

        let mint = self.mint.pubkey();
        let create_mint = [
            system::create_account(
                &payer,
                &mint,
                rent.minimum_balance(spl_token::state::Mint::LEN),
                spl_token::state::Mint::LEN as u64,
                &spl_token::id(),
            ),
            spl_token::instruction::initialize_mint2(&spl_token::id(), &mint, &payer, None, 0)?,
        ];
        let create_mint = vec![self.sign(&create_mint, &[&self.mint], blockhash)?];

        let mut token_accounts: Vec<(&Keypair, Pubkey, u64)> = self
            .sender_tokens
            .iter()
            .zip(&self.senders)
            .map(|(account, owner)| (account, owner.pubkey(), SENDER_TOKENS))
            .collect();
        token_accounts.push((&self.receiver_token, Pubkey::new_unique(), 0));
        let create_token_accounts = token_accounts
            .chunks(TOKEN_ACCOUNTS_PER_TX)
            .map(|chunk| {
                let mut ixs = Vec::new();
                for (account, owner, tokens) in chunk {
                    ixs.extend(self.token_account_instructions(account, owner, *tokens)?);
                }
                let signers: Vec<&Keypair> = chunk.iter().map(|(account, ..)| *account).collect();
                self.sign(&ixs, &signers, blockhash)
            })
            .collect::<Result<_>>()?;

        let create_arena = vec![self.sign(&self.arena_instructions(), &[], blockhash)?];

        Ok(vec![fund, create_mint, create_token_accounts, create_arena])
    }

    /// The arena config (the payer as admin and treasury) and the arena bets go to.
    fn arena_instructions(&self) -> Vec<Instruction> {
        let payer = self.payer.pubkey();
        let args = arena::instructions::CreateArenaArgs {
            title: "Benchmark arena".into(),
            category: "bench".into(),
            outcomes: vec!["Yes".into(), "No".into()],
            close_ts: ARENA_CLOSE_TS,
            creator_fee_bps: 0,
            resolver: payer,
        };
        vec![
            arena::client::initialize_config(&payer, &payer, 100),
            arena::client::create_arena(&payer, ARENA_ID, &self.mint.pubkey(), args),
        ]
    }

    /// The bettor `index`'s `place_bet` of `amount` token units on one of the two outcomes.
    fn place_bet(&self, index: usize, amount: u64) -> Instruction {
        arena::client::place_bet(
            &arena::client::arena_address(ARENA_ID),
            &self.senders[index].pubkey(),
            &self.sender_tokens[index].pubkey(),
            (index % 2) as u8,
            amount,
        )
    }

    /// Creates a token account of the mint for `owner` and mints `tokens` to it.
    fn token_account_instructions(
        &self,
        account: &Keypair,
        owner: &Pubkey,
        tokens: u64,
    ) -> Result<Vec<Instruction>> {
        let len = spl_token::state::Account::LEN;
        let mut ixs = vec![
            system::create_account(
                &self.payer.pubkey(),
                &account.pubkey(),
                Rent::default().minimum_balance(len),
                len as u64,
                &spl_token::id(),
            ),
            spl_token::instruction::initialize_account3(
                &spl_token::id(),
                &account.pubkey(),
                &self.mint.pubkey(),
                owner,
            )?,
        ];
        if tokens > 0 {
            ixs.push(spl_token::instruction::mint_to(
                &spl_token::id(),
                &self.mint.pubkey(),
                &account.pubkey(),
                &self.payer.pubkey(),
                &[],
                tokens,
            )?);
        }
        Ok(ixs)
    }

    /// A transaction paid and signed by the payer and `signers`.
    fn sign(
        &self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        blockhash: Hash,
    ) -> Result<Transaction> {
        let mut all = vec![&self.payer];
        all.extend_from_slice(signers);
        let tx =
            Transaction::new_signed_with_payer(ixs, Some(&self.payer.pubkey()), &all, blockhash);
        let size = bincode::serialized_size(&tx).context("sizing a setup transaction")?;
        ensure!(
            size as usize <= PACKET_DATA_SIZE,
            "setup transaction of {size} bytes exceeds {PACKET_DATA_SIZE}"
        );
        Ok(tx)
    }

    /// `count` (at most `MAX_BATCH`) transfers of `kind`, each from the next sender in turn,
    /// each signed by its sender alone (who pays the fee). `salt` makes the amounts, hence the
    /// signatures, of one batch differ from every other batch's: give each batch its own.
    pub fn transfers(
        &self,
        kind: Kind,
        count: usize,
        salt: u64,
        blockhash: Hash,
    ) -> Vec<Transaction> {
        assert!(count <= MAX_BATCH, "a batch of {count} transfers");
        (0..count)
            .map(|i| {
                let index = i % self.senders.len();
                let sender = &self.senders[index];
                let amount = 1 + salt * MAX_BATCH as u64 + i as u64;
                let ix = match kind {
                    Kind::Sol => system::transfer(&sender.pubkey(), &self.receiver, amount),
                    Kind::Spl => spl_token::instruction::transfer(
                        &spl_token::id(),
                        &self.sender_tokens[index].pubkey(),
                        &self.receiver_token.pubkey(),
                        &sender.pubkey(),
                        &[],
                        amount,
                    )
                    .expect("the SPL Token program id is the one passed"),
                    Kind::PlaceBet => self.place_bet(index, amount),
                };
                Transaction::new_signed_with_payer(
                    &[ix],
                    Some(&sender.pubkey()),
                    &[sender],
                    blockhash,
                )
            })
            .collect()
    }

    /// One SOL transfer of `lamports` from the sender `index` (modulo) to `to`.
    pub fn transfer_to(
        &self,
        index: usize,
        to: &Pubkey,
        lamports: u64,
        blockhash: Hash,
    ) -> Transaction {
        let sender = &self.senders[index % self.senders.len()];
        let ix = system::transfer(&sender.pubkey(), to, lamports);
        Transaction::new_signed_with_payer(&[ix], Some(&sender.pubkey()), &[sender], blockhash)
    }
}
