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
  statement with no letters, a date or byline line, a copyright notice, a share of link-like
  words (URLs, ``.gov``, e-mail addresses), a call to action (*Learn more*, *Join*,
  *Subscribe*…) aimed at the reader, the reader plus web words (*site*, *newsletter*,
  *form*…), a short exclamation outside a paragraph, or run-together logo names are
  boilerplate; a statement shaped like a reference (``doi:``, ``PMID``,
  ``2020;382:692–694``, ``Author AB, et al.``) outside a paragraph is a citation;
* **neighbours**: a short statement outside a paragraph between two pieces of boilerplate
  is boilerplate too.

A sentence that says something in a paragraph stays a claim, even with *our* or *you* in it.
No rule names a string of any particular document.

Invariant: ``kinds`` returns exactly one kind per statement span, in the same order, and
never looks beyond the text it is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from tui.engine.blocks import Block
from tui.engine.cues import find_cues
from tui.engine.model import Kind


class Section(Enum):
    """Where a block sits in the document."""

    PREAMBLE = "preamble"
    """Before the first body paragraph."""
    BODY = "body"
    BACK_MATTER = "back matter"
    """Under a heading such as *Conflict of interest* or *Funding*."""
    REFERENCES = "references"
    TAIL = "tail"
    """After the references."""


_I = re.IGNORECASE
_WORD = re.compile(r"[^\W_](?:[\w'’.\-/:]*[^\W_])?")
_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_REFERENCES = re.compile(
    r"^(?:#+\s*)?(?:\d+\.?\s*)?(?:references?(?: list| cited)?|bibliography|works cited|literature cited|"
    r"cited literature|sources|citations|notes and references|footnotes|further reading)\s*:?$", _I)
_BACK_MATTER = re.compile(
    r"\b(?:conflicts? of interest|competing interests?|disclosures?|funding|acknowledge?ments?|"
    r"author contributions?|data availability|ethics (?:statement|approval)|disclaimer|copyright|"
    r"licen[cs]e|keywords|abbreviations|affiliations?|corresponding author|supplementary|"
    r"related (?:stories|articles|posts|content|reading|links|topics)|you (?:may|might) also like|"
    r"recommended (?:for you|reading|articles|stories)|most (?:read|popular|viewed)|"
    r"(?:media|press) contacts?|notes? (?:to|for) editors|editor['’]?s notes?|similar articles|cited by|"
    r"mesh terms|substances|grants? and funding|linkout|full text links|publication types|"
    r"rights and permissions|about this article|author information|additional information|"
    r"ethics declarations|peer review|more on this story|about the authors?)\b",
    _I)
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but",
    "not", "no", "is", "are", "was", "were", "be", "been", "has", "have", "had", "this", "that",
    "these", "those", "it", "its", "as", "than", "which", "who", "whom", "whose", "can", "could",
    "may", "might", "will", "would", "should", "into", "over", "after", "before", "between",
    "during", "while", "there", "their", "they", "we", "our", "he", "she", "his", "her", "if", "so",
    "such", "also", "more", "most", "other", "some", "all", "any", "both", "each", "only", "very"
})
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
_WEB_WEAK = frozenset({
    "site", "sites", "form", "forms", "email", "e-mail", "emails", "link", "links", "menu",
    "navigation", "share", "comment", "comments", "page", "pages", "online"
})
_LINK_HINTS = ("://", "www.", "@", ".gov", ".com", ".org", ".net", ".edu", ".mil", ".io")
_LINK_LIKE = re.compile(
    r"(?:https?://|www\.|(?<!\S)[^\s@]+@[^\s@]+\.\w+|(?<![\w.])\.(?:gov|com|org|net|edu|mil|io)\b|"
    r"(?<![\w-])[\w-]+\.(?:com|org|net|gov|edu|io)\b)", _I)
_CALL_TO_ACTION = re.compile(
    r"^[\"'“(]*(?:learn|read|join|subscribe|sign|share|click|tap|continue|skip|follow|contact|call|book|"
    r"download|register|log|login|view|watch|listen|shop|buy|order|donate|apply|request|schedule|start|"
    r"get|discover|explore|find|browse|visit|complete|take|feel|see|go|back|accept|reject|manage|print|"
    r"email|e-mail|tweet|comment|reply|ready|don['’]t miss|have a question)(?=[\s,.!?:]|$)", _I)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcopyright\b", _I)
_COPYRIGHT_HINTS = ("©", "(c)", "rights reserved", "copyright")
_MONTH = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATE_WORDS = re.compile(
    rf"\b(?:{_MONTH}|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|updated|published|posted|last|modified|reviewed|on|at|date|am|pm|\d+(?:st|nd|rd|th)?)\b|[\W_]", _I)
_BYLINE = re.compile(
    r"^(?i:(?:written |reviewed |edited )?by|author:?)\s+[A-Z]|"
    r"^(?i:(?:posted|published|updated|written)\s+(?:on\s+)?)[^.!?]{0,40}?\d[^.!?]{0,20}?\s(?i:by)\s+(?:the\s+)?[A-Z]|"
    r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,4}(?:,?\s+(?:MD|M\.D\.|PhD|Ph\.D\.|DO|RN|MPH|MSc|"
    r"MS|MBBS|PharmD|DrPH|BSc|DPhil|FRCP|NP|PA-C)\b)+\.?$")
"""A byline: *By* and a capitalised name, *Posted on* a date *by* a name, or a name followed only
by credentials."""
_CITATION_STRONG = re.compile(
    r"\bdoi\s*:|\bdoi\.org/|\bPMID\b|\bPMCID\b|\b(?:19|20)\d{2}\s*(?:[A-Z][a-z]{2}\s*\d{0,2})?;\s*\d+\s*(?:\(\d+\))?\s*:|"
    r"\b\d+\s*\(\d+\)\s*:\s*\d+|\bRetrieved\b[^\n]{0,200}?\bfrom\b|\bAvailable (?:from|at)\b", _I)
_AUTHOR = re.compile(r"\b[A-Z][a-z'’-]+,? (?:[A-Z]\.\s?){1,3}|\b[A-Z][a-z'’-]+ [A-Z]{1,3}(?:,|\.)")
"""An author with initials, as reference lists write them (``Munster VJ,``, ``Bernardo, M. E.``)."""
_CITATION_WEAK = re.compile(
    r"\bet al\b|\((?:19|20)\d{2}[a-z]?(?:, [A-Z][a-z]+(?: \d{1,2})?)?\)[.,]|https?://|\bpp?\.\s*\d|\bvol\.")
"""Other marks of a reference: ``et al``, a year in brackets closing an author list, a URL, pages."""
_LABELLED = re.compile(r"[^:]{1,40}:\s*\S")
"""A label and its value on one line ("Media contact: press@…", "Funding: none"): a piece of
furniture in itself, not the heading of a section."""
_FURNITURE_LABEL = re.compile(
    _BACK_MATTER.pattern + r"|(?:photo|image|picture|video|illustration)s?(?: credits?)?$|credits?$", _I)
"""Labels whose line is furniture whatever follows: back matter, and credits for pictures."""
_NUMBERED_HEADING = re.compile(r"(?:\d{1,3}\.)+\d{0,3}\s+[A-Z]")
_QUESTION_LINE = re.compile(r"[^.!?]*\?[\"'”’)]*")
"""A line that is one question and nothing else (a question used as a heading)."""
_LETTER = re.compile(r"[^\W\d_]")
_ET_AL = re.compile(r"\bet\s+al\b")


def words(statement: str) -> list[str]:
    """The words of a statement (numbers and hyphenated names count as words)."""
    return _WORD.findall(statement)


def is_heading_line(text: str, block: Block) -> bool:
    """Whether a block is a heading: one line, no sentence end, at most 20 words.

    Args:
        text: The document's text.
        block: The block to judge.

    Returns:
        True for a heading; a line ending with ``:`` counts only when it reads as a title.
    """
    line = text[block.start:block.end]
    marked = line.startswith("#") or _NUMBERED_HEADING.match(line) is not None
    if block.lines != 1 or (block.bullet and not marked) or len(line) > 150:
        return False
    found = words(line)
    if not found or len(found) > 20:
        return False
    if _END.search(line):
        return _QUESTION_LINE.fullmatch(line) is not None and len(found) <= 15
    if line.endswith(":"):
        lower = sum(1 for w in found if w[0].islower() and w.lower() not in _FUNCTION_WORDS)
        return lower <= len(found) // 3
    return True


def is_body(text: str, block: Block) -> bool:
    """Whether a block is a body paragraph: 30 words or more, a sentence end, prose-like."""
    piece = text[block.start:block.end]
    tokens = piece.lower().split()
    if len(tokens) < 30 or not re.search(r"[.!?]", piece):
        return False
    return sum(map(_FUNCTION_WORDS.__contains__, tokens)) >= 0.2 * len(tokens)


def citation_shaped(statement: str) -> bool:
    """Whether a statement looks like a bibliography entry or a piece of one."""
    if _CITATION_STRONG.search(statement):
        return True
    authors = len(_AUTHOR.findall(statement))
    return authors >= 2 or (authors == 1 and _CITATION_WEAK.search(statement) is not None)


@dataclass(frozen=True, slots=True)
class Layout:
    """What the kind rules need to know about one block."""

    section: Section
    heading: bool
    """The block is a heading line (see ``is_heading_line``)."""
    body: bool
    """The block is a body paragraph (see ``is_body``) or one line of a paragraph written one
    sentence per line."""


def layout(text: str, blocks: Sequence[Block]) -> list[Layout]:
    """Where each block sits (preamble, body, back matter, references, tail) and its shape.

    Args:
        text: The document's text.
        blocks: Its blocks, in order.

    Returns:
        One layout per block.
    """
    prose_runs = _prose_runs(text, blocks)
    out: list[Layout] = []
    state = Section.PREAMBLE
    for block in blocks:
        piece = text[block.start:block.end]
        if is_heading_line(text, block):
            title = piece.strip("#: \t")
            if _REFERENCES.match(title):
                state = Section.REFERENCES
            elif len(title.split()) <= 6 and _BACK_MATTER.search(title) and not _LABELLED.match(title):
                state = Section.BACK_MATTER if state is not Section.TAIL else state
            elif state is Section.REFERENCES:
                state = Section.TAIL
            elif state is Section.BACK_MATTER:
                state = Section.BODY
            out.append(Layout(state, True, False))
            continue
        if state is Section.REFERENCES and not (block.bullet or citation_shaped(piece)):
            state = Section.TAIL
        body = block.run in prose_runs or is_body(text, block)
        if state in (Section.PREAMBLE, Section.BACK_MATTER) and body:
            state = Section.BODY
        out.append(Layout(state, False, body))
    if all(shape.section is not Section.BODY for shape in out):
        out = [Layout(Section.BODY, s.heading, s.body) if s.section is Section.PREAMBLE else s for s in out]
    return out


def _prose_runs(text: str, blocks: Sequence[Block]) -> set[int]:
    """Runs of one-line blocks that read as a paragraph written one sentence per line.

    A run counts when at least three of its lines end a sentence and together they hold 40
    words or more, a quarter of them function words.
    """
    sizes: dict[int, int] = {}
    for block in blocks:
        sizes[block.run] = sizes.get(block.run, 0) + 1
    ended: dict[int, int] = {}
    counts: dict[int, list[int]] = {}
    for block in blocks:
        if sizes[block.run] < 3:
            continue
        piece = text[block.start:block.end]
        if _END.search(piece):
            ended[block.run] = ended.get(block.run, 0) + 1
        lowered = piece.lower().split()
        tally = counts.setdefault(block.run, [0, 0])
        tally[0] += len(lowered)
        tally[1] += sum(map(_FUNCTION_WORDS.__contains__, lowered))
    return {run for run, (n, function) in counts.items()
            if ended.get(run, 0) >= 3 and n >= 40 and function >= 0.25 * n}


def _web_words(lower: list[str], low: str) -> tuple[int, int]:
    """How many words speak of the web page itself: (strong ones, all of them)."""
    strong = sum(map(_WEB_STRONG.__contains__, lower)) + len(_WEB_PREFIXED.findall(low))
    strong += low.count("sign up") + low.count("sign in")
    return strong, strong + sum(map(_WEB_WEAK.__contains__, lower))


def _boilerplate(statement: str, found: list[str], outside_paragraph: bool) -> bool:
    """Signals that make a statement page furniture wherever it stands."""
    n = len(found)
    if n == 0 or _LETTER.search(statement) is None:
        return True
    low = statement.lower()
    if any(hint in low for hint in _COPYRIGHT_HINTS) and _COPYRIGHT.search(statement):
        return True
    if low.count("logo") >= 2:
        return True
    if any(hint in low for hint in _LINK_HINTS):
        links = len(_LINK_LIKE.findall(statement))
        if links >= max(1.0, 0.15 * n) or (links and outside_paragraph and n <= 12):
            return True
    lower = [w.lower() for w in found]
    you = any(w in _SECOND_PERSON for w in lower)
    strong, web = _web_words(lower, low)
    if _CALL_TO_ACTION.match(statement) and (
        you or web or any(w in _FIRST_PLURAL for w in lower) or not _END.search(statement)
    ):
        return True
    if (you and web) or (strong and web >= 2 and n <= 20):
        return True
    if outside_paragraph and statement.rstrip("\"'”’)").endswith("!") and n <= 8:
        return True
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
    for block, block_spans, shape in zip(blocks, spans, layouts, strict=True):
        for start, end in block_spans:
            statement = text[start:end]
            plain = unmarked(statement)
            found = words(plain)
            loose.append(not shape.body and not shape.heading and len(found) <= 12)
            kind = _kind(plain, found, block, shape)
            if kind in (Kind.CLAIM, Kind.HEADING) and plain != statement and _boilerplate(
                statement, words(statement), not shape.body
            ):
                kind = Kind.BOILERPLATE  # what the markup held said so (links: a breadcrumb, a shop button)
            out.append(kind)
    return _smooth(out, loose)


_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_LINK_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LINE_MARKS = re.compile(r"^(?:>\s*)+|^#{1,6}\s+")


def unmarked(statement: str) -> str:
    """A statement with Markdown's marks taken off (emphasis, links, quote and heading marks),
    for the kind rules only: "*Reviewed by Dr. Sam Lee, MD*" is a byline like its plain text."""
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
    content = [w for w in found[1:] if w.lower() not in _FUNCTION_WORDS and w[:1].isalpha()]
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
    if _LABELLED.match(statement) and _FURNITURE_LABEL.match(statement.split(":", 1)[0].strip()):
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
