"""Renderers: each turns a comparison (and optionally a review) into a ``str``."""
