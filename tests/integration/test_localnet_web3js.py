"""The localnet as a dApp sees it through @solana/web3.js and @solana/spl-token.

tests/compat/web3js/check.mjs drives the session's localnet with the JavaScript libraries
(airdrop, a transfer watched by onAccountChange, getParsedTransaction, an SPL mint and
transfer, jsonParsed accounts, getProgramAccounts filters) and prints what it observed.
`make test` installs its packages with `npm ci`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import FEE_PER_SIGNATURE, LAMPORTS_PER_SOL, Localnet

WEB3JS = Path(__file__).resolve().parents[1] / "compat" / "web3js"


def test_web3js_and_spl_token_drive_the_localnet(localnet: Localnet) -> None:
    node = shutil.which("node")
    assert node is not None, "Node.js is needed for this test"
    installed = WEB3JS / "node_modules" / "@solana" / "web3.js"
    assert installed.is_dir(), f"{installed} is missing: run `make test` (it runs npm ci)"

    result = subprocess.run(
        [node, "check.mjs", localnet.rpc_url, localnet.ws_url],
        cwd=WEB3JS,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"check.mjs failed:\n{result.stdout}\n{result.stderr}"
    observed = json.loads(result.stdout.strip().splitlines()[-1])

    assert observed["airdropped"] == 5 * LAMPORTS_PER_SOL
    assert observed["received"] == 12_345
    assert observed["notification"]["lamports"] == 12_345
    assert observed["notification"]["slot"] > 0
    assert observed["parsedTransfer"] == {
        "type": "transfer",
        "info": {
            "source": observed["payer"],
            "destination": observed["receiver"],
            "lamports": 12_345,
        },
    }
    assert observed["fee"] == FEE_PER_SIGNATURE
    assert observed["tokenAmount"] == "250000"
    assert observed["uiAmount"] == "0.25"
    assert observed["tokenAccounts"] == observed["expectedTokenAccounts"]
