"""Errors the CLI turns into one-line messages.

Library code raises these with a text a user can act on; only the CLI
decides how to print them, so the library stays usable from Python.
"""


class ClaimsError(Exception):
    """Base class: anything the user can fix (input, store, profile, setup).

    The text says what is wrong in the library's words and names no command
    line flag; the kind (a subclass) says what went wrong, and the CLI adds
    the option that fixes each kind when it prints one (``cli.app._hint``).
    """


class InputError(ClaimsError):
    """An input path or file that cannot be read as an article."""


class TooBig(InputError):
    """An input over the size one article may have: a dump of many articles."""


class WorkerDied(ClaimsError):
    """A worker process that ended without a word (killed: out of memory?)."""


class ModelError(ClaimsError):
    """No usable spaCy pipeline."""


class StoreError(ClaimsError):
    """The claim store cannot be opened or written."""


class ProfileError(ClaimsError):
    """A topic profile that is missing or malformed."""


class NoModel(ProfileError):
    """A trained model a profile names, or a caller gives, that is not there."""


class UsageError(ClaimsError):
    """Arguments that cannot work together or name an impossible place (a
    file in a folder that does not exist, an output that is an input); the
    CLI exits 2 for these, as for any usage error."""


class FilterError(InputError, UsageError):
    """A filter value that matches nothing, or more than one thing it could
    mean (a surname two people share): a usage error."""
