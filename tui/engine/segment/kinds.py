"""Kinds of statements: what is a claim, and what is a heading, page furniture or a citation.

The rules are the ones boilerplate removers such as jusText and trafilatura read, kept small
enough to follow by hand:

* **where a block sits**: everything under a *References* (*Bibliography*, *Works cited*…)
  heading that has the shape of a reference is a citation; short statements under a short
  back-matter heading (*Conflict of interest*, *Funding*, *Disclaimer*, *Affiliations*…) are
  boilerplate until the next heading or body paragraph;
  before the first body paragraph (a block of 30 words or more with a sentence end and a fair
  share of function words) and after the references, weak signals are enough;
* **what a statement looks like**: a one-line block with no sentence end, or a lone short
  question, is a heading; a
  statement with no letters, a date or byline line, a copyright notice, a share of links
  (web and e-mail addresses, ``.gov``: one address is one link, so a claim that cites its
  study by a link stays a claim), a call to action (*Learn more*, *Join*, *Please visit*…)
  aimed at the reader or at a link, the reader plus web words (*site*, *newsletter*,
  *form*…), a short exclamation outside a paragraph that states no finding (*Stay safe!*, not
  *Stem cells cure arthritis!*), or run-together logo names are
  boilerplate; a statement shaped like a reference (``doi:``, ``PMID``,
  ``2020;382:692–694``, ``Author AB, et al.``) outside a paragraph is a citation;
* **neighbours**: a short statement outside a paragraph between two pieces of boilerplate
  is boilerplate too.

A sentence that says something in a paragraph stays a claim, even with *our* or *you* in it,
and a text that is one statement of four words or more is a claim, whatever its shape: it is
the claim to check ("low levels of IL-6 portend respiratory failure", with no full stop, is
not a heading of nothing).
No rule names a string of any particular document.

Invariant: ``kinds`` returns exactly one kind per statement span, in the same order, and
never looks beyond the text it is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.engine.lexicon.cues import find_cues
from tui.engine.lexicon.lists import alternation
from tui.engine.model import Kind
from tui.engine.segment.blocks import BULLET, Block
from tui.engine.segment.layout import (
    BACK_MATTER,
    FUNCTION_WORDS,
    LABELLED,
    SENTENCE_END,
    Layout,
    Section,
    citation_shaped,
    words,
)

_I = re.IGNORECASE

_SECOND_PERSON = frozenset({
    "you", "your", "yours", "yourself", "yourselves", "you're", "you’re", "you've", "you’ve",
    "you'll", "you’ll"
})
_FIRST_PLURAL = frozenset({"our", "us", "we"})
_WEB_STRONG = frozenset({
    "website", "websites", "webpage", "webpages", "homepage", "homepages", "newsletter",
    "newsletters", "submission", "submissions", "inbox", "spam", "cookie", "cookies", "login",
    "log-in", "signup", "sign-up", "password", "passwords", "browser", "browsers", "captcha"
})
_WEB_PREFIXED = re.compile(r"\b(?:un)?subscrib|\bsubmit|\bclick|\bdownload")
_WEB_PREFIX_HINTS = ("subscrib", "submit", "click", "download")
_WEB_WEAK = frozenset({
    "site", "sites", "form", "forms", "email", "e-mail", "emails", "link", "links", "menu",
    "navigation", "share", "comment", "comments", "page", "pages", "online"
})
_LINK_HINTS = ("://", "www.", "@", ".gov", ".com", ".org", ".net", ".edu", ".mil", ".io")
_LINK_LIKE = re.compile(
    r"(?:(?:https?://|www\.)\S*|(?<!\S)[^\s@]+@[^\s@]+\.\w+|(?<![\w.])\.(?:gov|com|org|net|edu|mil|io)\b|"
    r"(?<![\w-])[\w-]+\.(?:com|org|net|gov|edu|io)\b)", _I)
"""A web address, an e-mail address or a site's name: each one match, however many of these
it holds (``https://www.who.int`` is one link, not three)."""
_CALL_TO_ACTION = re.compile(
    r"^[\"'“(]*(?:please\s+)?(?:" + alternation("call_to_action.txt") + r")(?=[\s,.!?:]|$)", _I)
"""A statement opening with a call to action (``call_to_action.txt``), politely or not: "Learn
more", "Join", "Please visit"…"""
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcopyright\b", _I)
_COPYRIGHT_HINTS = ("©", "(c)", "rights reserved", "copyright")
_MONTH = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_WEEKDAY = r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE_WORDS = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY}|updated|published|posted|last|modified|reviewed|on|at|date|am|pm|"
    r"\d+(?:st|nd|rd|th)?)\b|[\W_]", _I)
"""What a date or time line holds besides its date: months, weekdays, "updated", "posted on"…"""
_BYLINE = re.compile(
    rf"^(?i:(?:written |reviewed |edited )?by|author:?)\s+(?!(?i:{_MONTH})\b)[A-Z]|"
    r"^(?i:(?:posted|published|updated|written)\s+(?:on\s+)?)[^.!?]{0,40}?\d[^.!?]{0,20}?\s(?i:by)\s+(?:the\s+)?[A-Z]|"
    r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,4}(?:,?\s+(?:MD|M\.D\.|PhD|Ph\.D\.|DO|RN|MPH|MSc|"
    r"MS|MBBS|PharmD|DrPH|BSc|DPhil|FRCP|NP|PA-C)\b)+\.?$")
"""A byline: *By* and a capitalised name (not a month: "By May 2020, …" dates a claim), *Posted on*
a date *by* a name, or a name followed only by credentials."""
_FURNITURE_LABEL = re.compile(
    BACK_MATTER.pattern + r"|(?:photo|image|picture|video|illustration)s?(?: credits?)?$|credits?$", _I)
"""Labels whose line is furniture whatever follows: back matter, and credits for pictures."""
_LETTER = re.compile(r"[^\W\d_]")
_ET_AL = re.compile(r"\bet\s+al\b")


def _web_words(lower: list[str], low: str) -> tuple[int, int]:
    """How many words speak of the web page itself: (strong ones, all of them)."""
    strong = sum(map(_WEB_STRONG.__contains__, lower))
    if any(map(low.__contains__, _WEB_PREFIX_HINTS)):  # each prefix holds one of them
        strong += len(_WEB_PREFIXED.findall(low))
    strong += low.count("sign up") + low.count("sign in")
    return strong, strong + sum(map(_WEB_WEAK.__contains__, lower))


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _bare_link(statement: str) -> bool:
    """Whether a link stands outside brackets: "Email: info@…", "[Home](…) > [Blog](…)" hold
    one, while a list item that cites its source in brackets ("Lung damage was reversed in 9
    of 10 patients ([source](https://…)).", "… (https://doi.org/…).") is a claim all the same."""
    for _ in range(3):  # a Markdown link in brackets nests them: "([source](https://…))"
        statement = _BRACKETED.sub(" ", statement)
    return _LINK_LIKE.search(statement) is not None


def _boilerplate(statement: str, found: list[str], outside_paragraph: bool) -> bool:
    """Signals that make a statement page furniture wherever it stands."""
    n = len(found)
    if n == 0 or _LETTER.search(statement) is None:
        return True
    low = statement.lower()
    if any(map(low.__contains__, _COPYRIGHT_HINTS)) and _COPYRIGHT.search(statement):
        return True
    if low.count("logo") >= 2:
        return True
    links = len(_LINK_LIKE.findall(statement)) if any(map(low.__contains__, _LINK_HINTS)) else 0
    if links >= max(1.0, 0.15 * n) or (links and outside_paragraph and n <= 12 and _bare_link(statement)):
        return True
    lower = [w.lower() for w in found]
    you = not _SECOND_PERSON.isdisjoint(lower)
    strong, web = _web_words(lower, low)
    if _CALL_TO_ACTION.match(statement) and (
        you or web or links or not _FIRST_PLURAL.isdisjoint(lower) or not SENTENCE_END.search(statement)
    ):
        return True
    if (you and web) or (strong and web >= 2 and n <= 20):
        return True
    if outside_paragraph and statement.rstrip("\"'”’)").endswith("!") and n <= 8:
        return not headline_claim(statement, found)  # "Stay safe!", not "Stem cells cure arthritis!"
    if outside_paragraph and n <= 8 and not _DATE_WORDS.sub("", statement) and any(c.isdigit() for c in statement):
        return True
    return outside_paragraph and _BYLINE.match(statement) is not None


def _weak_furniture(statement: str, found: list[str]) -> bool:
    """Signals that are enough before the first paragraph and after the references."""
    lower = [w.lower() for w in found]
    return bool(
        any(w in _SECOND_PERSON for w in lower) or _web_words(lower, statement.lower())[1]
        or _CALL_TO_ACTION.match(statement) or len(found) <= 6
        or (statement.endswith("?") and len(found) <= 12)
    )


def kinds(text: str, blocks: Sequence[Block], spans: Sequence[Sequence[tuple[int, int]]],
          layouts: Sequence[Layout]) -> list[Kind]:
    """The kind of every statement.

    Args:
        text: The document's text.
        blocks: Its blocks, in order.
        spans: The statement spans of each block.
        layouts: The layout of each block (from ``layout``).

    Returns:
        One kind per statement, in document order.
    """
    out: list[Kind] = []
    loose: list[bool] = []
    seen: dict[tuple[str, int], tuple[Kind, bool]] = {}  # a statement met again where it stood
    places: dict[tuple[bool, Section, bool, bool], int] = {}  # what of a block the rules read, numbered
    for block, block_spans, shape in zip(blocks, spans, layouts, strict=True):
        place = places.setdefault((block.bullet, shape.section, shape.body, shape.heading), len(places))
        for start, end in block_spans:
            statement = text[start:end]
            key = (statement, place)
            if key not in seen:
                seen[key] = _kind_of(statement, block, shape)
            kind, short = seen[key]
            loose.append(short)
            out.append(kind)
    if len(out) == 1 and out[0] is not Kind.CLAIM and len(words(unmarked(text))) >= LONE_CLAIM_WORDS:
        return [Kind.CLAIM]
    return _smooth(out, loose)


def _kind_of(statement: str, block: Block, shape: Layout) -> tuple[Kind, bool]:
    """One statement's kind, and whether it is loose (short, outside a paragraph and no
    heading: :func:`_smooth` may make it furniture). The same words where the same kind of
    block stands get the same answer: :func:`kinds` asks once (a page's repeated menu, a
    document's repeated sentences)."""
    plain = unmarked(statement)
    found = words(plain)
    kind = _kind(plain, found, block, shape)
    if kind in (Kind.CLAIM, Kind.HEADING) and plain != statement and _boilerplate(
        statement, words(statement), not shape.body
    ):
        kind = Kind.BOILERPLATE  # what the markup held said so (links: a breadcrumb, a shop button)
    return kind, not shape.body and not shape.heading and len(found) <= 12


LONE_CLAIM_WORDS = 4
"""A text that is one statement of at least this many words is a claim (see the module's
docstring): a headline, a post or one claim pasted to be checked."""


_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_LINK_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LINE_MARKS = re.compile(r"^(?:>\s*)+|^#{1,6}\s+")


def unmarked(statement: str) -> str:
    """A statement with its list marker and Markdown's marks taken off (emphasis, links, quote
    and heading marks), for the kind rules only: "*Reviewed by Dr. Sam Lee, MD*" is a byline
    like its plain text, and "• Book your free consultation" a call to action."""
    marker = BULLET.match(statement)
    if marker is not None:
        statement = statement[marker.end():].lstrip()
    if not any(mark in statement for mark in "*_[>#"):
        return statement
    plain = _LINK_MARKUP.sub(r"\1", statement)
    plain = _LINE_MARKS.sub("", plain)
    for _ in range(2):  # nested: ***bold italic*** or **_both_**
        plain = _EMPHASIS.sub(r"\2", plain)
    return plain.strip()


def headline_claim(statement: str, found: list[str]) -> bool:
    """Whether a heading-shaped line states a finding, as news and press-release titles do.

    "Crossing your arms relieves pain", "Mother's BMI linked to fatter babies" and "Vitamin D
    slashes infections, trial confirms" are claims: written in sentence case (most content
    words lower case, unlike a Title Case heading) with a finite causal verb, an association
    or a booster verb, or closed by an attribution ("…, study finds"). "Further validation of
    … for reducing mortality" names a topic: its verb is a gerund; so does "Effect of vitamin
    D on infections": it opens with a noun cue.
    """
    content = [w for w in found[1:] if w.lower() not in FUNCTION_WORDS and w[:1].isalpha()]
    if len(found) < 4 or not content or sum(w[0].isupper() for w in content) * 2 > len(content):
        return False
    if _REPORTED.search(statement):
        return True
    opening = _TITLE_OPENING.match(statement)
    for cue in find_cues(statement):
        first = cue.text.split()[0].lower()
        if cue.category == "association":
            return True
        if cue.category not in ("causal", "booster") or first.endswith("ing"):
            continue
        if first in _NOUN_CUES and opening and cue.start <= opening.end():
            continue  # "Effect of vitamin D on…", "The role of diet in…": a topic
        return True
    return False


_TITLE_OPENING = re.compile(r"(?:the|a|an)?\s*", re.IGNORECASE)
_REPORTED = re.compile(
    r",\s*(?:[\w'’-]+\s+){0,3}(?:finds|found|shows|showed|reveals|suggests|says|claims|confirms|proves|warns)[.!]?$"
)
"""A news title's closing attribution: "…, study finds", "…, new research shows"."""


_NOUN_CUES = frozenset({
    "effect", "effects", "role", "key", "the", "due", "because", "as", "responsible", "protective",
    "effective", "effectiveness", "efficacious", "beneficial", "harmful", "clear", "breakthrough", "no",
})
"""First words of causal and booster cues that name a topic when they open a title ("Effect
of vitamin D on infections", "The role of diet", "Clear evidence for…"); further in, after a
verb, they state a finding ("… seems to have a protective effect")."""


def _kind(statement: str, found: list[str], block: Block, shape: Layout) -> Kind:
    """The kind of one statement, by the rules of the module docstring, strongest first."""
    if shape.section is Section.REFERENCES and not shape.heading:
        return Kind.CITATION
    if _boilerplate(statement, found, not shape.body):
        return Kind.CITATION if citation_shaped(statement) and not shape.heading else Kind.BOILERPLATE
    if shape.section is Section.BACK_MATTER and not shape.heading:
        return Kind.BOILERPLATE
    if not shape.body and (citation_shaped(statement) or (_ET_AL.search(statement) and len(found) <= 10)):
        return Kind.CITATION
    if LABELLED.match(statement) and _FURNITURE_LABEL.match(statement.split(":", 1)[0].strip()):
        return Kind.BOILERPLATE  # "Disclaimer: this article is not medical advice.", "Photo: …"
    if shape.heading:
        return Kind.CLAIM if headline_claim(statement, found) else Kind.HEADING
    if shape.section in (Section.PREAMBLE, Section.TAIL) and _weak_furniture(statement, found):
        return Kind.BOILERPLATE
    if not shape.body and not block.bullet and len(found) <= 3 and not any(w.islower() for w in found):
        return Kind.BOILERPLATE
    return Kind.CLAIM


def _smooth(found: list[Kind], loose: list[bool]) -> list[Kind]:
    """A short claim outside a paragraph between two pieces of furniture is furniture too.

    Headlines are not loose: a title that states a finding sits between the site's menu and
    the byline, and is the claim the rest of the page argues.
    """
    furniture = (Kind.BOILERPLATE, Kind.CITATION)
    before: list[Kind | None] = []
    last: Kind | None = None
    for kind in found:
        before.append(last)
        if kind is not Kind.HEADING:
            last = kind
    out = list(found)
    last = None
    for i in range(len(found) - 1, -1, -1):
        kind = found[i]
        if kind is Kind.CLAIM and loose[i] and before[i] in furniture and last in furniture:
            out[i] = Kind.BOILERPLATE
        if kind is not Kind.HEADING:
            last = kind
    return out
