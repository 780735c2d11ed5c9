"""Read a pasted job advert for what a new application can start from, each with its own words.

Pure Python, no network: the user confirms what was found before anything is saved. Every
pattern here is linear (no repeat inside a repeat can match the same text two ways), and
long pastes are cut first, so a hostile paste costs a pass, not a hang.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from bounceback.config import CURRENCIES as CURRENCY_CODES
from bounceback.importers import DOLLARS, MONTH_FIRST_COUNTRIES
from bounceback.sheet_dates import parse_date
from bounceback.strengths import MAX_DESCRIPTION_CHARS
from bounceback.validation import MAX_SALARY, SHORT_TEXT


class SalaryPeriod(StrEnum):
    """What a salary is paid per, as the advert says it."""

    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class AdvertReading:
    """What a pasted advert says, where it says it, and what could not be read.

    `found_from` maps "company", "role", "location", "salary" and "closing_on" to the advert's
    own words each was read from; `description` is the advert as text, to keep as the job
    description (at most MAX_DESCRIPTION_CHARS).
    """

    description: str
    company: str = ""
    role: str = ""
    location: str = ""
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    currency: str = ""
    salary_period: SalaryPeriod | None = None
    closing_on: date | None = None
    found_from: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    notes: tuple[str, ...] = ()


# Past this the paste is not one advert; it is cut before any cleaning so cleaning stays cheap.
_MAX_READ = 10 * MAX_DESCRIPTION_CHARS
# Only the top of an advert names its title and company.
_HEAD_LINES = 15
# The longest line quoted back as "found from".
_QUOTE = SHORT_TEXT

# --- Cleaning -------------------------------------------------------------------------------

# Characters no database stores (NUL, half a UTF-16 pair) or that steer how text displays
# (direction overrides, zero-width spaces, byte-order marks); tabs and newlines stay.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff]"
)
_SPACES = re.compile("[\u00a0\u2007\u2009\u202f\u3000]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,10})\b[^<>]{0,2000}>|<![^<>]{0,2000}>")
_BLOCK_TAGS = frozenset(
    {"p", "br", "div", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer"}
    | {f"h{n}" for n in range(1, 7)}
)
_LOOKS_HTML = re.compile(
    r"</(?:p|div|li|ul|span|b|strong|em|h[1-6]|td|a)>|<br\s?/?>", re.IGNORECASE
)
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")


def _untag(match: re.Match[str]) -> str:
    """A block tag becomes a line break; any other tag goes."""
    return "\n" if (match[2] or "").lower() in _BLOCK_TAGS else ""


def _clean(text: str) -> tuple[str, list[str]]:
    """The advert as plain, storable text, with notes on what was changed."""
    notes = []
    text = _LINE_BREAKS.sub("\n", text)
    if _LOOKS_HTML.search(text):
        text = html.unescape(_HTML_TAG.sub(_untag, text))
        text = _BLANK_RUN.sub("\n\n", text)
        notes.append("The advert was pasted as web page code; it is kept as plain text.")
    kept = _SPACES.sub(" ", _HIDDEN.sub("", text))
    if removed := len(text) - len(kept):
        count = "1 hidden character was" if removed == 1 else f"{removed:,} hidden characters were"
        notes.append(
            f"{count} taken out (NUL bytes, direction marks and the like can't be stored)."
        )
    return kept.strip(), notes


def _cut(text: str, pasted: int) -> tuple[str, str | None]:
    """The text up to the job description's limit, ending at a line where it can."""
    if len(text) <= MAX_DESCRIPTION_CHARS and pasted <= _MAX_READ:
        return text, None
    end = text.rfind("\n", MAX_DESCRIPTION_CHARS // 2, MAX_DESCRIPTION_CHARS)
    kept = text[: end if end > 0 else MAX_DESCRIPTION_CHARS].rstrip()
    return kept, (
        f"The advert is {pasted:,} characters; a job description holds up to "
        f"{MAX_DESCRIPTION_CHARS:,}, so the first {len(kept):,} are kept and read. Paste the part "
        "about the role if something is missing."
    )


# --- Lines and labels ----------------------------------------------------------------------

_BULLET = " \t•·*#>|-\u2013\u2014▪►✓"
_SEPARATOR = r"(?:\s*[:\uff1a]\s*|\s+[-\u2013\u2014|]\s+|\s*$)"


def _labels(names: str, bare: str = "") -> re.Pattern[str]:
    """A line that starts with one of the labels; its value follows a colon or dash (or, after
    the bare labels, a space)."""
    start = rf"(?:{names}){_SEPARATOR}"
    if bare:
        start = rf"{start}|(?:{bare})\s+"
    return re.compile(rf"(?:{start})(?P<value>.*)", re.IGNORECASE)


_COMPANY_LABEL = _labels(
    r"company(?:\s+name)?|employer|organi[sz]ation|hiring\s+(?:organi[sz]ation|company)"
    r"|unternehmen|arbeitgeber|firma|entreprise|soci[ée]t[ée]|employeur|empresa"
)
_ROLE_LABEL = _labels(
    r"job\s+title|title|role|position|job|vacancy|post|stelle|stellenbezeichnung|stellentitel"
    r"|poste|intitul[ée]\s+du\s+poste|titre\s+du\s+poste|puesto"
)
_LOCATION_LABEL = _labels(
    r"(?:job\s+|work\s+|office\s+)?location|based|place\s+of\s+work|workplace|standort"
    r"|arbeitsort|einsatzort|dienstort|ort|lieu(?:\s+de\s+travail)?|localisation|ubicaci[óo]n",
    bare=r"based\s+in|located\s+in",
)
_SALARY_LABEL = _labels(
    r"(?:base\s+)?(?:salary|pay)(?:\s+range)?|compensation|remuneration|(?:day\s+|hourly\s+)?rate"
    r"|wage|package|(?:jahres)?gehalt|verg[üu]tung|salaire|r[ée]mun[ée]ration|sueldo|salario"
)
_ANY_LABEL = (_COMPANY_LABEL, _ROLE_LABEL, _LOCATION_LABEL, _SALARY_LABEL)
# Page furniture a copy from a job site brings along.
_FURNITURE = re.compile(
    r"(?:about\s+the\s+(?:job|role|company)|job\s+(?:description|details|summary)|full\s+job"
    r"\s+description|easy\s+apply|apply(?:\s+now)?|save|share|skip\s+to\s+main\s+content"
    r"|(?:show|see)\s+more(?:\s+options)?|new|promoted(?:\s+by\s+hirer)?.*|actively\s+\w+.*"
    r"|reposted.*|job\s+advert|job\s+type|pay|benefits|\d(?:\.\d)?\s+out\s+of\s+5\s+stars"
    r"|stellenanzeige|offre\s+d'emploi)\W*",
    re.IGNORECASE,
)


def _bare(line: str) -> str:
    """A line without its bullet and bold marks, as labels are matched."""
    return line.replace("**", "").strip(_BULLET)


def _short(value: str) -> str | None:
    """The value when it fits a short field and reads as a name, not a sentence."""
    value = value.strip(" \t|*,;").strip()
    if not value or len(value) > _QUOTE or not re.search(r"[^\W\d_]", value):
        return None
    if value.endswith((".", "!", "?", ":")) and not value.endswith(
        ("Ltd.", "Inc.", "Co.", "Corp.")
    ):
        return None
    return value


def _quote(line: str) -> str:
    """The line as quoted back to the user, never longer than a short field."""
    line = line.strip()
    return line if len(line) <= _QUOTE else f"{line[: _QUOTE - 1]}…"


@dataclass(frozen=True)
class _Advert:
    """The cleaned text's non-empty lines (also without bullets, as labels are matched), and
    the user's own currency and country."""

    lines: tuple[str, ...]
    bare: tuple[str, ...]
    currency: str
    country: str


# A finder returns the value and the words it came from, or None.
_Found = tuple[str, str]
_Finder = Callable[[_Advert], _Found | None]


def _labelled(
    advert: _Advert, label: re.Pattern[str], check: Callable[[str], object]
) -> _Found | None:
    """The first labelled value that passes `check`; a label alone takes the next line."""
    for index, (line, bare) in enumerate(zip(advert.lines, advert.bare, strict=True)):
        match = label.match(bare)
        if not match:
            continue
        value = match["value"].strip()
        words = line
        if not value and index + 1 < len(advert.lines):
            value = advert.lines[index + 1].strip()
            words = f"{line.strip()} {value}"
        if value and check(value):
            return value, words
    return None


# --- Company, role and location -------------------------------------------------------------

_COMPANY_SUFFIX = re.compile(
    r"\s(?:ltd|limited|plc|llp|llc|inc|corp|corporation|co|gmbh|ag|se|sa|sas|sarl|s\.?a\.?r\.?l"
    r"|b\.?v|n\.?v|oy|ab|aps|pty|s\.?p\.?a|kg|e\.?v)\.?\)?$",
    re.IGNORECASE,
)
_AT_COMPANY = re.compile(r"^(?P<role>.{2,100}?)\s+(?:at|@|bei|chez)\s+(?P<company>.{2,100})$")
_TITLE_SPLIT = re.compile(r"\s+[-\u2013\u2014|]\s+|\s+\(")
_HIRING_PREFIX = re.compile(
    r"^(?:we(?:'|\u2019)?re\s+hiring|we\s+are\s+hiring|now\s+hiring|hiring|vacancy|job|contract"
    r"|permanent|temporary|temp|freelance|interim)\s*[:!-]?\s*"
    r"(?:an?\s+)?",
    re.IGNORECASE,
)
_LINKEDIN_META = re.compile(
    r"\bago\b|applicants?|clicked|reposted|promoted|responses|full-time|part-time|contract"
    r"|internship|temporary|\blevel\b|employees|\bvor\b|candidat",
    re.IGNORECASE,
)
_PLACE_HINT = re.compile(
    r"\((?:hybrid|remote|on-?site)\)|,\s*(?:united\s+kingdom|england|scotland|wales|ireland"
    r"|united\s+states|usa|us|germany|deutschland|france|netherlands|spain|canada|australia)\b"
    r"|^(?:remote|hybrid)\b",
    re.IGNORECASE,
)
# A line that is only a place: remote or hybrid, a US city and state, a UK town and postcode.
_PLACE_LINE = re.compile(
    r"(?:fully\s+)?(?:remote|hybrid)(?:\s*\([^()]{1,60}\))?"
    r"|(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,3},\s[A-Z]{2}(?:\s[0-9]{5})?)"
    r"|(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,3}\s[A-Z]{1,2}[0-9][0-9A-Z]?(?:\s[0-9][A-Z]{2})?)",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    r"^about\s+(?!(?:the|this|us|you|our|me|it|a|an|working|company|role|job)\b)(.{2,80})$",
    re.IGNORECASE,
)
_HIRING_SENTENCE = re.compile(
    r"\b(?:[Jj]oin|at)\s+(?!(?:our|the|us|a|an|my|this|your|least)\b)"
    r"([A-Z][\w&'\u2019.-]*(?:\s[A-Z][\w&'\u2019.-]*){0,3})(?:\s+(?:as|and|in|on|for|to)\b|[,.!])"
    r"|\b([A-Z][\w&'\u2019.-]*(?:\s[A-Z][\w&'\u2019.-]*){0,3})\s+(?:is|are)\s+(?:hiring|recruiting|looking)"
)
# A line that is some label and its value ('Start date: 1 February'), not a title.
_ANY_COLON = re.compile(r"[^\W\d_][\w ]{0,25}[:\uff1a]\s")
_RATING = re.compile(r"\d(?:\.\d)?\s+out\s+of\s+5\s+stars", re.IGNORECASE)
_HEAD_CHARS = 3000
_NOT_COMPANIES = frozenset({"we", "our", "the", "you", "this", "they", "it", "who"})


def _company_label(advert: _Advert) -> _Found | None:
    """A line like 'Company: Acme Ltd'."""
    return _labelled(advert, _COMPANY_LABEL, _short)


def _dot_parts(advert: _Advert) -> tuple[list[str], str] | None:
    """The parts of a job site's 'Acme Ltd · Leeds (Hybrid)' line, without dates and counts; a
    line of skills ('Python · SQL') names no place and is passed over."""
    for line in advert.lines[:_HEAD_LINES]:
        if "·" not in line and " • " not in line:
            continue
        parts = [part.strip() for part in re.split(r"[·•]", line)]
        kept = [part for part in parts if part and not _LINKEDIN_META.search(part)]
        placed = any(_PLACE_HINT.search(part) or _PLACE_LINE.fullmatch(part) for part in kept)
        if kept and (placed or len(kept) < len([part for part in parts if part])):
            return kept, line
    return None


def _company_dots(advert: _Advert) -> _Found | None:
    """The first part of 'Acme Ltd · Leeds, England, United Kingdom (Hybrid)'."""
    found = _dot_parts(advert)
    if not found or len(found[0]) == 1:
        return None  # 'New York, NY · 1 week ago' names only the place
    value = _short(found[0][0])
    return (value, found[1]) if value else None


def _company_in_title(advert: _Advert) -> _Found | None:
    """The company of a title line like 'Data Analyst at Acme Ltd'."""
    title = _title_line(advert)
    if title and (match := _AT_COMPANY.match(title)) and (value := _short(match["company"])):
        return value, title
    return None


def _company_suffix(advert: _Advert) -> _Found | None:
    """A line near the top that is a company's name: 'Acme Analytics Ltd'."""
    for line in advert.lines[:_HEAD_LINES]:
        value = _bare(line)
        if len(value) <= 80 and _COMPANY_SUFFIX.search(value) and _short(value):
            return value, line
    return None


def _company_about(advert: _Advert) -> _Found | None:
    """A heading like 'About Acme Ltd', or 'Join Acme as ...' near the top."""
    for line, bare in zip(advert.lines, advert.bare, strict=True):
        if (match := _ABOUT.match(bare)) and (value := _short(match[1])):
            return value, line
    head = "\n".join(advert.lines)[:_HEAD_CHARS]
    for match in _HIRING_SENTENCE.finditer(head):
        value = (match[1] or match[2]).strip(".")
        if value.casefold() not in _NOT_COMPANIES and _short(value):
            start = head.rfind("\n", 0, match.start()) + 1
            end = head.find("\n", match.end())
            return value, head[start : end if end >= 0 else None]
    return None


def _is_title(line: str) -> bool:
    """Whether a line near the top can be the job's title."""
    bare = _bare(line)
    return bool(
        _short(bare)
        and len(bare) <= 100
        and not _FURNITURE.fullmatch(bare)
        and not any(label.match(bare) for label in _ANY_LABEL)
        and "·" not in bare
        and "://" not in bare
        and not _PLACE_HINT.search(bare)
        and not _COMPANY_SUFFIX.search(bare)
        and not _SALARY_WORD.match(bare)
        and not _CLOSING.search(bare)
        and (not _ANY_COLON.match(bare) or bool(_HIRING_PREFIX.match(bare)))
    )


def _title_index(advert: _Advert) -> int | None:
    """Which of the first lines reads as the job's title."""
    return next((index for index, line in enumerate(advert.lines[:5]) if _is_title(line)), None)


def _title_line(advert: _Advert) -> str | None:
    """The first line at the top that reads as a job title."""
    index = _title_index(advert)
    return None if index is None else advert.lines[index]


def _company_under_title(advert: _Advert) -> _Found | None:
    """The name between the title and the place, as job sites lay them out:
    'Bookkeeper / Hillside Dental Group / Denver, CO 80202'."""
    index = _title_index(advert)
    if index is None or index + 2 >= len(advert.lines):
        return None
    name, place = advert.bare[index + 1], advert.bare[index + 2]
    is_place = (
        _PLACE_LINE.fullmatch(place)
        or _LOCATION_LABEL.match(place)
        or _RATING.match(place)
        or _dot_parts(advert)
    )
    return (name, advert.lines[index + 1]) if is_place and _is_title(name) else None


def _role_label(advert: _Advert) -> _Found | None:
    """A line like 'Job title: Data Analyst'."""
    return _labelled(advert, _ROLE_LABEL, lambda value: _short(value) and len(value) <= 100)


def _role_title(advert: _Advert) -> _Found | None:
    """The title at the top: 'Data Analyst', 'Data Analyst at Acme', 'Data Analyst - Leeds'."""
    line = _title_line(advert)
    if line is None:
        return None
    title = _HIRING_PREFIX.sub("", _bare(line))
    if match := _AT_COMPANY.match(title):
        title = match["role"]
    value = _short(_TITLE_SPLIT.split(title, maxsplit=1)[0])
    return (value, line) if value else None


def _location_label(advert: _Advert) -> _Found | None:
    """A line like 'Location: Leeds (hybrid)' or 'Based in Leeds'."""
    return _labelled(advert, _LOCATION_LABEL, _short)


def _location_dots(advert: _Advert) -> _Found | None:
    """The place in 'Acme Ltd · Leeds, England, United Kingdom (Hybrid)'."""
    found = _dot_parts(advert)
    if not found:
        return None
    parts, line = found
    place = parts[0] if len(parts) == 1 or _PLACE_HINT.search(parts[0]) else parts[1]
    value = _short(place)
    return (value, line) if value else None


def _location_line(advert: _Advert) -> _Found | None:
    """A line near the top that only says where: 'Remote (UK)', 'Columbus, OH', 'Bristol BS1'."""
    for line in advert.lines[:_HEAD_LINES]:
        value = _bare(line)
        if _PLACE_LINE.fullmatch(value):
            return value, line
    return None


def _first(advert: _Advert, finders: Sequence[_Finder]) -> _Found | None:
    """What the first finder that finds anything finds."""
    for finder in finders:
        if found := finder(advert):
            return found
    return None


# --- Salary ---------------------------------------------------------------------------------

_CODES = "|".join(CURRENCY_CODES)
_PREFIXED_DOLLARS = {"US": "USD", "CA": "CAD", "C": "CAD", "AU": "AUD", "A": "AUD"} | {
    "NZ": "NZD",
    "S": "SGD",
    "SG": "SGD",
    "HK": "HKD",
}
_SYMBOLS = {"£": "GBP", "€": "EUR", "₹": "INR", "¥": "JPY", "zł": "PLN", "euro": "EUR"}
_NUMBER = re.compile(
    # Lakh grouping (12,00,000), thousands grouping with pence or cents, plain digits.
    r"(?:[0-9]{1,3}(?:,[0-9]{2})+,[0-9]{3}|[0-9]{1,3}(?:[,.' ][0-9]{3})+(?:[.,][0-9]{1,2})?"
    r"|[0-9]{1,12}(?:[.,][0-9]{1,2})?)(?![0-9])"
)
# The currency just before a number ('£', 'US$', 'USD '), and a 'k' or currency just after.
_BEFORE = re.compile(
    rf"(?:(?P<dollar>US|CA|AU|NZ|SG|HK|C|A|S)?(?P<pre>[$£€₹¥])|\b(?P<code>{_CODES}))\s?$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    rf"(?:\s?(?P<k>k)(?![^\W\d_]))?(?:\s?(?P<post>[$£€₹¥]|zł|\b(?:{_CODES})\b|\beuros?\b))?",
    re.IGNORECASE,
)
_WHOLE = Decimal(1)
_GROUPING = re.compile(r"[,.' ]")
_CODE = re.compile(rf"\b(?:{_CODES})\b", re.IGNORECASE)
# What after a number says it is no salary: a turnover, a share, a count of years or people.
_NOT_PAY = re.compile(
    r"\s?(?:m\b|mn\b|million|bn\b|billion|%|\+?\s?(?:years?|yrs?|hours?|employees|people|staff"
    r"|customers|users|countries|offices))",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\s*(?:-|\u2013|\u2014|to|bis|à|a|and|until)\s*", re.IGNORECASE)
_UP_TO = re.compile(r"(?:up\s+to|bis\s+zu|jusqu'?\s?à|max(?:imum)?\.?)\s*$", re.IGNORECASE)
_FROM = re.compile(
    r"(?:from|starting\s+(?:at|from)|ab|à\s+partir\s+de|min(?:imum)?\.?|at\s+least|dès)\s*$",
    re.IGNORECASE,
)
_PERIODS = (
    (
        SalaryPeriod.HOUR,
        r"per\s+hour|an\s+hour|/\s?(?:hr|hour|h|std|stunde|heure)\b|\bp/?h\b|\bhourly\b"
        r"|pro\s+stunde|stundenlohn|de\s+l'heure|par\s+heure",
    ),
    (
        SalaryPeriod.DAY,
        r"per\s+day|a\s+day|/\s?(?:day|d|tag|jour)\b|\bp/d\b|\bdaily\b|\bday\s+rate|pro\s+tag"
        r"|tagessatz|par\s+jour|\btjm\b",
    ),
    (
        SalaryPeriod.WEEK,
        r"per\s+week|a\s+week|/\s?(?:wk|week|woche|semaine)\b|\bweekly\b|pro\s+woche|par\s+semaine",
    ),
    (
        SalaryPeriod.MONTH,
        r"per\s+month|a\s+month|/\s?(?:mo|month|monat|mois)\b|\bpcm\b|\bmonthly\b|pro\s+monat"
        r"|monatlich|par\s+mois|\bmensuel",
    ),
    (
        SalaryPeriod.YEAR,
        r"per\s+(?:annum|year|an)\b|a\s+year|/\s?(?:yr|year|y|a|an|jahr|annum)\b|\bp\.?a\.?(?![\w])"
        r"|\bannual(?:ly)?\b|\byearly\b|pro\s+jahr|j[äa]e?hrlich|par\s+an\b|\bannuel|\bote\b"
        r"|brutto\s*/?\s*jahr|\bjahresgehalt|\bper\s+year",
    ),
)
_PERIOD = re.compile(
    "|".join(f"(?P<{period.name}>{words})" for period, words in _PERIODS), re.IGNORECASE
)
_NO_FIGURE = re.compile(
    r"\b(?:competitive|negotiable|doe|dependent\s+on\s+experience|attractive|market\s+rate"
    r"|to\s+be\s+agreed|tba|tbc|nach\s+vereinbarung|attrakti\w*|selon\s+profil)\b",
    re.IGNORECASE,
)
_SALARY_WORD = re.compile(
    r"\b(?:salary|pay|compensation|remuneration|wage|rate|gehalt|verg[üu]tung|salaire)\b",
    re.IGNORECASE,
)
_HAS_MONEY = re.compile(rf"[$£€₹¥]|zł|\b(?:{_CODES}|euros?)\b", re.IGNORECASE)
_PRO_RATA = re.compile(r"pro[\s-]rata", re.IGNORECASE)
# An amount from which a salary is yearly even when the advert doesn't say so.
_SURELY_YEARLY = 5_000
# How far apart two amounts of a range can be ('£30,000 per annum - £35,000 per annum'), and
# how much of a line around a salary is read for its currency and period.
_GAP = 40
_AROUND = 80
# Lines naming money read for a salary (a price list is no advert), and salaries worth naming.
_MONEY_LINES = 200
_ENOUGH_SALARIES = 3


@dataclass(frozen=True)
class _Amount:
    """One number that can be pay, where it is in its line, and the currency written with it."""

    start: int
    end: int
    value: Decimal
    thousands: bool
    currency: str


@dataclass(frozen=True)
class _Salary:
    """One salary as an advert gives it."""

    low: Decimal | None
    high: Decimal | None
    currency: str
    period: SalaryPeriod | None
    words: str
    pro_rata: bool = False


def _number(digits: str) -> Decimal:
    """The amount a number means: '45.000' and '45,000' are thousands, '14.50' has pence."""
    last = max(digits.rfind(","), digits.rfind("."))
    if last >= 0 and len(digits) - last - 1 in (1, 2):
        return Decimal(_GROUPING.sub("", digits[:last]) + "." + digits[last + 1 :])
    return Decimal(_GROUPING.sub("", digits))


def _currency_of(before: re.Match[str] | None, post: str | None, usual: str) -> str:
    """The currency written by a number, or '' when it has none."""
    if before and before["code"]:
        return before["code"].upper()
    symbol = (before["pre"] if before else None) or (post or "").strip()
    if symbol == "$":
        if before and before["dollar"]:
            return _PREFIXED_DOLLARS[before["dollar"].upper()]
        return usual if usual in DOLLARS else "USD"
    if symbol.upper() in CURRENCY_CODES:
        return symbol.upper()
    return _SYMBOLS.get(symbol.lower().rstrip("s"), "")


def _amounts(text: str, usual: str) -> Iterator[_Amount]:
    """The numbers in a line that can be pay (not '£5m turnover' or '10 years'), in order."""
    for match in _NUMBER.finditer(text):
        after = _AFTER.match(text, match.end())
        if _NOT_PAY.match(text, after.end()):
            continue
        before = _BEFORE.search(text, max(0, match.start() - 4), match.start())
        value = _number(match[0])
        if after["k"]:
            value = (value * 1000).quantize(_WHOLE) if value * 1000 % 1 == 0 else value * 1000
        currency = _currency_of(before, after["post"], usual)
        start = before.start() if before else match.start()
        yield _Amount(start, after.end(), value, bool(after["k"]), currency)


def _is_range(text: str, first: _Amount, second: _Amount) -> bool:
    """Whether two amounts are a range: '£30k - £35k', '$120,000/yr - $150,000/yr'."""
    gap = text[first.end : second.start]
    return len(gap) <= _GAP and bool(_RANGE.fullmatch(_PERIOD.sub("", gap)))


def _with_next(
    text: str, first: _Amount, amounts: Iterator[_Amount]
) -> tuple[_Amount, _Amount | None]:
    """The amount, and the next one when the two are a range."""
    following = next(amounts, None)
    return first, following if following and _is_range(text, first, following) else None


def _pair(text: str, usual: str, labelled: bool) -> tuple[_Amount | None, _Amount | None]:
    """The salary's first amount (the first written with money or, on a salary line, any) and
    the other end of its range, if any: '£30k - £35k', '55.000 - 65.000 EUR'."""
    amounts = _amounts(text, usual)
    previous = None
    for amount in amounts:
        if not amount.currency:
            previous = amount
        elif previous and _is_range(text, previous, amount):
            return previous, amount
        else:
            return _with_next(text, amount, amounts)
    if not labelled or _NO_FIGURE.search(text):
        return None, None  # 'Salary: competitive, reviewed 1 April' gives no figure
    # Dates blanked out, keeping every other character where it was.
    undated = _DATE.sub(lambda match: " " * len(match[0]) if _is_date(match) else match[0], text)
    amounts = _amounts(undated, usual)
    first = next(amounts, None)
    return _with_next(text, first, amounts) if first else (None, None)


def _bounds(
    text: str, first: _Amount, second: _Amount | None
) -> tuple[Decimal | None, Decimal | None]:
    """The low and high of a salary from its first amount and the one a dash away, if any."""
    low = first.value
    high = second.value if second else low
    if second and second.thousands and not first.thousands and low < 1000:
        low *= 1000  # "£30-35k"
    if second is None and _UP_TO.search(text, max(0, first.start - 20), first.start):
        return None, high
    if second is None and (
        _FROM.search(text, max(0, first.start - 30), first.start)
        or text[first.end : first.end + 1] == "+"
    ):
        return low, None
    return min(low, high), max(low, high)


def _salary_in(text: str, usual: str, labelled: bool) -> _Salary | None:
    """The first salary a line gives; without a label it must name a currency."""
    first, second = _pair(text, usual, labelled)
    if first is None:
        return None
    low, high = _bounds(text, first, second)
    if any(value is not None and not 0 < value < MAX_SALARY for value in (low, high)):
        return None
    start, end = max(0, first.start - _AROUND), (second or first).end + _AROUND
    code = _CODE.search(text, start, end)
    currency = first.currency or (second.currency if second else "") or (code[0] if code else "")
    period = _PERIOD.search(text, max(0, first.start - 20), end)
    return _Salary(
        low,
        high,
        currency.upper(),
        SalaryPeriod[period.lastgroup] if period and period.lastgroup else None,
        _quote(text if len(text) <= _QUOTE else text[start:end]),
        pro_rata=bool(_PRO_RATA.search(text, start, end)),
    )


def _salaries(advert: _Advert) -> list[_Salary]:
    """The first few salaries the advert gives: labelled lines first, then lines naming money."""
    found: list[_Salary] = []
    labelled = set()
    for index, (line, bare) in enumerate(zip(advert.lines, advert.bare, strict=True)):
        if len(found) >= _ENOUGH_SALARIES:
            break
        if match := _SALARY_LABEL.match(bare):
            labelled.add(index)
            if not match["value"].strip() and index + 1 < len(advert.lines):
                labelled.add(index + 1)
                line = f"{line} {advert.lines[index + 1]}"
            if salary := _salary_in(line, advert.currency, labelled=True):
                found.append(salary)
    money = (
        line
        for index, line in enumerate(advert.lines)
        if index not in labelled and _HAS_MONEY.search(line)
    )
    for line in itertools.islice(money, _MONEY_LINES):
        if len(found) >= _ENOUGH_SALARIES:
            break
        salary = _salary_in(line, advert.currency, labelled=False)
        if salary and (salary.period or max(salary.low or 0, salary.high or 0) >= 1000):
            found.append(salary)
    return found


def _salary_notes(
    salary: _Salary, period: SalaryPeriod | None, others: Sequence[_Salary], usual: str
) -> list[str]:
    """What the user should check about the salary that was read."""
    notes = []
    if not salary.currency:
        assumed = f"; {usual} (your usual) is assumed" if usual else ""
        notes.append(f"The salary names no currency{assumed}.")
    if salary.period is None and period is SalaryPeriod.YEAR:
        notes.append("The salary doesn't say per what; at that size it is read as yearly.")
    elif period is None:
        notes.append("The salary doesn't say whether it is per hour, day or year; please check.")
    if salary.pro_rata:
        notes.append("The salary is pro rata: the full-time figure, paid in part for fewer hours.")
    if others:
        also = "; ".join(f"'{other.words}'" for other in others[:2])
        notes.append(
            f"The advert gives more than one salary; the first is filled in. Also: {also}."
        )
    return notes


def _read_salary(advert: _Advert) -> tuple[_Salary | None, dict[str, object], list[str]]:
    """The salary as the advert gives it, the fields it fills in, and notes."""
    found = _salaries(advert)
    if not found:
        vague = next(
            (
                line
                for line in advert.lines
                if _NO_FIGURE.search(line) and _SALARY_WORD.search(line)
            ),
            None,
        )
        if vague:
            return None, {}, [f"The salary is given without a figure: '{_quote(vague)}'."]
        return None, {}, ["No salary found in the advert."]
    salary, others = found[0], [other for other in found[1:] if other.words != found[0].words]
    period = salary.period
    if period is None and max(salary.low or 0, salary.high or 0) >= _SURELY_YEARLY:
        period = SalaryPeriod.YEAR
    fields = {
        "salary_min": salary.low,
        "salary_max": salary.high,
        "currency": salary.currency or advert.currency,
        "salary_period": period,
    }
    return salary, fields, _salary_notes(salary, period, others, advert.currency)


# --- Closing date ---------------------------------------------------------------------------

_CLOSING = re.compile(
    r"closing\s+date|closes|closing|apply\s+(?:by|before)|applications?\s+(?:close|by|deadline)"
    r"|deadline|bewerbungs(?:schluss|frist)|einsendeschluss|bewerben\s+bis|date\s+limite"
    r"|date\s+de\s+cl[oô]ture|candidater\s+avant|fecha\s+l[ií]mite|expires?|expiry\s+date",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"(?P<iso>[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2})(?![0-9])"
    r"|(?P<numeric>[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:[0-9]{4}|[0-9]{2}))(?![0-9])"
    r"|(?P<dmy>[0-9]{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+)?(?P<dm>[^\W\d_]{3,9})\.?,?"
    r"(?:\s+(?P<dmyear>[0-9]{4}))?(?![0-9])"
    r"|(?P<md>[^\W\d_]{3,9})\.?\s+(?P<mdy>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])"
    r"(?:,?\s+(?P<mdyear>[0-9]{4}))?(?![0-9])",
    re.IGNORECASE,
)
# Month names in German and French, as sheet_dates knows English ones.
_MONTH_WORDS = {
    "januar": "january",
    "janvier": "january",
    "februar": "february",
    "février": "february",
    "fevrier": "february",
    "märz": "march",
    "maerz": "march",
    "mars": "march",
    "avril": "april",
    "mai": "may",
    "juni": "june",
    "juin": "june",
    "juli": "july",
    "juillet": "july",
    "août": "august",
    "aout": "august",
    "septembre": "september",
    "oktober": "october",
    "octobre": "october",
    "novembre": "november",
    "dezember": "december",
    "décembre": "december",
    "decembre": "december",
}
# A closing date further than this from today is a misreading, not a deadline.
_DATE_YEARS = 5
# Lines that mention closing read for a date: past these, the advert is not saying it.
_CLOSING_LINES = 50


def _day_first(text: str, advert: _Advert, currency: str) -> tuple[bool, str]:
    """Which order a numeric date is in, and why, when its numbers allow both."""
    first, second = (int(part) for part in re.split(r"[-/.]", text)[:2])
    if first > 12 or second > 12:
        return first > 12, ""
    if currency:
        day_first = currency != "USD"
        why = f"as adverts in {currency} write dates"
    else:
        day_first = advert.country.upper() not in MONTH_FIRST_COUNTRIES
        why = "as dates are written where you are"
    return day_first, why


def _spoken(day: date) -> str:
    """A date as people say it: 3 April 2027."""
    return f"{day.day} {day:%B %Y}"


def _date_in(text: str, advert: _Advert, currency: str, today: date) -> tuple[date, str] | None:
    """The first date in a text, and a note when its order was a guess."""
    position = 0
    while match := _DATE.search(text, position):
        # Not finditer: 'Friday 9th April 2027' is no date at 'Friday 9th', but is one at '9th'.
        position = match.start() + 1
        note = ""
        if match["iso"]:
            found = parse_date(match["iso"], day_first=True)
        elif match["numeric"]:
            day_first, why = _day_first(match["numeric"], advert, currency)
            found = parse_date(match["numeric"], day_first=day_first)
            if found and why:
                order = "day/month/year" if day_first else "month/day/year"
                note = f"{match['numeric']} is read as {order} ({_spoken(found)}), {why}."
        else:
            found = _worded_date(match, today)
            if found and not (match["dmyear"] or match["mdyear"]):
                note = f"The closing date names no year; it is read as {_spoken(found)}."
        if found and abs(found.year - today.year) <= _DATE_YEARS:
            return found, note
    return None


def _is_date(match: re.Match[str]) -> bool:
    """Whether a date-like match is a whole date with its year ('1 April 2027', not '000 from')."""
    if match["iso"] or match["numeric"]:
        return True
    year = match["dmyear"] or match["mdyear"]
    return bool(year) and _worded_date(match, date(int(year), 1, 1)) is not None


def _worded_date(match: re.Match[str], today: date) -> date | None:
    """A date that names its month; without a year, the next such day from today."""
    day, month, year = (
        (match["dmy"], match["dm"], match["dmyear"])
        if match["dmy"]
        else (match["mdy"], match["md"], match["mdyear"])
    )
    month = _MONTH_WORDS.get(month.lower(), month)
    found = parse_date(f"{day} {month} {year or today.year}", day_first=True)
    if found and not year and found < today:
        found = parse_date(f"{day} {month} {today.year + 1}", day_first=True)
    return found


def _read_closing(
    advert: _Advert, currency: str, today: date
) -> tuple[date | None, str | None, list[str]]:
    """The closing date, the words it came from, and notes."""
    mentions = ((index, line) for index, line in enumerate(advert.lines) if _CLOSING.search(line))
    for index, line in itertools.islice(mentions, _CLOSING_LINES):
        keyword = _CLOSING.search(line)
        words = line
        found = _date_in(line[keyword.end() :], advert, currency, today)
        if (
            found is None
            and index + 1 < len(advert.lines)
            and not line[keyword.end() :].strip(" :\uff1a-\u2013\u2014")
        ):
            words = f"{line} {advert.lines[index + 1]}"
            found = _date_in(advert.lines[index + 1], advert, currency, today)
        if found is None:
            continue
        closing, note = found
        notes = [note] if note else []
        if closing < today:
            notes.append(f"The closing date, {_spoken(closing)}, has already passed.")
        return closing, _quote(words), notes
    return None, None, ["No closing date found in the advert."]


# --- Reading --------------------------------------------------------------------------------

_TEXT_FIELDS: dict[str, tuple[_Finder, ...]] = {
    "role": (_role_label, _role_title),
    "company": (
        *(_company_label, _company_in_title, _company_dots, _company_suffix),
        *(_company_under_title, _company_about),
    ),
    "location": (_location_label, _location_dots, _location_line),
}
_MISSING = {
    "role": "No job title found; please type it.",
    "company": "No company name found; please type it.",
    "location": "No location found in the advert.",
}


def read_advert(
    text: str, *, today: date, currency: str = "GBP", country: str = "GB"
) -> AdvertReading:
    """What a pasted advert says about the job, to pre-fill a new application for the user to
    confirm; never raises, whatever is pasted.

    `currency` and `country` are the user's own: a bare $ is their dollar when they use one, a
    salary naming no currency is in theirs, and 03/04/2027 is read their way unless the advert's
    currency says otherwise.
    """
    pasted = len(text)
    cleaned, notes = _clean(text[:_MAX_READ])
    description, too_long = _cut(cleaned, pasted)
    if too_long:
        notes.append(too_long)
    if not description:
        return AdvertReading("", notes=(*notes, "Nothing to read: paste the advert's text."))
    lines = tuple(line for line in description.split("\n") if line.strip())
    advert = _Advert(lines, tuple(_bare(line) for line in lines), currency.upper(), country)
    values: dict[str, object] = {}
    found_from: dict[str, str] = {}
    for name, finders in _TEXT_FIELDS.items():
        if found := _first(advert, finders):
            values[name], found_from[name] = found[0], _quote(found[1])
        else:
            notes.append(_MISSING[name])
    salary, salary_fields, salary_notes = _read_salary(advert)
    values |= salary_fields
    if salary:
        found_from["salary"] = salary.words
    notes += salary_notes
    named = salary.currency if salary else ""
    closing, closing_words, closing_notes = _read_closing(advert, named, today)
    if closing_words:
        values["closing_on"], found_from["closing_on"] = closing, closing_words
    notes += closing_notes
    return AdvertReading(
        description,
        **values,  # type: ignore[arg-type]
        found_from=MappingProxyType(found_from),
        notes=tuple(notes),
    )
