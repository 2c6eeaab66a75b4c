"""TOML, read with the standard library's ``tomllib`` (Python 3.11 and
later) or its backport ``tomli`` (3.10): profiles, word lists and training
sources are TOML files, and one import decides which reader parses them."""

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

loads = tomllib.loads
TOMLDecodeError = tomllib.TOMLDecodeError
