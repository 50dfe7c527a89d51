"""BetFun Arena Python SDK and the ``betfun`` command-line tool."""

from betfun.client.config import Config
from betfun.client.keypair import KeypairFileError, load_keypair, load_or_create_keypair

__all__ = ["Config", "KeypairFileError", "load_keypair", "load_or_create_keypair"]
__version__ = "0.1.0"
