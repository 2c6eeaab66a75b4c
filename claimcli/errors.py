"""Errors the CLI turns into one-line messages.

Library code raises these with a text a user can act on; only the CLI
decides how to print them, so the library stays usable from Python.
"""


class ClaimsError(Exception):
    """Base class: anything the user can fix (input, store, profile, setup)."""


class InputError(ClaimsError):
    """An input path or file that cannot be read as an article."""


class ModelError(ClaimsError):
    """No usable spaCy pipeline."""


class StoreError(ClaimsError):
    """The claim store cannot be opened or written."""


class ProfileError(ClaimsError):
    """A topic profile that is missing or malformed."""


class FilterError(InputError):
    """A filter value that matches nothing, or more than one thing it could
    mean (a surname two people share): a usage error."""
