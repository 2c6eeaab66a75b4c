"""The release, in a module of its own so that any layer can name it without
importing the package (whose lazy re-exports sit at the top)."""

__version__ = "0.1.0"
