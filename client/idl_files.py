"""The Anchor IDLs of BetFun's programs, as the package ships them.

`client/idl` links to the repository's `idl/`, which `make idl` generates from the programs;
a build copies the files into the package (package data), so an installed SDK reads the
same interface the programs were built with.
"""

from __future__ import annotations

from importlib.resources import files


def idl_text(program: str) -> str:
    """The IDL of `program` (``arena``, ``orderbook`` or ``pool``) as JSON text."""
    return files("betfun.client").joinpath("idl", f"{program}.json").read_text()
