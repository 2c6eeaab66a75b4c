"""``python -m claimcli.cli``."""

from .app import app

app()
