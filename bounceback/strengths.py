"""Match the user's strengths to a pasted job description, to see how closely they align."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from bounceback.config import DATA_DIR
from bounceback.domain import BouncebackError

DEFAULT_VOCABULARY_PATH = DATA_DIR / "skills.yaml"
# A long advert is 10,000 to 20,000 characters; past this it is not one job description, and a
# public demo must not be made to read a book on every rerun.
MAX_DESCRIPTION_CHARS = 30_000

# A text reduced to the stems of its meaningful words, in order.
Phrase = tuple[str, ...]


class VocabularyError(BouncebackError):
    """The skills file cannot be used; the message names the file, and the line where known."""


class DescriptionTooLong(BouncebackError):
    """The pasted text is longer than any job description; the message says how to trim it."""


@dataclass(frozen=True)
class Skill:
    """A skill employers ask for: one readable label, and the other ways ads say it."""

    label: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """The known skills, indexed by normalised phrase so a description is read in one pass."""

    skills: tuple[Skill, ...]
    index: Mapping[Phrase, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", _index(self.skills))


@dataclass(frozen=True)
class JobMatch:
    """How the user's strengths line up with one job description.

    An *ask* is a distinct vocabulary skill found in the description, or one of the user's own
    strengths the vocabulary lacks, found as a phrase where no vocabulary skill was found.
    `score` is (asks the user's strengths cover) / (asks), from 0 to 1; several strengths that
    cover the same ask count it once. A description with no recognised asks scores 0.0, and then
    `matched` and `missing` are both empty.
    """

    matched: tuple[str, ...]
    unmatched: tuple[str, ...]
    missing: tuple[str, ...]
    score: float
    evidence: dict[str, str]


def from_lines(text: str) -> tuple[str, ...]:
    """The strengths typed one per line: blank lines dropped, each kept once, in order."""
    return tuple(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The known skills; the shipped file is read once per process because every match uses it."""
    return _shipped_vocabulary() if path is None else _read_vocabulary(path)


def match_job(
    strengths: Sequence[str], job_description: str, vocabulary: Vocabulary | None = None
) -> JobMatch:
    """Show which strengths a job asks for and what it asks for beyond them, so gaps are plain."""
    if len(job_description) > MAX_DESCRIPTION_CHARS:
        raise DescriptionTooLong(
            f"That is {len(job_description):,} characters; a job description is read up to "
            f"{MAX_DESCRIPTION_CHARS:,} (a long advert is about 15,000). Paste the part about "
            "the role and what it asks for."
        )
    vocabulary = load_vocabulary() if vocabulary is None else vocabulary
    readings = _read_strengths(strengths, vocabulary)
    segments = _segments(job_description, strict=True)
    skill_hits = _outermost(_find(segments, vocabulary.index))
    own_hits = _find(segments, {reading.own: reading.words for reading in readings if reading.own})
    found = _by_key(skill_hits + own_hits)
    taken = {position for hit in skill_hits for position in hit.positions()}
    asks = _by_key(skill_hits + [hit for hit in own_hits if taken.isdisjoint(hit.positions())])
    covered = frozenset().union(*(reading.claims for reading in readings))
    matched = [reading for reading in readings if reading.claims & found.keys()]
    return JobMatch(
        matched=tuple(reading.words for reading in matched),
        unmatched=tuple(reading.words for reading in readings if reading not in matched),
        missing=_missing(asks, covered),
        score=len(asks.keys() & covered) / len(asks) if asks else 0.0,
        evidence={
            reading.words: _evidence(job_description, found, reading.claims) for reading in matched
        },
    )


# --- Reading the skills file ----------------------------------------------------------------


@functools.cache
def _shipped_vocabulary() -> Vocabulary:
    """Cache only the shipped file: a file the caller names may change between calls."""
    return _read_vocabulary(DEFAULT_VOCABULARY_PATH)


def _read_vocabulary(path: Path) -> Vocabulary:
    """Parse and check a skills file, naming the file (and line) in any error so it can be fixed."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise VocabularyError(f"{path}: cannot be read ({error})") from error
    except yaml.YAMLError as error:
        raise VocabularyError(f"{path}{_line(error)}: not valid YAML: {_problem(error)}") from error
    try:
        return Vocabulary(_skills(document))
    except VocabularyError as error:
        raise VocabularyError(f"{path}: {error}") from error


def _line(error: yaml.YAMLError) -> str:
    """Where the parser gave up, as people count lines (from 1)."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return f", line {mark.line + 1}" if mark else ""


def _problem(error: yaml.YAMLError) -> str:
    """The parser's own words, with where the broken part began, which is often the real fault."""
    problem = str(getattr(error, "problem", None) or error)
    context, mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    return (
        f"{problem} ({context} that starts on line {mark.line + 1})"
        if context and mark
        else problem
    )


def _skills(document: object) -> tuple[Skill, ...]:
    """Turn the parsed file into skills, refusing any shape the matcher cannot rely on."""
    if not isinstance(document, list):
        raise VocabularyError("expected a list of skills, each with a label and synonyms")
    return tuple(_skill(entry, number) for number, entry in enumerate(document, start=1))


def _skill(entry: object, number: int) -> Skill:
    """One entry, checked: a typo in a key would otherwise silently drop a skill's synonyms."""
    if not isinstance(entry, dict) or set(entry) - {"label", "synonyms"}:
        raise VocabularyError(f"skill {number}: expected only 'label' and 'synonyms', got {entry}")
    label, synonyms = entry.get("label"), entry.get("synonyms") or []
    if not isinstance(label, str) or not label.strip():
        raise VocabularyError(f"skill {number}: 'label' must be some text, got {label!r}")
    if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
        raise VocabularyError(f"skill {number} ({label}): 'synonyms' must be a list of text")
    return Skill(label.strip(), tuple(synonym.strip() for synonym in synonyms))


def _index(skills: tuple[Skill, ...]) -> dict[Phrase, str]:
    """Map every way of saying a skill to its label, refusing phrases that say nothing or two."""
    index: dict[Phrase, str] = {}
    for skill in skills:
        for variant in (skill.label, *skill.synonyms):
            phrase = _phrase(variant)
            if not phrase:
                raise VocabularyError(f"{skill.label}: {variant!r} has no words to look for")
            owner = index.setdefault(phrase, skill.label)
            if owner != skill.label:
                raise VocabularyError(f"{variant!r} is listed under both {owner} and {skill.label}")
    return index


# --- Normalising text -----------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?<![\w.])\.net\b"  # .NET, which would otherwise read as the word "net"
    r"|&"  # read as "and", so "Health & Safety" is "health and safety"
    r"|\b[^\W\d_]-[^\W_](?:[^\W_]|\.(?=[^\W_]))*[+#]*"  # e-commerce, T-SQL: a lone letter joins on
    r"|[^\W_](?:[^\W_]|\.(?=[^\W_]))*[+#]*",  # words, keeping inner dots (node.js) and C++, C#
    re.IGNORECASE,
)
# Punctuation that ends a clause: a phrase never spans one ("data. Analysis" is not data analysis).
_BREAK = re.compile(r"[.!?;:,()\[\]{}|•·▪*\u2013\u2014\n\r\t]|\s-|-\s")
# fmt: off
_STOP_WORDS = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "into",
    "onto", "per", "via", "within", "without", "is", "are", "be", "been", "being", "was", "were",
    "will", "would", "can", "could", "should", "must", "may", "might", "shall", "do", "does",
    "did", "have", "has", "had", "you", "your", "yours", "we", "our", "ours", "us", "they",
    "their", "them", "he", "she", "his", "her", "i", "me", "my", "it", "its", "this", "that",
    "these", "those", "who", "whom", "which", "what", "where", "when", "how", "why", "all", "any",
    "some", "such", "very", "also", "etc", "eg", "e.g", "ie", "i.e", "if", "so", "than", "then",
    "there", "here", "not", "just", "both", "each", "other",
    "s", "t", "d", "ll", "m", "re", "ve",  # what is left of "company's", "don't", "you'll"
})
# fmt: on
# A lower-case word right after these is a verb: "you will excel", not Microsoft Excel.
_BEFORE_A_VERB = re.compile(r"(?:\b(?:to|will|can|could|you)|['\u2019]ll)\s+$", re.IGNORECASE)
# Written in capitals, these are not the stop words they look like.
_CAPITALISED = {"IT": "i.t"}
# Gerunds naming a field of their own, kept whole so "marketing" never matches "market-leading".
_WHOLE_WORDS = frozenset({"accounting", "banking", "marketing", "networking", "programming"})
_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[a-z]{3})iz(?=e|ing|ation)"), "is"),  # organize -> organise
    (re.compile(r"(?<=[a-z]{2})yz(?=e|ing)"), "ys"),  # analyze -> analyse
    (re.compile(r"^(behavi|col|endeav|fav|flav|harb|hon|hum|lab|neighb|rum|vap)or"), r"\1our"),
    (re.compile(r"^(cent|fib|lit|met|theat)er(?=$|ed$|ing$)"), r"\1re"),  # center -> centre
    (re.compile(r"(?<=[a-z])ae(?=[a-z])"), "e"),  # paediatric -> pediatric
    (re.compile(r"^enquir"), "inquir"),
    (re.compile(r"^practis(?=e|ing)"), "practic"),
    (re.compile(r"ll"), "l"),  # travelling -> traveling, fulfill -> fulfil
)
_SPELLING_WORDS = {
    "analogue": "analog",
    "catalogue": "catalog",
    "defence": "defense",
    "dialogue": "dialog",
    "judgement": "judgment",
    "licence": "license",
    "licenced": "licensed",
    "licencing": "licensing",
    "offence": "offense",
    "programme": "program",
}
# (suffix, shortest stem it may leave): the first that fits is removed, so order matters.
_SUFFIXES = (
    ("ation", 4),
    ("ating", 4),
    ("ated", 4),
    ("ate", 4),
    ("ment", 5),
    ("ion", 4),
    ("ing", 4),
    ("ed", 4),
)


@dataclass(frozen=True)
class _Token:
    """One meaningful word of a text: its stem, where it is, and its place among all words."""

    stem: str
    start: int
    end: int
    position: int


def _phrase(text: str) -> Phrase:
    """The stems of a strength or skill name, compared whole against runs of the description."""
    return _stems(_segments(text, strict=False))


def _stems(segments: list[list[_Token]]) -> Phrase:
    """All the stems of a text, clause breaks dropped, since a name is one phrase."""
    return tuple(token.stem for segment in segments for token in segment)


def _segments(text: str, *, strict: bool) -> list[list[_Token]]:
    """Split text into clauses of stemmed words; strict (for ads) drops letters that stray."""
    segments: list[list[_Token]] = [[]]
    end = 0
    for position, match in enumerate(_TOKEN.finditer(text)):
        if _BREAK.search(text, end, match.start()):
            segments.append([])
        end = match.end()
        stem = "" if strict and _only_looks_like_a_skill(match, text) else _stem_of(match.group())
        if stem:
            segments[-1].append(_Token(stem, match.start(), match.end(), position))
    return [segment for segment in segments if segment]


def _only_looks_like_a_skill(match: re.Match[str], text: str) -> bool:
    """Whether a word of an ad is a stray letter or the verb "excel", not the skill it spells."""
    if match.group() == "excel":
        return bool(_BEFORE_A_VERB.search(text, max(match.start() - 8, 0), match.start()))
    return _is_stray_letter(match, text)


def _is_stray_letter(match: re.Match[str], text: str) -> bool:
    """A lone letter in an ad is a skill (R in "R or Python") only as a capital standing alone."""
    letter = match.group()
    if len(letter) != 1 or not letter.isalpha():
        return False
    neighbours = (
        text[max(match.start() - 1, 0) : match.start()] + text[match.end() : match.end() + 1]
    )
    return letter.islower() or any(mark in neighbours for mark in "&'\u2019-")


def _stem_of(word: str) -> str:
    """The stem of one matched word, or "" for words that carry no skill (stop words)."""
    folded = _CAPITALISED.get(word) or _fold(word)
    return "" if folded in _STOP_WORDS else _stem(folded)


def _fold(word: str) -> str:
    """Lower-case and unaccented, with "&" as "and", ".net" as "dotnet" and "e-commerce" joined."""
    if word == "&":
        return "and"
    ascii_word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    return re.sub(r"^\.", "dot", ascii_word).replace("-", "")


@functools.lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    """Reduce a word so its plurals, inflections and spellings meet (stems need not be words)."""
    if not word.isalpha():
        return word
    word = _one_spelling(_singular(word))
    if word in _WHOLE_WORDS:
        return word
    word = _without_suffix(word)
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeious":
        word = word[:-1]
    return word


def _singular(word: str) -> str:
    """Drop a plural ending, leaving short words (AWS, iOS) and -ss/-us/-is words alone."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _one_spelling(word: str) -> str:
    """Rewrite a word to a single spelling so British and American ads read alike."""
    word = _SPELLING_WORDS.get(word, word)
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


def _without_suffix(word: str) -> str:
    """Remove the first inflectional suffix that leaves a long enough stem."""
    for suffix, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            return word[: -len(suffix)]
    return word


# --- Matching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    """One place a known phrase occurs in the description, under the ask it stands for."""

    key: str
    first: _Token
    last: _Token

    def positions(self) -> range:
        """The places of its words among all words: hits sharing one are one ask, not two."""
        return range(self.first.position, self.last.position + 1)


@dataclass(frozen=True)
class _Strength:
    """A strength as read: the asks it claims, and its own phrase if the vocabulary lacks it."""

    words: str
    phrase: Phrase
    own: Phrase
    claims: frozenset[str]


def _read_strengths(strengths: Sequence[str], vocabulary: Vocabulary) -> list[_Strength]:
    """Read each strength once, skipping blanks and repeats such as "Excel" after "excel"."""
    readings: dict[Phrase, _Strength] = {}
    for words in (strength.strip() for strength in strengths):
        if words:
            reading = _read_strength(words, vocabulary)
            readings.setdefault(reading.phrase or (words.casefold(),), reading)
    return list(readings.values())


def _read_strength(words: str, vocabulary: Vocabulary) -> _Strength:
    """Claim every known skill named in it ("advanced Excel" claims Excel), and its own phrase."""
    segments = _segments(words, strict=False)
    phrase = _stems(segments)
    skills = {hit.key for hit in _outermost(_find(segments, vocabulary.index))}
    searchable = phrase not in vocabulary.index and len("".join(phrase)) > 1
    own = phrase if searchable else ()  # a lone letter (C) is too ambiguous to search for
    return _Strength(words, phrase, own, frozenset(skills | ({words} if own else set())))


def _find(segments: list[list[_Token]], patterns: Mapping[Phrase, str]) -> list[_Hit]:
    """Every occurrence of every pattern, each within one clause of the text."""
    by_first: dict[str, list[Phrase]] = {}
    for pattern in patterns:
        by_first.setdefault(pattern[0], []).append(pattern)
    return [
        _Hit(patterns[pattern], segment[i], segment[i + len(pattern) - 1])
        for segment in segments
        for i, token in enumerate(segment)
        for pattern in by_first.get(token.stem, ())
        if tuple(t.stem for t in segment[i : i + len(pattern)]) == pattern
    ]


def _outermost(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longest phrases, so "Google Analytics" is not also counted as "analytics".

    A hit is inside another when one starts earlier and ends no sooner, or starts with it and
    ends later; one sweep in order of start finds both, so a long text costs no more per word.
    """
    ordered = sorted(hits, key=lambda hit: hit.first.position)
    longest_from: dict[int, int] = {}
    for hit in ordered:
        start, end = hit.first.position, hit.last.position
        longest_from[start] = max(longest_from.get(start, end), end)
    kept: list[_Hit] = []
    reach = -1  # the furthest end of any hit that starts before the current start
    previous_start = None
    for hit in ordered:
        start, end = hit.first.position, hit.last.position
        if previous_start is not None and start != previous_start:
            reach = max(reach, longest_from[previous_start])
        previous_start = start
        if reach < end and longest_from[start] == end:
            kept.append(hit)
    return kept


def _by_key(hits: list[_Hit]) -> dict[str, list[_Hit]]:
    """Group hits by ask, asks and hits in the order the description mentions them."""
    grouped: dict[str, list[_Hit]] = {}
    for hit in sorted(hits, key=lambda hit: hit.first.position):
        grouped.setdefault(hit.key, []).append(hit)
    return grouped


def _missing(asks: dict[str, list[_Hit]], covered: frozenset[str]) -> tuple[str, ...]:
    """The uncovered asks, most prominent first: most often mentioned, then earliest."""
    gaps = [key for key in asks if key not in covered]
    return tuple(sorted(gaps, key=lambda key: (-len(asks[key]), asks[key][0].first.position)))


def _evidence(description: str, found: dict[str, list[_Hit]], claims: frozenset[str]) -> str:
    """The description's own words for the earliest thing a strength matched, to show why."""
    hit = min((found[key][0] for key in claims if key in found), key=lambda h: h.first.position)
    return description[hit.first.start : hit.last.end]


def kept_adverts(applications: pd.DataFrame, limit: int = 200) -> dict[int, str]:
    """Applications that kept their job advert, most recent first, labelled for a picker."""
    if "job_description" not in applications or applications.empty:
        return {}
    kept = applications[applications["job_description"].str.strip() != ""]
    kept = kept.sort_values(["applied_on", "id"], ascending=False).head(limit)
    return {
        int(row.id): f"{row.company} · {row.role} ({row.applied_on:%d %b %Y})"
        for row in kept.itertuples()
    }
