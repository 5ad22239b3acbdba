"""What claimdiff's own processes set as they start: one BLAS thread for NumPy (:mod:`.blas`),
and regular expressions compiled from the cache of earlier runs (:mod:`.patterns`). The
command line sets both; the processes it starts take them from its environment."""
