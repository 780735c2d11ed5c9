"""Presenter mode: stable aliases for employers and contacts, and the masks that apply them.

An advisor sharing a screen shows the shape of a search, never who it was with. Employer
names become "Company A", contacts "Contact 1"; salaries, links, contact details, notes,
feedback and what went wrong are blanked. Lessons and what went well stay (they are the
coaching), with any known name or contact detail in them replaced.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import yaml

from bounceback.config import DATA_DIR
from bounceback.domain import Application, Contact
from bounceback.reflections import Reflection

HIDDEN = "(hidden in presenter mode)"
DETAILS = "[contact details]"
WORDS_PATH = DATA_DIR / "presenter.yaml"

# The only ways to say "off" in the address; anything else there means on, so a guess such
# as ?presenter=true never shows a client what it was meant to hide.
SAID_OFF = frozenset({"0", "false", "no", "off"})


def asked_for(value: str | None) -> bool:
    """Whether the address asks for presenter mode: present and not plainly "off"."""
    return value is not None and value.strip().casefold() not in SAID_OFF


# A reflection's notes, blanked in presenter mode; what went well is scrubbed and kept.
REFLECTION_NOTES = ("went_wrong", "tricky_question", "feedback")

_WORD = re.compile(r"\w+")
# The most a name's words may be apart in a mention: "Harbour & Finch", "Zebulon  Labs".
_MAX_GAP = 3

Words = tuple[str, ...]


def _letters(number: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet column names, so aliases never run out."""
    name = ""
    number += 1
    while number:
        number, remainder = divmod(number - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name


def client_alias(position: int) -> str:
    """A client workspace's name on a shared screen: the first is "Client A", and so on."""
    return f"Client {_letters(position)}"


@functools.lru_cache(maxsize=8192)
def _fold_character(character: str) -> str:
    """One character as names are compared: NFKC, casefolded, no accents, no zero-widths."""
    if unicodedata.category(character) == "Cf":  # zero-width space, joiner, soft hyphen...
        return ""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", character).casefold())
    # Turkish dotless i (U+0131) is the i of "INCI" typed in capitals: one letter for matching.
    kept = "".join(part for part in folded if not unicodedata.combining(part))
    return kept.replace("\u0131", "i")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Text folded for matching, with where each folded character came from (None: same)."""
    if text.isascii():
        return text.lower(), None
    pieces: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        folded = _fold_character(character)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin


def words(text: object) -> Words:
    """The folded words of a name: "Siobhán  KEARNEY\u200b" -> ("siobhan", "kearney")."""
    return tuple(_WORD.findall(normalise(str(text))[0]))


def _fold(text: object) -> str:
    """The form all spellings of one name share."""
    return " ".join(words(text))


@functools.cache
def _vocabulary(path: Path = WORDS_PATH) -> tuple[frozenset[str], frozenset[str]]:
    """Legal suffixes and words too common to mask alone, from data/presenter.yaml."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    suffixes = frozenset(_fold(word) for word in document["legal_suffixes"])
    return suffixes, frozenset(_fold(word) for word in document["common_words"])


def _distinctive(parts: Words, shortest: int) -> list[Words]:
    """The single words of a name worth masking alone: not common, not a bare number."""
    _, common = _vocabulary()
    return [
        (part,)
        for part in parts
        if len(part) >= shortest and part not in common and not part.isdigit()
    ]


def _company_parts(name: Words) -> list[Words]:
    """An employer's name without its legal suffix, and its distinctive words."""
    suffixes, common = _vocabulary()
    core = list(name)
    while core and core[-1] in suffixes:
        core.pop()
    while core and core[0] == "the":
        core.pop(0)
    found = [tuple(core)] if core and (len(core) > 1 or core[0] not in common) else []
    return found + _distinctive(tuple(core), 3)


# Where a run of words ends in the tree of names: the alias it stands for.
_ALIAS = "\0"


@dataclass(frozen=True)
class Matcher:
    """Every known name, and each one's parts, found in one pass over a text.

    Built once per alias set as a tree of words: a text costs a few dictionary look-ups per
    word, however many names there are, instead of one regular expression per name.
    """

    tree: Mapping[str, object]

    @classmethod
    def of(cls, entries: Iterable[tuple[Words, str]]) -> Matcher:
        """The first alias given for a run of words wins."""
        tree: dict[str, object] = {}
        for key, alias in entries:
            if not key:
                continue
            node = tree
            for word in key:
                node = node.setdefault(word, {})  # type: ignore[assignment]
            node.setdefault(_ALIAS, alias)
        return cls(tree)

    def _at(self, found: Sequence[re.Match[str]], index: int) -> tuple[int, str] | None:
        """The longest known name starting at the index-th word, as (words, alias)."""
        node: Mapping[str, object] = self.tree
        best = None
        for end in range(index, len(found)):
            if end > index and found[end].start() - found[end - 1].end() > _MAX_GAP:
                break
            child = node.get(found[end].group())
            if not isinstance(child, Mapping):
                break
            node = child
            if _ALIAS in node:
                best = (end - index + 1, str(node[_ALIAS]))
        return best

    def replace(self, text: str) -> str:
        """The text with every known name, word-bounded and however spelt, replaced."""
        if not self.tree or not text:
            return text
        folded, origin = normalise(text)
        found = list(_WORD.finditer(folded))
        pieces: list[str] = []
        last = index = 0
        while index < len(found):
            match = self._at(found, index)
            if match is None:
                index += 1
                continue
            length, alias = match
            start, end = found[index].start(), found[index + length - 1].end()
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
                while end < len(text) and not _fold_character(text[end]):
                    end += 1  # a trailing accent or zero-width space goes with the name
            pieces += [text[last:start], alias]
            last, index = end, index + length
        pieces.append(text[last:])
        return "".join(pieces)


# A web address inside free text, as a reader would spot one.
_WEB_ADDRESS = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"']+")
# An address typed without http or www: a domain with a path ("linkedin.com/in/tom-b"), or
# one ending in a common top-level domain ("tombaker.co.uk"). Checked after e-mail addresses.
_BARE_ADDRESS = re.compile(
    r"(?i)\b(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>\"']*"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|co|uk|me|dev|app|info|biz|eu|ie|in|au|ca|us|nz"
    r"|za|ng|de|fr|nl|es|it|jobs)\b"
)
LINK_HIDDEN = "[link hidden]"


@dataclass(frozen=True)
class Aliases:
    """Who is who in presenter mode: real names (folded) to their stable aliases."""

    companies: Mapping[str, str]
    contacts: Mapping[str, str]
    matcher: Matcher = Matcher({})

    @classmethod
    def build(
        cls,
        companies: Iterable[str],
        contacts: Iterable[str] = (),
        details: Iterable[str] = (),
        clients: Iterable[str] = (),
    ) -> Aliases:
        """Aliases in order of first appearance, so "Company A" stays A as data grows.

        `clients` are an advisor's workspace names, oldest first: each reads as the sidebar
        names it ("Client A"), in any text, whole or by a distinctive part.
        """
        client_words = {
            key: client_alias(position)
            for position, key in enumerate(words(name) for name in clients)
            if key
        }
        company_aliases: dict[str, str] = {}
        company_words: dict[Words, str] = {}
        for name in companies:
            key = words(name)
            if key and " ".join(key) not in company_aliases:
                alias = f"Company {_letters(len(company_aliases))}"
                company_aliases[" ".join(key)] = alias
                company_words[key] = alias
        contact_aliases: dict[str, str] = {}
        contact_words: dict[Words, str] = {}
        for name in contacts:
            key = words(name)
            if key and " ".join(key) not in contact_aliases:
                alias = f"Contact {len(contact_aliases) + 1}"
                contact_aliases[" ".join(key)] = alias
                contact_words[key] = alias
        # Whole names first, so a part shared with another name never wins over a name.
        matcher = Matcher.of(
            [
                *company_words.items(),
                *contact_words.items(),
                *client_words.items(),
                *((words(detail), DETAILS) for detail in details),
                *(
                    (part, alias)
                    for key, alias in company_words.items()
                    for part in _company_parts(key)
                ),
                *(
                    (part, alias)
                    for key, alias in (*contact_words.items(), *client_words.items())
                    for part in _distinctive(key, 2)
                ),
            ]
        )
        return cls(company_aliases, contact_aliases, matcher)

    @classmethod
    def of(cls, frames: Mapping[str, pd.DataFrame], clients: Iterable[str] = ()) -> Aliases:
        """The aliases for one owner's data, ordered by when each employer was first added."""
        applications = frames["applications"]
        companies = applications.sort_values("id")["company"].tolist() if len(applications) else []
        contacts = frames["contacts"]
        if len(contacts):
            ordered = contacts.sort_values("id")
            names = ordered["name"].tolist()
            details = [*ordered["email"].tolist(), *ordered["phone"].tolist()]
        else:
            names, details = [], []
        return cls.build(companies, names, details, clients)

    def company(self, name: str) -> str:
        """The alias of one employer; an unknown one still never shows its name."""
        return self.companies.get(_fold(name), "Another company")

    def contact(self, name: str) -> str:
        """The alias of one contact, or nothing for a contact with no name."""
        return self.contacts.get(_fold(name), "A contact") if _fold(name) else ""

    def scrub(self, text: str) -> str:
        """Free text with every known employer, contact and contact detail replaced, and any
        web or e-mail address and phone number hidden: a link can name a person (a profile)
        as plainly as a name. Addresses go first, so no name is half-replaced inside one."""
        text = _EMAIL.sub(DETAILS, _WEB_ADDRESS.sub(LINK_HIDDEN, text))
        return self.matcher.replace(_hide_phones(_BARE_ADDRESS.sub(LINK_HIDDEN, text)))


def mask_frames(frames: Mapping[str, pd.DataFrame], aliases: Aliases) -> dict[str, pd.DataFrame]:
    """Every frame as presenter mode shows it: aliases in, identifying details out."""
    masked = {name: frame.copy() for name, frame in frames.items()}
    applications = masked["applications"]
    applications["company"] = applications["company"].map(aliases.company)
    for column in ("role", "location"):  # "Engineer, Zebulon payments" names its employer
        applications[column] = applications[column].map(aliases.scrub)
    applications["link"] = ""
    applications["notes"] = ""
    if "job_description" in applications:
        applications["job_description"] = ""
    applications["salary_min"] = pd.NA
    applications["salary_max"] = pd.NA
    contacts = masked["contacts"]
    contacts["name"] = contacts["name"].map(aliases.contact)
    contacts["role"] = contacts["role"].map(aliases.scrub)
    contacts["email"] = ""
    contacts["phone"] = ""
    for name in ("events", "follow_ups"):
        masked[name]["note"] = ""
    if "scheduled_interviews" in masked:  # where and with whom identify the employer
        masked["scheduled_interviews"]["place"] = ""
        masked["scheduled_interviews"]["panel"] = "[]"
    reflections = masked["reflections"]
    for column in REFLECTION_NOTES:
        reflections[column] = ""
    reflections["went_well"] = reflections["went_well"].map(aliases.scrub)
    if "lessons" in masked:
        masked["lessons"]["text"] = masked["lessons"]["text"].map(aliases.scrub)
    return masked


def mask_contact(contact: Contact, aliases: Aliases) -> Contact:
    """A contact known only by alias and role."""
    return Contact(name=aliases.contact(contact.name), role=aliases.scrub(contact.role))


def mask_application(application: Application, aliases: Aliases) -> Application:
    """One application as presenter mode shows it, for cards, details and forms."""
    draft = application.draft
    return replace(
        application,
        draft=replace(
            draft,
            company=aliases.company(draft.company),
            role=aliases.scrub(draft.role),
            location=aliases.scrub(draft.location),
            link="",
            salary_min=None,
            salary_max=None,
            notes="",
            job_description="",
            contacts=tuple(mask_contact(contact, aliases) for contact in draft.contacts),
        ),
        events=tuple(replace(event, note="") for event in application.events),
        follow_ups=tuple(replace(item, note="") for item in application.follow_ups),
        reflections=tuple(
            _mask_reflection(reflection, aliases) for reflection in application.reflections
        ),
    )


def _mask_reflection(reflection: Reflection, aliases: Aliases) -> Reflection:
    """A reflection with its notes blanked and known names scrubbed from the rest."""
    return replace(
        reflection,
        went_well=aliases.scrub(reflection.went_well),
        lessons=tuple(
            replace(lesson, text=aliases.scrub(lesson.text)) for lesson in reflection.lessons
        ),
        **{column: "" for column in REFLECTION_NOTES},
    )


NAME_HIDDEN = "[name hidden]"
AMOUNT_HIDDEN = "[amount hidden]"
_EMAIL = re.compile(r"[\w.+%'-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits and the separators phone numbers are written with; 7 digits make it one.
_DIGIT_RUN = re.compile(r"(?<![\w+])\+?\(?\d[\d ().\-/]{5,}\d(?!\w)")
_PHONE_DIGITS = 7
# Money as people write it: a currency sign or code, "45k", "40 grand", "30,000", "45000".
_AMOUNT = re.compile(
    r"(?i)(?:[£$€¥₹]|\b(?:gbp|usd|eur|aud|cad|chf|inr|nzd)\s?)\s?\d[\d,.]*(?:\s?(?:k|m|bn)\b)?"
    r"|\b\d[\d,.]*\s?(?:k|grand|pounds|quid|dollars|euros)\b"
    r"|\b\d{1,3}(?:,\d{3})+\b|\b\d{5,}\b"
)
# What an alias or a hidden detail reads as once put in: never taken for a name itself.
_PLACED = re.compile(
    r"Company [A-Z]+\b|Contact \d+\b|Client [A-Z]+\b|Another company|A contact"
    r"|\[(?:contact details|link hidden|name hidden|amount hidden)\]"
)
# A word, apostrophes inside it kept ("Sarah's", "didn't").
_QUOTE_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# What comes after a word when the word is a person: "Sam said", "Jo from HR", "Kim's team".
_NAME_CUES = frozenset(
    [
        "said",
        "says",
        "told",
        "tells",
        "mentioned",
        "explained",
        "felt",
        "feels",
        "thought",
        "asked",
        "added",
        "wrote",
        "noted",
        "emailed",
        "rang",
        "called",
        "replied",
        "confirmed",
        "suggested",
        "from",
        "at",
    ]
)
# Titles after which the next word is a name, whatever its case.
_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"])
_MONTH_NAMES = frozenset(["april", "may", "june", "august"])
# Words before a month that make it a date: "until April", "in May", "from June".
_DATE_WORDS = frozenset(
    {"in", "until", "till", "since", "by", "from", "of", "before", "after", "early", "late"}
    | {"mid", "next", "last", "this", "end", "start", "beginning", "during"}
)
_SENTENCE_END = frozenset('.!?;:"\u201c\u201d(\u2022\n\r-\u2013\u2014')


@functools.cache
def _quote_words(path: Path = WORDS_PATH) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Names that are also words, words fine with a capital, and sentence openers."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(  # type: ignore[return-value]
        frozenset(_fold(word) for word in document[name])
        for name in ("word_names", "plain_capitals", "sentence_openers")
    )


@functools.cache
def _after_speech(path: Path = WORDS_PATH) -> frozenset[str]:
    """Small words that follow "said", "told" or "from" without naming anyone."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(_fold(word) for word in document["after_speech"])


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether a word starts its sentence: nothing before it but a sentence's end and spaces."""
    before = text[:start].rstrip(" \t'\u2018")
    return not before or before[-1] in _SENTENCE_END


def _plain_word(word: str, known: frozenset[str]) -> bool:
    """Whether a word is a common one, allowing for its ending: "Walked", "Candidates"."""
    if word in known:
        return True
    for ending in ("s", "es", "ed", "d", "ing", "ly", "er"):
        if word.endswith(ending) and word[: -len(ending)] in known:
            return True
    return False


# Speech after a word makes it a person however it is written: "tom said", "jo rang".
_SPOKE = frozenset(
    {"said", "says", "told", "tells", "mentioned", "explained", "emailed", "rang", "called"}
    | {"phoned", "wrote", "replied", "texted", "messaged", "confirmed", "thinks", "thought"}
    | {"asked", "asks", "added", "noted", "suggested", "commented", "answered", "advised"}
)
# Reaching someone names them next, however small it is written: "ask john", "ring priya".
_REACHED = frozenset(
    {"ask", "asked", "email", "emailed", "call", "called", "ring", "rang", "phone", "phoned"}
    | {"text", "texted", "message", "messaged", "contact", "contacted", "thank", "thanked"}
    | {"meet", "met", "cc"}
)
# Words after which a small unknown word names someone: "said jo.", "told jo", "from jo:".
_QUOTED = _SPOKE | {"from"}
# "tom at Company B", "jo from Client A": a word right before an employer placed as an alias.
_AT_ALIAS = re.compile(r"\s+(?:at|from|of)\s+(?:Company [A-Z]+|Client [A-Z]+|Another company)\b")


def _known(vocabulary: frozenset[str]) -> frozenset[str]:
    """Every word the lists call plainly not a name, with the caller's own vocabulary."""
    _, plain, openers = _quote_words()
    return vocabulary | openers | _vocabulary()[1] | plain


def _lowercase_name(
    text: str, token: re.Match[str], bare: str, after: str, known: frozenset[str]
) -> bool:
    """Whether a word with no capital is a name written small: an unknown word that speaks
    ("tom said") or stands right before an employer ("tom at Company B")."""
    if _plain_word(bare, known):
        return False
    return after in _SPOKE or bool(_AT_ALIAS.match(text, token.end()))


def _may_be_name(
    text: str, token: re.Match[str], before: str, after: str, vocabulary: frozenset[str]
) -> bool:
    """Whether one word of a quote may be a name (see _hide_names), given its neighbours."""
    word_names, plain, openers = _quote_words()
    common = _vocabulary()[1]
    word = token.group()
    bare = _fold(re.split("['\u2019]", word)[0])  # "I'm" is "I", "Sam's" is "Sam"
    if not any(character.isupper() for character in word):
        return _lowercase_name(text, token, bare, after, vocabulary | openers | common | plain)
    if not bare:
        return True
    if len(word) == 1 and not text.startswith(".", token.end()):
        return False  # a letter, not an initial: "A/B testing", "Plan B"
    if bare in word_names:
        dated = before in _DATE_WORDS or bool(re.match(r"\s*\d", text[token.end() :]))
        return not (bare in _MONTH_NAMES and dated)
    if bare in plain or bare in common or re.search("n['\u2019]t$", word.casefold()):
        return False
    known = vocabulary | openers | common
    if word.isupper() and len(bare) > 1 and _plain_word(bare, known):
        return False  # capitals for emphasis: "AND", "NOT"
    if not (_at_sentence_start(text, token.start()) and _plain_word(bare, known)):
        return True
    # A common word starting its sentence, but for "Sandy said": a word the lists call
    # plain ("Recruiter said") is a role, not a name.
    return after in _NAME_CUES and bare not in openers


def _hide_names(text: str, vocabulary: frozenset[str]) -> str:
    """Every word that may be a person's or a firm's name nobody recorded, hidden.

    A word with a capital is hidden unless it is plainly not a name: a day, a month, a tool,
    a language or a job title's word; a common word ("She", "We", the words of employers'
    names such as "Trust"); a word in capitals for emphasis ("AND"); or a common word
    starting its sentence with no "said" or "from" after it. A given name that is also a
    word ("Mark", "Grace") is hidden however it stands, but for a month read as a date
    ("until April"). Hidden words next to each other become one "[name hidden]".
    """
    placed = [(found.start(), found.end()) for found in _PLACED.finditer(text)]
    tokens = [
        found
        for found in _QUOTE_WORD.finditer(text)
        if not any(start <= found.start() < end for start, end in placed)
    ]
    hidden: list[tuple[int, int]] = []
    reached = -2  # the place of the last name hidden for following "ask", "ring" and so on
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index else None
        after = tokens[index + 1].group().casefold() if index + 1 < len(tokens) else ""
        titled = before is not None and before.group().casefold() in _TITLES
        previous = before.group().casefold() if before is not None else ""
        gap = text[before.end() : token.start()] if before is not None else ""
        if titled and not gap.strip(". "):
            hide = True
        elif token.group().islower() and (
            previous in _REACHED
            or (previous in _QUOTED and not gap.strip())
            or (gap == " " and reached == index - 1 and after not in _SPOKE)
        ):
            # "ask john smith", "said jo.": who is reached or quoted, and the surname after.
            known = _known(vocabulary) | (_after_speech() if previous in _QUOTED else frozenset())
            hide = not _plain_word(_fold(token.group()), known)
            reached = index if hide and previous in _REACHED | _QUOTED else reached
        else:
            hide = _may_be_name(text, token, previous, after, vocabulary)
        if hide:
            hidden.append((token.start(), token.end()))
    pieces: list[str] = []
    last = 0
    for start, end in hidden:
        joined = pieces and pieces[-1] == NAME_HIDDEN and not text[last:start].strip(" &-.")
        if joined:
            last = end
            continue
        pieces += [text[last:start], NAME_HIDDEN]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _hidden_link(found: re.Match[str]) -> str:
    """A web address hidden, the full stop or bracket that ends its sentence kept."""
    address = found.group()
    kept = address.rstrip(".,;:!?)]'\u2019\u201d")
    return LINK_HIDDEN + address[len(kept) :]


def _hide_phones(text: str) -> str:
    """Runs of digits long enough to be a phone number, hidden as contact details."""
    return _DIGIT_RUN.sub(
        lambda found: (
            DETAILS if sum(c.isdigit() for c in found.group()) >= _PHONE_DIGITS else found.group()
        ),
        text,
    )


def scrub_quote(text: str, aliases: Aliases, vocabulary: frozenset[str] = frozenset()) -> str:
    """Someone's words as presenter mode may quote them: nothing in them that names anyone.

    Web and e-mail addresses, phone numbers and sums of money go first; then every known
    employer, contact and client becomes its alias; then any other word that may be a name
    (see _hide_names; `vocabulary` is the lowercase words that are plainly not names at the
    start of a sentence, such as the themes' own words). When in doubt, a word is hidden.
    """
    text = _WEB_ADDRESS.sub(_hidden_link, str(text))
    text = _EMAIL.sub(DETAILS, text)
    text = _BARE_ADDRESS.sub(_hidden_link, text)
    text = _hide_phones(text)
    text = _AMOUNT.sub(AMOUNT_HIDDEN, text)
    text = aliases.matcher.replace(text)
    return _hide_names(text, vocabulary)


def hide_names_in(
    frame: pd.DataFrame, column: str, aliases: Aliases, vocabulary: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """A shown list's free text as presenter mode may quote it (see scrub_quote): lessons and
    plus points name people nobody recorded ("a good chat with Marcus Lee"). Half a
    millisecond a text, so it is for what a page shows, not for every row."""
    return frame.assign(
        **{column: [scrub_quote(text, aliases, vocabulary) for text in frame[column]]}
    )


def mask_snippets(
    snippets: pd.DataFrame,
    aliases: Aliases,
    vocabulary: frozenset[str] = frozenset(),
    explained: Callable[[str], Sequence[object]] | None = None,
) -> pd.DataFrame:
    """Feedback snippets as presenter mode quotes them: words scrubbed, employer aliased.

    The themes are kept (they come from the real words). The trigger words that highlight
    each theme are found again in the scrubbed words by `explained`, so no highlight points
    into text that is no longer there; without it, nothing is highlighted.
    """
    masked = snippets.copy()
    masked["text"] = [scrub_quote(text, aliases, vocabulary) for text in masked["text"]]
    masked["triggers"] = [explained(text) if explained else [] for text in masked["text"]]
    masked["company"] = masked["company"].map(aliases.company)
    return masked
