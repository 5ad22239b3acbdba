"""Subcommands of the ``claimdiff`` command line, one module each."""
