"""Judge: whether an aligned pair agrees or diverges, and why (machine-readable reasons),
plus the word-level marks the reviewer sees. May read segment, align and the lexicon;
never sessions or exports."""
