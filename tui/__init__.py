"""claimdiff: check a derived text against its source."""

__version__ = "0.1.0"
