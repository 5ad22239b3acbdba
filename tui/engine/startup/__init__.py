"""How claimdiff's own processes set up the interpreter: one BLAS thread for NumPy
(:mod:`.blas`), regular expressions compiled from the cache of earlier runs (:mod:`.patterns`),
and a short switch interval while a second process works (:mod:`.switching`). The command line
sets the first two as it starts, and the processes it starts take them from its environment."""
