// Drives a localnet with @solana/web3.js and @solana/spl-token, as a dApp would, and prints
// what it observed as one JSON object for tests/integration/test_localnet_web3js.py to check.
// Usage: node check.mjs RPC_URL WS_URL
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  Transaction,
  sendAndConfirmTransaction,
} from "@solana/web3.js";
import {
  TOKEN_PROGRAM_ID,
  createMint,
  getAccount,
  getOrCreateAssociatedTokenAccount,
  mintTo,
  transfer,
} from "@solana/spl-token";

const [rpcUrl, wsUrl] = process.argv.slice(2);
const connection = new Connection(rpcUrl, { commitment: "confirmed", wsEndpoint: wsUrl });
const observed = {};

observed.version = (await connection.getVersion())["solana-core"];

const payer = Keypair.generate();
const airdrop = await connection.requestAirdrop(payer.publicKey, 5 * LAMPORTS_PER_SOL);
await connection.confirmTransaction({ signature: airdrop, ...(await connection.getLatestBlockhash()) });
observed.airdropped = await connection.getBalance(payer.publicKey);

const receiver = Keypair.generate().publicKey;
const notified = new Promise((resolve) => {
  const id = connection.onAccountChange(receiver, (account, context) => {
    connection.removeAccountChangeListener(id);
    resolve({ lamports: account.lamports, slot: context.slot });
  });
});
// Give the subscription time to be acknowledged before the transfer lands.
await new Promise((resolve) => setTimeout(resolve, 300));
const transferSignature = await sendAndConfirmTransaction(
  connection,
  new Transaction().add(
    SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: receiver, lamports: 12_345 }),
  ),
  [payer],
);
observed.received = await connection.getBalance(receiver);
observed.notification = await notified;

const parsed = await connection.getParsedTransaction(transferSignature, {
  maxSupportedTransactionVersion: 0,
});
observed.parsedTransfer = parsed.transaction.message.instructions[0].parsed;
observed.fee = parsed.meta.fee;

const mint = await createMint(connection, payer, payer.publicKey, null, 6);
const source = await getOrCreateAssociatedTokenAccount(connection, payer, mint, payer.publicKey);
const destination = await getOrCreateAssociatedTokenAccount(connection, payer, mint, receiver);
await mintTo(connection, payer, mint, source.address, payer, 1_000_000);
await transfer(connection, payer, source.address, destination.address, payer, 250_000);
observed.tokenAmount = (await getAccount(connection, destination.address)).amount.toString();
const parsedAccount = await connection.getParsedAccountInfo(destination.address);
observed.uiAmount = parsedAccount.value.data.parsed.info.tokenAmount.uiAmountString;
const holders = await connection.getProgramAccounts(TOKEN_PROGRAM_ID, {
  filters: [{ dataSize: 165 }, { memcmp: { offset: 0, bytes: mint.toBase58() } }],
});
observed.tokenAccounts = holders.map(({ pubkey }) => pubkey.toBase58()).sort();
observed.expectedTokenAccounts = [source.address, destination.address].map((key) => key.toBase58()).sort();
observed.receiver = receiver.toBase58();
observed.payer = payer.publicKey.toBase58();

console.log(JSON.stringify(observed));
process.exit(0);
