"""Errors the CLI turns into one-line messages.

Library code raises these with a text a user can act on; only the CLI
decides how to print them, so the library stays usable from Python.
"""


class ClaimsError(Exception):
    """Base class: anything the user can fix (input, store, profile, setup).

    ``setting`` names the library parameter whose value would fix it
    (``max_size``, ``jobs``): the message says what to do ("raise the
    limit") and a Python caller reads the parameter's name after it, while
    the CLI shows its option for that parameter instead (``worded``). Library text never
    names a CLI flag, so one error reads right from both.
    """

    def __init__(self, message: str = "", *, setting: str | None = None):
        super().__init__(message)
        self.message, self.setting = message, setting

    def __str__(self) -> str:
        return f"{self.message} ({self.setting})" if self.setting else self.message

    def __reduce__(self):      # a worker's error reaches the parent whole
        return (self.__class__, (self.message,), {"setting": self.setting})


def worded(error: BaseException | str, option_for: dict[str, str]) -> str:
    """An error's text with the setting that ends it ("raise the limit
    (max_size)") shown as ``option_for`` names it ("(--max-size)"). Takes the
    text too: a worker process sends its errors as text."""
    text = str(error)
    setting = getattr(error, "setting", None) or next(
        (s for s in option_for if text.endswith(f" ({s})")), None)
    if setting in option_for and text.endswith(f" ({setting})"):
        return f"{text[:-len(setting) - 3]} ({option_for[setting]})"
    return text


class InputError(ClaimsError):
    """An input path or file that cannot be read as an article."""


class ModelError(ClaimsError):
    """No usable spaCy pipeline."""


class StoreError(ClaimsError):
    """The claim store cannot be opened or written."""


class ProfileError(ClaimsError):
    """A topic profile that is missing or malformed."""


class UsageError(ClaimsError):
    """Arguments that cannot work together or name an impossible place (a
    file in a folder that does not exist, an output that is an input); the
    CLI exits 2 for these, as for any usage error."""


class FilterError(InputError, UsageError):
    """A filter value that matches nothing, or more than one thing it could
    mean (a surname two people share): a usage error."""
