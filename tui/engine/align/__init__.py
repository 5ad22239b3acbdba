"""Align: words into content terms, statements into vectors, and each derived claim to its
best source candidates (0-100 scores). Reads the lexicon; never judges or saves."""
