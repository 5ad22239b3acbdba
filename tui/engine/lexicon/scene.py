"""A hedge in a clause that sets the scene of a claim, not the claim.

"Absorbent material is preferred for routine patient care where risk of large spillage is
unlikely" hedges the spillage; "although the data may be biased, masks cut transmission"
hedges the data. Neither claim is less certain than its main clause says. Read as the
claim's own hedges, they gave reasons such as "the source says this is not yet certain
(“unlikely”)" against a claim that stated the same preference firmly.
"""

from __future__ import annotations

import re

_SCENE = re.compile(r"\b(?:where|when|whenever|although|though|unless|while)\b[^,;:.!?()]*$", re.IGNORECASE)
"""A clause of place, time, concession or condition, still open where the cue stands (no
comma, colon or full stop since its first word)."""


def sets_the_scene(text: str, start: int) -> bool:
    """Whether the cue at ``text[start]`` stands in a clause of place, time, concession or
    condition ("where…", "when…", "although…", "unless…", "while…")."""
    return _SCENE.search(text, max(0, start - 200), start) is not None
