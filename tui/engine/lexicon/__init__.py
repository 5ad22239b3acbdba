"""Lexicon: the shipped word and phrase lists (data files beside this module, each with a
header naming its source) and the cue finder built on them. The lowest room: it imports
nothing of the engine but itself."""
