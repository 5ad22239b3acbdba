"""Segment: a document's text into statements with spans and kinds (claim, heading,
boilerplate, citation). Reads the lexicon; never judges, aligns or saves."""
