"""Sessions: a review's verdicts and notes as data, saved atomically, autosaved, and laid
back over a fresh comparison when the review resumes."""
