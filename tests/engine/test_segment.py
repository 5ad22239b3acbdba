"""Segmentation: named tables of texts and their statements, kinds on unseen page shapes,
invariants checked by hypothesis, and kind accuracy on the seed pair's gold items."""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
import re
import textwrap
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.model import Kind, Role, Statement
from tui.engine.segment import sentences
from tui.engine.segment.blocks import split_blocks
from tui.engine.segment.segment import segment
from tui.engine.segment.sentences import Splitter

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def texts(statements: list[Statement]) -> list[str]:
    return [s.text for s in statements]


def assert_spans(original: str, statements: list[Statement]) -> None:
    """Every statement is its span of the original, trimmed, in order, without overlap."""
    last = 0
    for i, s in enumerate(statements):
        assert s.index == i
        assert original[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end


SPLITS = [
    ("et-al-mid-sentence", "Shi et al. found that MSCs reduce lung damage. The effect was large.",
     ["Shi et al. found that MSCs reduce lung damage.", "The effect was large."]),
    ("et-al-then-year", "Zhou et al. (2020) reported a new virus. It spread fast.",
     ["Zhou et al. (2020) reported a new virus.", "It spread fast."]),
    ("et-al-then-quote", 'According to Shi et al. "Specifically, NK cells decrease." This harms the lungs.',
     ['According to Shi et al. "Specifically, NK cells decrease."', "This harms the lungs."]),
    ("fig-caption", "Fig. 1. Potential mechanisms of MSCs. They modulate immune cells.",
     ["Fig. 1.", "Potential mechanisms of MSCs.", "They modulate immune cells."]),
    ("fig-in-sentence", "As shown in Fig. 2 the effect grew. It then fell.",
     ["As shown in Fig. 2 the effect grew.", "It then fell."]),
    ("confidence-interval", "The risk fell by 40% (95% CI 1.8 to 6.0). Deaths were rare.",
     ["The risk fell by 40% (95% CI 1.8 to 6.0).", "Deaths were rare."]),
    ("p-value", "The difference was significant (p < 0.05). Next we tested mice.",
     ["The difference was significant (p < 0.05).", "Next we tested mice."]),
    ("p-value-end", "The difference held at p < 0.05. Next we tested mice.",
     ["The difference held at p < 0.05.", "Next we tested mice."]),
    ("decimals", "Mean HbA1c fell from 8.2 to 7.1 in 12.5 weeks. It stayed at 7.1.",
     ["Mean HbA1c fell from 8.2 to 7.1 in 12.5 weeks.", "It stayed at 7.1."]),
    ("small-number-ends-sentence", "It helped adults aged 18 to 65. The effect faded by week 12. Nobody died.",
     ["It helped adults aged 18 to 65.", "The effect faded by week 12.", "Nobody died."]),
    ("inline-numbered-list", "1. The first item 2. The second item",
     ["1. The first item", "2. The second item"]),
    ("e-g", "Side effects, e.g. headache, were rare. Most were mild.",
     ["Side effects, e.g. headache, were rare.", "Most were mild."]),
    ("i-e", "The dose was low, i.e. 5 mg a day. It was safe.",
     ["The dose was low, i.e. 5 mg a day.", "It was safe."]),
    ("u-s-mid", "I work for the U.S. Government in Virginia. It is big.",
     ["I work for the U.S. Government in Virginia.", "It is big."]),
    ("u-s-end", "Trials ran in the U.S. How about Europe?", ["Trials ran in the U.S.", "How about Europe?"]),
    ("doctor", "Dr. Smith led the trial. Prof. Jones wrote it up.",
     ["Dr. Smith led the trial.", "Prof. Jones wrote it up."]),
    ("name-ending-in-a-capital", "Cells lacked active NF-kappa B. The rate rose with vitamin D. It held.",
     ["Cells lacked active NF-kappa B.", "The rate rose with vitamin D.", "It held."]),
    ("initials", "My name is Jonas E. Smith. Did you see Albert I. Jones?",
     ["My name is Jonas E. Smith.", "Did you see Albert I. Jones?"]),
    ("question-exclamation", "Does it work? Yes! It halves the risk.",
     ["Does it work?", "Yes!", "It halves the risk."]),
    ("quoted-sentences", '"MSCs may help patients. In mice they reduced lesions." (1)',
     ['"MSCs may help patients.', 'In mice they reduced lesions." (1)']),
    ("reference-marker-goes-back", "It affected 184 million people. (3)  More follow.",
     ["It affected 184 million people. (3)", "More follow."]),
    ("bullets-after-a-lead-in", "Symptoms include:\n\n  • extreme tiredness (fatigue)\n  • shortness of breath\n- chest pain",
     ["Symptoms include:\n\n  • extreme tiredness (fatigue)\n  • shortness of breath\n- chest pain"]),
    ("bullets", "Symptoms vary.\n\n  • extreme tiredness (fatigue)\n  • shortness of breath\n- chest pain",
     ["Symptoms vary.", "• extreme tiredness (fatigue)", "• shortness of breath", "- chest pain"]),
    ("numbered-list-lines", "1. First step is easy\n2. Second step is hard",
     ["1. First step is easy", "2. Second step is hard"]),
    ("heading-then-paragraph", "Clinical trials show positive results\n\nAll of these studies were safe. None failed.",
     ["Clinical trials show positive results", "All of these studies were safe.", "None failed."]),
    ("one-line-blocks", "Louis A. Cona, MD\nUpdated on\nFeb 8, 2023",
     ["Louis A. Cona, MD", "Updated on", "Feb 8, 2023"]),
    ("hand-broken-lines",
     "Thank you! Your submission has been received!\nOops! Something went wrong while submitting the form.",
     ["Thank you!", "Your submission has been received!", "Oops!", "Something went wrong while submitting the form."]),
    ("hard-wrap", ("The patients who received the infusion recovered faster than those\nwho did not, and "
                   "fewer of them needed ventilation. Deaths fell\nsubstantially."),
     [("The patients who received the infusion recovered faster than those\nwho did not, and fewer of them "
       "needed ventilation."), "Deaths fell\nsubstantially."]),
    ("title-over-wrapped-paragraph",
     ("Effects of Vitamin D Supplementation on Mortality in Older Adults: A Review\n"
      "Vitamin D is widely taken by older adults, but whether it lowers mortality\nremains unclear."),
     ["Effects of Vitamin D Supplementation on Mortality in Older Adults: A Review",
      "Vitamin D is widely taken by older adults, but whether it lowers mortality\nremains unclear."]),
    ("bracketed-reference-numbers", "References\n[1] Smith J. Title one. BMJ 2019;364:1.\n[2] Lee K. Two.",
     ["References", "[1] Smith J. Title one. BMJ 2019;364:1.", "[2] Lee K. Two."]),
    ("crlf", "Heading\r\n\r\nFirst claim here. The second claim is long enough to\r\nwrap onto the next line.\r\n",
     ["Heading", "First claim here.", "The second claim is long enough to\r\nwrap onto the next line."]),
    ("blank-line-ends-statement", "A sentence without an end\n\nanother one starts here.",
     ["A sentence without an end", "another one starts here."]),
    ("ellipsis", "I never meant that.... She left the store.", ["I never meant that....", "She left the store."]),
    ("empty", "", []),
    ("white-space-only", " \n\t\r\n ", []),
]


@pytest.mark.parametrize(("text", "expected"), [row[1:] for row in SPLITS], ids=[row[0] for row in SPLITS])
def test_statement_boundaries(text: str, expected: list[str]) -> None:
    statements = segment(text, Role.SOURCE)
    assert texts(statements) == expected
    assert_spans(text, statements)


def test_hard_wrapped_paragraph_gives_whole_sentences() -> None:
    sentences = [f"Sentence number {n} says that the treatment changed outcome {n} by {n}.{n} points."
                 for n in range(12)]
    wrapped = textwrap.fill(" ".join(sentences), width=70)
    assert "\n" in wrapped
    statements = segment(wrapped, Role.DERIVED)
    assert [" ".join(s.text.split()) for s in statements] == sentences
    assert [s.id for s in statements[:2]] == ["d1", "d2"]


def test_statements_never_cross_a_blank_line_or_a_bullet() -> None:
    """Except a lead-in with its list (``test_lists.py``)."""
    text = "First paragraph has no end\n\nSecond one\n• item one without end\n• item two\n\n  Last."
    for s in segment(text, Role.SOURCE):
        assert "\n\n" not in s.text
        assert "•" not in s.text[1:]


def test_ids_index_and_role() -> None:
    statements = segment("One claim here. Two claims here.", Role.SOURCE)
    assert [(s.id, s.index, s.role) for s in statements] == [("s1", 0, Role.SOURCE), ("s2", 1, Role.SOURCE)]


def test_segment_is_pure() -> None:
    text = (SEEDS / "msc-covid-blog.txt").read_text(encoding="utf-8")
    assert segment(text, Role.DERIVED) == segment(text, Role.DERIVED)


NEWS = """Menu
Search

Coffee drinkers may live longer, study suggests

By Jane Smith, Health Reporter
Published 3 March 2024
Share this article

People who drink two to three cups of coffee a day may have a lower risk of early death than those who \
avoid it, according to a large study published on Tuesday in a cardiology journal.

The researchers followed 450,000 adults for a median of 12.5 years. Moderate coffee drinkers had a 12% \
lower risk of dying from any cause (hazard ratio 0.88; 95% CI 0.85 to 0.91).

What does this mean for you?

If you already drink coffee, there is no reason to stop, the authors said.

Related stories
Is tea better than coffee for the heart?

Sign up for our morning newsletter and get the day's top stories in your inbox.
Enter your email address
We use cookies to improve your experience. By continuing you accept our cookie policy.
© 2024 Daily Health News. All rights reserved.
"""

PRESS_RELEASE = """FOR IMMEDIATE RELEASE
Media contact: press@example.edu, +1 555 0100

New drug halves migraine days, trial finds

BOSTON — A new antibody cut the number of monthly migraine days by half in a phase III trial of 1,200
adults, researchers announced today. Adverse events occurred in 4.2% of patients versus 3.9% on placebo.

References
1. Ruiz A, et al. Antibody for migraine. Lancet. 2024;403:100-110. doi: 10.1016/x.
2. Kim B, Lee C. Migraine burden. BMJ 2020;12(3):45–50.

Ready to get started?
Learn more about our research programmes.
###
"""

SENTENCE_PER_LINE = """Home
About

You can trust us.

The study enrolled 300 patients with severe asthma in four countries.
Deaths fell.
The authors call for more trials of the inhaler in children and in the elderly.
They also want to know whether the effect lasts for more than a year.
"""

NO_PARAGRAPH = """Asthma study
The study enrolled 300 patients.
Deaths fell.
You should ask your doctor first.
"""

ARTICLE_PAGE = """Abstract

We found that aspirin lowered the risk of stroke by 20% in 3,000 adults followed for five years, with few \
bleeding events and no deaths attributed to the drug.

Similar articles
Aspirin and bleeding: a review of the evidence from twelve trials in older adults.

Grants and funding
This work was supported by the National Institutes of Health.
"""

KINDS = [
    ("news-menu", NEWS, "Menu", {Kind.HEADING, Kind.BOILERPLATE}),
    ("news-title", NEWS, "Coffee drinkers may live longer, study suggests", {Kind.CLAIM}),  # a title stating a finding
    ("news-byline", NEWS, "By Jane Smith, Health Reporter", {Kind.BOILERPLATE}),
    ("news-date", NEWS, "Published 3 March 2024", {Kind.BOILERPLATE}),
    ("news-share", NEWS, "Share this article", {Kind.BOILERPLATE}),
    ("news-lead", NEWS, "People who drink two to three cups", {Kind.CLAIM}),
    ("news-figures", NEWS, "Moderate coffee drinkers had a 12%", {Kind.CLAIM}),
    ("news-question-heading", NEWS, "What does this mean for you?", {Kind.HEADING}),
    ("news-advice-with-you", NEWS, "If you already drink coffee", {Kind.CLAIM}),
    ("news-related", NEWS, "Is tea better than coffee for the heart?", {Kind.HEADING, Kind.BOILERPLATE}),
    ("news-newsletter", NEWS, "Sign up for our morning newsletter", {Kind.BOILERPLATE}),
    ("news-email-form", NEWS, "Enter your email address", {Kind.BOILERPLATE}),
    ("news-cookies", NEWS, "We use cookies", {Kind.BOILERPLATE}),
    ("news-copyright", NEWS, "© 2024 Daily Health News.", {Kind.BOILERPLATE}),
    ("release-contact", PRESS_RELEASE, "Media contact:", {Kind.BOILERPLATE}),
    ("release-lead", PRESS_RELEASE, "BOSTON — A new antibody", {Kind.CLAIM}),
    ("release-safety", PRESS_RELEASE, "Adverse events occurred in 4.2%", {Kind.CLAIM}),
    ("release-reference", PRESS_RELEASE, "1. Ruiz A, et al.", {Kind.CITATION}),
    ("release-reference-2", PRESS_RELEASE, "2. Kim B, Lee C.", {Kind.CITATION}),
    ("release-call-to-action", PRESS_RELEASE, "Ready to get started?", {Kind.BOILERPLATE, Kind.HEADING}),
    ("release-learn-more", PRESS_RELEASE, "Learn more about our research", {Kind.BOILERPLATE}),
    ("release-end-mark", PRESS_RELEASE, "###", {Kind.BOILERPLATE}),
    ("lines-preamble", SENTENCE_PER_LINE, "You can trust us.", {Kind.BOILERPLATE}),
    ("lines-short-claim", SENTENCE_PER_LINE, "Deaths fell.", {Kind.CLAIM}),
    ("lines-claim", SENTENCE_PER_LINE, "They also want to know", {Kind.CLAIM}),
    ("no-paragraph-short-claim", NO_PARAGRAPH, "Deaths fell.", {Kind.CLAIM}),
    ("no-paragraph-advice", NO_PARAGRAPH, "You should ask your doctor", {Kind.CLAIM}),
    ("article-abstract", ARTICLE_PAGE, "We found that aspirin", {Kind.CLAIM}),
    ("article-similar", ARTICLE_PAGE, "Aspirin and bleeding", {Kind.BOILERPLATE, Kind.CITATION}),
    ("article-funding", ARTICLE_PAGE, "This work was supported", {Kind.BOILERPLATE}),
    ("verbless-fragments", "Secure. No Spam. No Commitments.", "No Spam.", {Kind.BOILERPLATE}),
]


@pytest.mark.parametrize(("text", "opening", "allowed"), [row[1:] for row in KINDS], ids=[row[0] for row in KINDS])
def test_kinds_on_unseen_pages(text: str, opening: str, allowed: set[Kind]) -> None:
    statements = segment(text, Role.DERIVED)
    assert_spans(text, statements)
    found = [s for s in statements if s.text.startswith(opening)]
    assert found, f"no statement opens with {opening!r}: {texts(statements)}"
    assert found[0].kind in allowed


def test_reference_entries_stay_whole() -> None:
    statements = segment(PRESS_RELEASE, Role.SOURCE)
    entry = next(s for s in statements if s.text.startswith("1. Ruiz"))
    assert entry.text.endswith("doi: 10.1016/x.")


@pytest.mark.parametrize("text", [
    "." * 100_000, "a." * 50_000, ". " * 50_000, "a" + "-" * 100_000, "这是一个句子。" * 15_000,
    "Это предложение. " * 6_000, "x\n" * 20_000, "http://" + "a/" * 50_000, "(" * 50_000 + "a. B",
    "Wait... " * 15_000, "!" * 50_000 + " A",
], ids=["dots", "letter-dots", "dot-space", "dashes", "chinese", "russian", "short-lines", "long-url",
        "open-brackets", "ellipses", "bangs"])
def test_odd_inputs_stay_fast_and_whole(text: str) -> None:
    began = time.perf_counter()
    statements = segment(text, Role.SOURCE)
    assert time.perf_counter() - began < 5.0
    assert_spans(text, statements)
    assert "".join(text.split()) == "".join("".join(s.text.split()) for s in statements)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("aZé1 .?!\n\r\t•-()\"'’…:;,") + ["et al. ", "U.S. ", "Fig. 1. ", "The "]),
                max_size=120).map("".join))
def test_spans_cover_every_character_in_order(text: str) -> None:
    statements = segment(text, Role.SOURCE)
    assert_spans(text, statements)
    for s in statements:
        assert 0 <= s.start < s.end <= len(text)
    assert "".join(text.split()) == "".join("".join(s.text.split()) for s in statements)


def test_doubtful_marks_go_to_pysbd_until_the_budget_is_spent() -> None:
    text = "I live in the U.S. How about you?"
    assert [text[a:b] for a, b in Splitter().split(text, 0, len(text))] == ["I live in the U.S.", "How about you?"]
    assert [text[a:b] for a, b in Splitter(pysbd_budget=0).split(text, 0, len(text))] == [text]


def test_bench_generator_is_deterministic_and_looks_like_a_paper() -> None:
    from tests.bench_data import generate_document

    source = generate_document(30_000, 5, "source")
    assert source == generate_document(30_000, 5, "source")
    assert 30_000 <= len(source) <= 40_000
    derived = generate_document(30_000, 5, "derived")
    assert derived != source
    kinds = Counter(s.kind for s in segment(source, Role.SOURCE))
    assert kinds[Kind.CLAIM] > 100 and kinds[Kind.HEADING] >= 3 and kinds[Kind.CITATION] >= 3
    assert Counter(s.kind for s in segment(derived, Role.DERIVED))[Kind.BOILERPLATE] >= 3


def test_blocks_cover_the_text() -> None:
    text = (SEEDS / "msc-covid-abstract.txt").read_text(encoding="utf-8")
    blocks = split_blocks(text)
    assert "".join(text.split()) == "".join("".join(text[b.start:b.end].split()) for b in blocks)
    assert all(a.end < b.start for a, b in itertools.pairwise(blocks))


def _score_module(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("claimdiff_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kind_accuracy(shared: Path) -> tuple[int, int, list[str]]:
    """Gold items of the seed pair whose best-overlapping statement has an acceptable kind.

    An item labelled boilerplate may be any non-claim; an item labelled only with statuses must
    be a claim. The statement is chosen as ``score.py`` chooses it (most overlap, at least 30%).
    """
    score = _score_module(shared)
    docs = {"source": score.read_text(SEEDS / "msc-covid-abstract.txt"),
            "derived": score.read_text(SEEDS / "msc-covid-blog.txt")}
    statements = {doc: segment(text, Role(doc)) for doc, text in docs.items()}
    gold = [json.loads(line) for line in (shared / "eval" / "seed-gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    right, misses = 0, []
    for item in gold:
        span = score.find_span(docs[item["doc"]], item["text"], item.get("occurrence", 1))
        best = max(statements[item["doc"]], key=lambda s: score.overlap((s.start, s.end), span))
        covered = score.overlap((best.start, best.end), span) >= 0.3 * (span[1] - span[0])
        claim_ok = best.kind is Kind.CLAIM and any(label != "boilerplate" for label in item["labels"])
        other_ok = best.kind is not Kind.CLAIM and "boilerplate" in item["labels"]
        if covered and (claim_ok or other_ok):
            right += 1
        else:
            misses.append(f"{item['id']}: {best.kind.value} {best.text[:60]!r}")
    return right, len(gold), misses


def test_kind_accuracy_on_seed_gold(shared: Path) -> None:
    right, total, misses = kind_accuracy(shared)
    print(f"kind accuracy on seed gold: {right}/{total} = {right / total:.3f}")
    assert right / total >= 0.95, misses


def test_conclusions_standing_alone_stay_claims(shared: Path) -> None:
    """Press-release and abstract conclusions (InSciOut), one paragraph each as a news story
    lays them out, are claims: the furniture rules must not fire on ordinary sentences."""
    path = shared / "data" / "sci-exaggeration" / "insciout_test.jsonl"
    if not path.exists():
        pytest.skip("InSciOut is not in ../shared/data")
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        sentences += [item["press_release_conclusion"].strip(), item["abstract_conclusion"].strip()]
    sentences = [s for s in sentences if s.endswith(".") and len(s.split()) >= 8]
    statements = segment("\n\n".join(sentences), Role.DERIVED)
    claims = sum(s.kind is Kind.CLAIM for s in statements)
    print(f"insciout conclusions kept as claims: {claims}/{len(statements)}")
    assert claims / len(statements) >= 0.99, [s.text for s in statements if s.kind is not Kind.CLAIM][:10]


def test_initials_in_a_row_do_not_end_a_sentence() -> None:
    text = "On June 26, 2018, parent company E. W. Scripps announced that it would sell KXBL. It did."
    assert [s.text for s in segment(text, Role.DERIVED)] == [
        "On June 26, 2018, parent company E. W. Scripps announced that it would sell KXBL.", "It did."]


def test_a_statement_met_again_takes_the_kind_of_where_it_stands() -> None:
    """Kinds are worked out once per statement and place (a repeated sentence is read once), so
    the same words are a claim in a paragraph and furniture under *Funding*, and a repeated
    menu line is furniture everywhere."""
    said = "The study was funded by the Wellcome Trust."
    text = ("Masks reduce transmission in schools, a trial of 4,000 pupils found over one winter in three cities, "
            f"with fewer cases in every school that used them. {said} The effect held in every age group that the "
            f"trial followed up.\n\nSubscribe to our newsletter\n\nFunding\n\n{said}\n\nSubscribe to our newsletter\n")
    found = segment(text, Role.SOURCE)
    assert [s.kind for s in found if s.text == said] == [Kind.CLAIM, Kind.BOILERPLATE]
    assert [s.kind for s in found if s.text == "Subscribe to our newsletter"] == [Kind.BOILERPLATE] * 2


def test_the_quick_look_for_an_inline_list_answers_as_the_full_search() -> None:
    """``_inline_list`` answers ``_INLINE_LIST.search`` at once where no marker can end: over
    every span of many texts made of what a marker is made of, both agree."""
    pieces = ["a", "b", "z", "A", "1", "12", "123", "٣", ".", ")", "))", " ", "\n", "\u00a0", "\u2022", "\u2043",
              "(", "e.g.", "x"]
    chance = random.Random(7)
    agreed = markers = 0
    for _ in range(400):
        text = "".join(chance.choice(pieces) for _ in range(chance.randint(1, 14)))
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                full = sentences._INLINE_LIST.search(text, start, end) is not None
                assert sentences._inline_list(text, start, end) is full, (text, start, end)
                agreed += 1
                markers += full
    assert agreed > 10_000 and markers > 1_000  # both answers were asked for often


def test_the_list_number_found_with_its_look_behind_moved_is_the_same() -> None:
    """``_LIST_NUMBER`` checks what comes before a number once it has met a digit: the same first
    match, and the same number in it, as the pattern written with its look-behind first."""
    written = re.compile(r"(?<!\S)(\d{1,2})[.)]\)?\s")
    pieces = ["1", "2", "12", "123", "٣", ".", ")", "))", " ", "\n", "\u00a0", "a", "A", "(", "-"]
    chance = random.Random(11)
    found = 0
    for _ in range(2000):
        text = "".join(chance.choice(pieces) for _ in range(chance.randint(1, 14)))
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                old, new = written.search(text, start, end), sentences._LIST_NUMBER.search(text, start, end)
                assert (old and (old.span(), old.span(1))) == (new and (new.span(), new.span(1))), (text, start, end)
                found += old is not None
    assert found > 500
