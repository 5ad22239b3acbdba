"""Reproducible large documents for timing: a scientific source and a popular rewrite of it.

``generate_document(n_bytes, seed, role)`` builds a plan of sections and facts from ``seed``
alone, then renders it as the source (hedged, numbers with confidence intervals, "et al.",
"Fig. 1.", decimals, p-values, hard-wrapped paragraphs, bullet lists, a reference list,
page furniture at both ends) or as the derived text (the same facts paraphrased: some hedges
dropped, some numbers changed, some facts left out, some unsupported sentences and calls to
action added). The same ``(n_bytes, seed)`` gives the same pair on every machine; the source
is about ``n_bytes`` characters long; the derived text is shorter (about two thirds).
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass

INTERVENTIONS = [
    "mesenchymal stem cell infusion", "low-dose aspirin", "vitamin D supplementation", "intermittent fasting",
    "cognitive behavioural therapy", "a Mediterranean diet", "high-intensity interval training", "metformin",
    "statin therapy", "mindfulness training", "omega-3 supplementation", "early mobilisation", "telemonitoring",
    "a school-based exercise programme", "nicotine replacement therapy", "probiotic treatment", "hydroxyurea",
    "home blood pressure monitoring", "a text-message reminder service", "acupuncture", "zinc lozenges",
]
OUTCOMES = [
    "all-cause mortality", "hospital admissions", "systolic blood pressure", "HbA1c", "depressive symptoms",
    "lung damage", "cytokine levels", "fatigue scores", "time to recovery", "fracture risk", "LDL cholesterol",
    "infection rates", "length of stay", "pain intensity", "sleep quality", "relapse", "cognitive decline",
    "body weight", "inflammatory markers", "readmission within 30 days", "quality of life",
]
POPULATIONS = [
    "adults over 65", "patients with ARDS", "children aged 6 to 12", "pregnant women", "people with type 2 diabetes",
    "outpatients with mild COVID-19", "care-home residents", "smokers", "night-shift workers", "heart-failure patients",
    "postmenopausal women", "university students", "patients after hip surgery", "people with chronic back pain",
]
SURNAMES = [
    "Shi", "Munster", "Zhou", "Bernardo", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Kowalski", "Haddad", "Rossi",
    "Nguyen", "Andersen", "Silva", "Patel", "Fischer", "O'Brien", "Castillo", "Ivanova", "Mensah", "Yilmaz", "Walsh",
]
JOURNALS = ["N. Engl. J. Med.", "Lancet", "BMJ", "JAMA", "Nature", "Ann. Intern. Med.", "PLoS Med.", "Aging Dis."]
HEDGES = ["may", "might", "could", "appears to"]
BOOSTS = ["will", "does", "is proven to", "has been shown to"]
VERBS = ["reduce", "lower", "improve", "prevent", "slow"]

SOURCE_TEMPLATES = [
    ("{A} et al. {reported|observed|found|showed} that {i} {hedge} {v} {o} in {p} (95% CI {lo} to {hi}; "
     "p < 0.05)."),
    ("In a {randomized|multicentre|double-blind|pragmatic} trial of {n} {p} at {h}, {c} was associated with a "
     "{pct}% {lower|reduced|smaller} {rate|incidence|risk} of {o} (p = {pv})."),
    "The mean change in {o} was {x} versus {y} in the {control|placebo|usual-care} group after {w} weeks of {c}.",
    ("These {findings|results|data} suggest that {i} {hedge} {v} {o} through {g} {signalling|activation|"
     "inhibition}, although larger phase III trials are {required|needed|warranted}."),
    ("Adverse events, e.g. {headache|nausea|dizziness|rash} and {fatigue|insomnia|diarrhoea}, occurred in {pct}% "
     "of {p} receiving {c}."),
    "Dr. {A} noted that the {effect|benefit|response} of {c} on {o} was smaller in the U.S. cohort than in {site}.",
    ("Fig. {k}. {Effect|Influence|Impact} of {c} on {g} {expression|levels|activity} among {p}, with a hazard "
     "ratio of {hr}."),
    ("Future studies {need|ought|will have} to {assess|establish|test} whether {i} can {v} {o} over more than {w} "
     "months."),
    ("No significant difference in {o} was {observed|detected|found} between {c} and placebo (OR {hr}; 95% CI "
     "{lo} to {hi})."),
]
DERIVED_TEMPLATES = [
    "A {study|paper|report} by {A} and colleagues {found|proved|showed} that {i} {boost} {v} {o} in {p}.",
    "When {n} {p} at {h} {tried|took|were given} {c}, their {o} dropped by {pct} percent.",
    "After {w} weeks on {c}, {o} changed by {x} on average, compared with {y} without {treatment|the drug}.",
    "The {research|science|evidence} shows that {i} {boost} {v} {o} by switching on {g}.",
    ("Side effects of {c} such as {headache|nausea|dizziness} were {rare|uncommon}, affecting only {pct}% of "
     "{people|patients}."),
    "According to Dr. {A}, {c} works just as well in the U.S. as in {site}.",
    "As Figure {k} shows, {c} clearly {boosts|raises|lifts} {g} in {p}.",
    "{Experts|Scientists|Doctors} believe {i} can {v} {o} for years.",
    "{C} {performed|did} better than placebo for {o}.",
]
UNSUPPORTED = [
    "Thousands of patients have already turned their lives around with {i}.",
    "Our clinic has offered {i} since 2015 with excellent results.",
    "Doctors everywhere now recommend {i} for {p}.",
    "There is no safer way to protect yourself against {o}.",
]
FURNITURE_TOP = ["Skip to main content", "Home | About | Contact", "Over {n},000 Active Subscribers"]
FURNITURE_BOTTOM = [
    "Join our newsletter to learn more about {i}.", "Thank you! Your submission has been received!",
    "Ready to get started?", "Learn more about our programme.", "© 2024 Example Health. All rights reserved.",
]


@dataclass(frozen=True)
class _Fact:
    template: int
    slots: dict[str, str]
    variant: int
    """Seeds the choice among a template's ``{a|b|c}`` wordings."""
    kept: bool
    """Whether the derived text carries this fact."""
    altered: bool
    """Whether the derived text changes its number."""


SYLLABLES = ["ka", "zo", "ri", "fen", "ta", "lu", "mir", "vo", "xe", "dra", "pel", "sa", "ton", "qui", "ber", "nal",
             "os", "tri", "ve", "mab", "cor", "ly", "sta", "gen", "du", "pha", "rex", "mo", "li", "zan"]


def _coin(rng: random.Random, parts: int) -> str:
    """A made-up pronounceable word, so a long document has a long tail of rare terms."""
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _lexicon(rng: random.Random) -> dict[str, list[str]]:
    """The rare terms of one section: compounds, genes and places, as a real subtopic has."""
    return {
        "c": [_coin(rng, 3) + rng.choice(["mab", "nib", "stat", "ine", "zole"]) for _ in range(8)],
        "g": [_coin(rng, 2).upper() + str(rng.randint(1, 19)) for _ in range(6)],
        "site": [_coin(rng, 2).capitalize() + rng.choice(["ville", " County", "burg", " Province"]) for _ in range(4)],
        "h": [f"{_coin(rng, 2).capitalize()} {rng.choice(['General', 'University', 'Memorial'])} Hospital"
              for _ in range(3)],
    }


def _slots(rng: random.Random, lexicon: dict[str, list[str]]) -> dict[str, str]:
    lo = round(rng.uniform(0.5, 2.5), 1)
    return {
        "c": rng.choice(lexicon["c"]), "g": rng.choice(lexicon["g"]), "site": rng.choice(lexicon["site"]),
        "h": rng.choice(lexicon["h"]),
        "A": rng.choice(SURNAMES), "i": rng.choice(INTERVENTIONS), "o": rng.choice(OUTCOMES),
        "p": rng.choice(POPULATIONS), "hedge": rng.choice(HEDGES), "boost": rng.choice(BOOSTS),
        "v": rng.choice(VERBS), "n": str(rng.randint(20, 4000)), "pct": f"{rng.uniform(2, 60):.1f}",
        "pv": f"0.0{rng.randint(1, 4)}", "x": f"{rng.uniform(-12, -1):.1f}", "y": f"{rng.uniform(-3, 1):.1f}",
        "w": str(rng.randint(4, 52)), "k": str(rng.randint(1, 6)), "hr": f"{rng.uniform(0.4, 1.3):.2f}",
        "lo": f"{lo}", "hi": f"{lo + rng.uniform(0.3, 4.0):.1f}",
    }


_CHOICE = re.compile(r"\{([^{}|]*\|[^{}]*)\}")


def _render(template: str, slots: dict[str, str], variant: int = 0) -> str:
    pick = random.Random(variant)
    template = _CHOICE.sub(lambda m: pick.choice(m.group(1).split("|")), template)
    text = template.format(I=slots["i"][0].upper() + slots["i"][1:], C=slots["c"].capitalize(), **slots)
    return text[0].upper() + text[1:]


def _reference(rng: random.Random, k: int) -> str:
    authors = ", ".join(f"{rng.choice(SURNAMES)} {rng.choice('ABCDEFGHJKLMNPRSTW')}{rng.choice(['', 'J', 'K'])}"
                        for _ in range(rng.randint(1, 4)))
    year = rng.randint(1995, 2024)
    title = f"{_coin(rng, 3).capitalize()} and {rng.choice(OUTCOMES)} in {rng.choice(POPULATIONS)}"
    return (f"{k}. {authors}, et al. {title}. {rng.choice(JOURNALS)} {year};{rng.randint(1, 400)}:"
            f"{rng.randint(1, 900)}–{rng.randint(901, 999)}. "
            f"doi: 10.{rng.randint(1000, 9999)}/x{rng.randint(1, 99999)}.")


def _paragraph(sentences: list[str], wrap: bool) -> str:
    text = " ".join(sentences)
    return textwrap.fill(text, width=72) if wrap else text


def generate_document(n_bytes: int, seed: int, role: str) -> str:
    """A deterministic document of about ``n_bytes`` characters.

    Args:
        n_bytes: Target size of the source document (the derived one comes out similar).
        seed: Everything follows from it; the same seed gives the same pair.
        role: ``"source"`` or ``"derived"``.

    Returns:
        The document's text, with ``\\n`` line endings.
    """
    if role not in ("source", "derived"):
        raise ValueError(f"role must be 'source' or 'derived', not {role!r}")
    rng = random.Random(seed)
    source: list[str] = [f.format(n=rng.randint(2, 90)) for f in FURNITURE_TOP]
    derived: list[str] = list(source)
    title = f"Effects of {rng.choice(INTERVENTIONS)} on {rng.choice(OUTCOMES)}"
    source += [title.title(), f"{rng.choice(SURNAMES)} A, et al. {rng.choice(JOURNALS)} 2021;6(1):53.", "Abstract"]
    derived += [title.title(), f"By {rng.choice(SURNAMES)} Jones, MD", "Updated on Feb 8, 2023"]
    size = sum(len(x) + 2 for x in source)
    section = 0
    while size < n_bytes:
        section += 1
        heading = f"{section}. {rng.choice(['Results', 'Background', 'Methods', 'Outcomes', 'Safety'])} " \
                  f"for {rng.choice(POPULATIONS)}"
        source.append(heading)
        derived.append(heading.split(". ", 1)[1].title())
        lexicon = _lexicon(rng)
        for _ in range(rng.randint(2, 4)):
            facts = [_Fact(rng.randrange(len(SOURCE_TEMPLATES)), _slots(rng, lexicon), rng.getrandbits(32),
                           rng.random() > 0.15, rng.random() < 0.2) for _ in range(rng.randint(3, 6))]
            src = [_render(SOURCE_TEMPLATES[f.template], f.slots, f.variant) for f in facts]
            der: list[str] = []
            for f in facts:
                if not f.kept:
                    continue
                slots = dict(f.slots, pct=str(round(float(f.slots["pct"]) * 1.5))) if f.altered else f.slots
                der.append(_render(DERIVED_TEMPLATES[f.template], slots, f.variant + 1))
            if rng.random() < 0.3:
                der.append(_render(rng.choice(UNSUPPORTED), facts[0].slots))
            wrap = rng.random() < 0.4
            source.append(_paragraph(src, wrap))
            derived.append(_paragraph(der, False) if der else "")
            size += len(source[-1]) + 2
        if rng.random() < 0.25:
            items = [f"• {rng.choice(OUTCOMES)} in {rng.choice(POPULATIONS)}" for _ in range(rng.randint(3, 7))]
            source.append("\n".join(items))
            derived.append("\n".join(items[: max(1, len(items) - 1)]))
            size += len(source[-1]) + 2
    refs = [_reference(rng, k + 1) for k in range(max(3, n_bytes // 20_000))]
    source += ["References", *refs]
    derived += ["References:", *refs[: max(1, len(refs) // 3)]]
    source += ["PubMed Disclaimer", "Conflict of interest statement", "The authors declare no competing interests."]
    derived += [f.format(i=rng.choice(INTERVENTIONS)) for f in FURNITURE_BOTTOM]
    chosen = source if role == "source" else derived
    return "\n\n".join(part for part in chosen if part) + "\n"
