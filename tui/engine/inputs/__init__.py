"""Inputs: reading documents from disk (decoding, fingerprints, size limits). Imports no
other room of the engine."""
