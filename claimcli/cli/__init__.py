"""The ``claims`` command: a Typer app (``app``) over the library's layers."""

from .app import app

__all__ = ["app"]
