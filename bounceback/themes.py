"""Sort rejection feedback into themes: what to work on, and what was never the candidate's to fix.

The vocabulary lives in data/themes.yaml (an advisor may extend it with an override file); this
module holds the grammar: spelling clean-up, negation, praise, contrast and precedence. Each
theme lists up to four kinds of phrase, and each kind reads its surroundings differently:

- phrases: a shortfall ("nervous", "rambled"); it counts unless negated ("not nervous at all").
- virtues: a quality ("confident", "enthusiasm"); it counts only when said to be lacking
  ("not confident", "more enthusiasm", "your motivation wasn't clear", "try to be concise").
- topics: something asked for ("Python", "notice period"); it counts unless praised ("your Python
  was excellent"), ruled out ("no concerns about") or conceded before a "but".
- flags: a sensitive subject ("your age"); it counts unless ruled out ("was not a factor").

A capitalised name after "use", "experience with", "certificate in" and the like is read as a
skills_gap topic even when the lexicon does not know it ("can use SystmOne").

A text with no theme is "no specific reason" (no_detail) only when its words say nothing: a
stock decline, "n/a", courtesies, praise. When words are left that no theme explains, it gets no
theme at all: it is unsorted, and the app asks the user where it belongs.

Text is lowercased and respelt first (US to UK, "didnt" to "didn't", one-letter typos), keeping a
map back to the original offsets. Phrases are compiled into first-letter tries; the compiled
regex code is cached on disk, so only the first process to meet a lexicon waits for Python's
regex compiler, and each text's result (and each sentence's reading) is reused within a process.
"""

from __future__ import annotations

import _sre
import functools
import hashlib
import marshal
import os
import re
import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from re import _compiler as _re_compiler  # type: ignore[attr-defined]
from re import _parser as _re_parser  # type: ignore[attr-defined]

import yaml

from bounceback.config import DATA_DIR
from bounceback.domain import BouncebackError
from bounceback.files import WriteFailed, write_atomic
from bounceback.theme_model import MODEL_FILE, WordModel, feature_spans, load_model, unit_features

SHIPPED_LEXICON = DATA_DIR / "themes.yaml"
DEFAULT_OVERRIDE = SHIPPED_LEXICON.with_name("themes.override.yaml")
OVERRIDE_ENV = "BOUNCEBACK_THEMES_OVERRIDE"
CACHE_ENV = "BOUNCEBACK_CACHE_DIR"
NO_DETAIL = "no_detail"
KINDS = ("phrases", "virtues", "topics", "flags")
_LISTS = ("next_steps", *KINDS, "absorbs", "overrides")
_THEME_KEYS = frozenset(("id", "label", "description", *_LISTS))
_FILE_KEYS = frozenset(("themes", "spellings", "fragments", "typos"))


class LexiconError(BouncebackError):
    """A lexicon file cannot be used; the message names the file and the line to fix."""


@dataclass(frozen=True)
class Theme:
    """One theme: how the app names and explains it, and the phrases that reveal it."""

    id: str
    label: str
    description: str = ""
    next_steps: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    virtues: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    absorbs: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeMatch:
    """Why a theme was found: the exact words of the text, so a page can highlight them."""

    theme: str
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    """Themes in display order, spelling fixes, shared fragments and typo targets (words a
    one-letter slip is repaired towards, and real words left alone); compiled on first use."""

    themes: tuple[Theme, ...]
    spellings: tuple[tuple[str, str], ...] = ()
    fragments: tuple[tuple[str, str], ...] = ()
    repairs: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    # What the compiled form is cached under: the files' bytes and this grammar (see _cached).
    cache_key: str | None = field(default=None, compare=False, repr=False)
    # The word model beside the rules (bounceback/theme_model.py): the shipped one for the
    # shipped lexicon and an advisor's extension of it; none for a lexicon of other themes.
    model_file: Path | None = field(default=None, compare=False, repr=False)
    # Themes an advisor's file extends: the model never drops them, since their phrases are the
    # advisor's word for that theme, in wording the model may never have met.
    trusted: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @property
    def ids(self) -> tuple[str, ...]:
        """Theme ids in file order, for menus and exports."""
        return tuple(theme.id for theme in self.themes)

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id; a KeyError names an id the lexicon does not know."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    @cached_property
    def _model(self) -> WordModel | None:
        """The word model beside the rules, if this lexicon has one."""
        return load_model(self.model_file) if self.model_file else None

    @cached_property
    def _compiled(self) -> _Compiled:
        """Regexes and spelling tables built once per lexicon (then cached on disk, so the next
        process loads them in milliseconds), so classifying stays fast."""
        with _recording() as codes:
            compiled = _Compiled.build(self)
        if self.cache_key and codes is not None:
            _write_cache(self, compiled, codes)
        return compiled


# --------------------------------------------------------------------------- public API


def classify(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """Theme ids of a feedback text, strongest first: the short form of explain()."""
    return [match.theme for match in explain(text, lexicon)]


def explain(text: str, lexicon: Lexicon | None = None) -> list[ThemeMatch]:
    """One trigger per theme found, strongest first, so a page can show the reason in the text.

    No theme at all for a text that says something no theme names: it is unsorted, for the
    user to place, never "no specific reason" (that is kept for words that say nothing)."""
    if not text or text.isspace():
        return []
    lexicon = lexicon or _shipped_lexicon()
    compiled = lexicon._compiled
    known = compiled.explained.get(text)
    if known is None:
        reading = _TextReading.of(text, compiled)
        known = tuple(_to_match(hit, reading.norm, text) for hit in reading.hits)
        model, hits = lexicon._model, reading.hits
        if model and not (hits and hits[0].theme == NO_DETAIL):  # no_detail comes alone
            known = _with_model(text, reading, known, lexicon, model)
        if len(compiled.explained) >= _EXPLAINED_KEPT:
            compiled.explained.clear()
        compiled.explained[text] = known
    return list(known)


def model_features(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """What the word model reads of a text, for tools/train_themes.py to train on exactly that."""
    reading = _TextReading.of(text, (lexicon or _shipped_lexicon())._compiled)
    return [feature for unit in reading.model_units() for feature in unit_features(unit)]


def load_lexicon(path: Path | None = None, override: Path | None = None) -> Lexicon:
    """The shipped (or given) lexicon, extended by an advisor's override file if one is given;
    read ready-compiled from the cache when these very files were compiled before."""
    files = [path or SHIPPED_LEXICON, *([override] if override is not None else [])]
    key = _cache_key(files)
    model = MODEL_FILE if path is None else None
    cached = _read_cache(key, model) if key else None
    if cached is not None:
        return cached
    lexicon = _merge(Lexicon(themes=()), files[0], is_override=False)
    if override is not None:
        lexicon = _merge(lexicon, override, is_override=True)
    return replace(lexicon, cache_key=key, model_file=model)


def load_lexicon_safely(override: Path | None) -> tuple[Lexicon, str | None]:
    """The lexicon with the override, or without it plus a warning: a typo must not stop the app."""
    if override is None:
        return _shipped_lexicon(), None
    try:
        return load_lexicon(override=override), None
    except LexiconError as error:
        return _shipped_lexicon(), f"Your own theme file was not used: {error}"


def override_path() -> Path | None:
    """Where an advisor's additions live: the env var if set, else the gitignored default file."""
    configured = os.environ.get(OVERRIDE_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return DEFAULT_OVERRIDE if DEFAULT_OVERRIDE.is_file() else None


def warm_up() -> threading.Thread:
    """Load and compile the lexicon in the background, so the first page that classifies
    finds it ready instead of waiting seconds; the override file too, if there is one."""
    thread = threading.Thread(target=_warm, name="bounceback-themes-warm-up", daemon=True)
    thread.start()
    return thread


def _warm() -> None:
    """What warm_up runs: the shipped lexicon, then the advisor's (compiled into the disk cache)."""
    _shipped_lexicon()
    override = override_path()
    if override is not None:
        lexicon, _ = load_lexicon_safely(override)
        lexicon._compiled  # noqa: B018 - compiled now, and written to the cache for the page


_SHIPPED_LOCK = threading.Lock()


def _shipped_lexicon() -> Lexicon:
    """The shipped lexicon, loaded and compiled once per process; a second thread asking while
    the first compiles waits for it rather than compiling again."""
    with _SHIPPED_LOCK:
        return _compiled_shipped()


@functools.cache
def _compiled_shipped() -> Lexicon:
    """The shipped lexicon, compiled (see _shipped_lexicon for the lock)."""
    lexicon = load_lexicon()
    lexicon._compiled  # noqa: B018 - compile once here rather than on the first classify
    return lexicon


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class _Phrase:
    """A phrase as a file states it, with its line for error messages."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class _ThemeSpec:
    """A theme entry of one file, before it is merged into a lexicon."""

    line: int
    values: Mapping[str, object]
    phrases: tuple[_Phrase, ...]


@dataclass(frozen=True)
class _FileSpec:
    """A parsed lexicon file."""

    themes: tuple[_ThemeSpec, ...]
    spellings: tuple[tuple[str, str], ...]
    fragments: tuple[tuple[str, str, int], ...]
    repairs: tuple[str, ...]
    keep: tuple[str, ...]


def _merge(lexicon: Lexicon, path: Path, *, is_override: bool) -> Lexicon:
    """Add a file's themes: an override extends a known theme or brings a complete new one."""
    spec = _parse_file(path)
    themes = {theme.id: theme for theme in lexicon.themes}
    for item in spec.themes:
        theme_id = str(item.values["id"])
        if theme_id in themes and not is_override:
            raise LexiconError(f"{path}, line {item.line}: theme {theme_id!r} appears twice")
        themes[theme_id] = (
            _extended(themes[theme_id], item.values)
            if theme_id in themes
            else _new_theme(path, item)
        )
    if not themes:
        raise LexiconError(f"{path}: the file defines no themes")
    merged = Lexicon(
        tuple(themes.values()),
        lexicon.spellings + spec.spellings,
        lexicon.fragments + tuple((name, text) for name, text, _ in spec.fragments),
        lexicon.repairs + spec.repairs,
        lexicon.keep + spec.keep,
        trusted=lexicon.trusted
        | (frozenset(str(item.values["id"]) for item in spec.themes) if is_override else set()),
    )
    _check_patterns(merged, spec, path)
    return merged


def _parse_file(path: Path) -> _FileSpec:
    """Read a lexicon file through yaml's node tree, which keeps the line of every value."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot be read ({error})") from error
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise LexiconError(f"{path}{where}: not valid YAML ({problem})") from error
    if root is None:
        raise LexiconError(f"{path}: the file is empty")
    top = _mapping(path, root, "the file", _FILE_KEYS)
    if "themes" not in top:
        raise _fail(path, root, "the file needs a 'themes:' list")
    return _FileSpec(
        themes=tuple(_theme_spec(path, node) for node in _sequence(path, top["themes"], "themes")),
        spellings=tuple((a, b) for a, b, _ in _pairs(path, top.get("spellings"), "spellings")),
        fragments=_pairs(path, top.get("fragments"), "fragments"),
        **_typos(path, top.get("typos")),
    )


def _typos(path: Path, node: yaml.Node | None) -> dict[str, tuple[str, ...]]:
    """The 'typos' section: words to repair slips towards, and real words to leave alone."""
    fields = _mapping(path, node, "'typos'", frozenset(("repair", "keep"))) if node else {}
    return {
        name: tuple(
            _text(path, item, f"an item of '{key}'").lower()
            for item in _sequence(path, fields[key], key)
        )
        if key in fields
        else ()
        for name, key in (("repairs", "repair"), ("keep", "keep"))
    }


def _fail(path: Path, node: yaml.Node, problem: str) -> LexiconError:
    """An error that points at the line, since advisors edit these files by hand."""
    return LexiconError(f"{path}, line {node.start_mark.line + 1}: {problem}")


def _mapping(
    path: Path, node: yaml.Node, what: str, allowed: frozenset[str]
) -> dict[str, yaml.Node]:
    """A mapping node as {key: value node}, refusing keys the format does not have."""
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"{what} should be a mapping of 'key: value' lines")
    result: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.value not in allowed:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            known = ", ".join(sorted(allowed))
            raise _fail(path, key, f"unknown key {name!r} in {what} (known: {known})")
        result[key.value] = value
    return result


def _sequence(path: Path, node: yaml.Node, what: str) -> list[yaml.Node]:
    """A sequence node's items, or an error at its line."""
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(path, node, f"'{what}' should be a list of '- item' lines")
    return list(node.value)


def _text(path: Path, node: yaml.Node, what: str) -> str:
    """A non-empty string scalar, or an error at its line."""
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _fail(path, node, f"{what} should be a non-empty text")
    return str(node.value).strip()


def _pairs(path: Path, node: yaml.Node | None, what: str) -> tuple[tuple[str, str, int], ...]:
    """A 'name: text' mapping (spellings, fragments) with the line of each entry."""
    if node is None:
        return ()
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"'{what}' should be a mapping of 'name: text' lines")
    return tuple(
        (
            _text(path, key, f"a key of '{what}'").lower(),
            _text(path, value, f"a value of '{what}'").lower(),
            key.start_mark.line + 1,
        )
        for key, value in node.value
    )


def _theme_spec(path: Path, node: yaml.Node) -> _ThemeSpec:
    """One theme entry, checked for shape; merging decides which fields are required."""
    fields = _mapping(path, node, "a theme", _THEME_KEYS)
    if "id" not in fields:
        raise _fail(path, node, "this theme has no 'id'")
    theme_id = _text(path, fields["id"], "'id'")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", theme_id):
        raise _fail(path, fields["id"], f"id {theme_id!r} should be lowercase_with_underscores")
    values: dict[str, object] = {"id": theme_id}
    phrases: list[_Phrase] = []
    for key in ("label", "description"):
        if key in fields:
            values[key] = _text(path, fields[key], f"'{key}'")
    for key in _LISTS:
        if key in fields:
            items = _sequence(path, fields[key], key)
            values[key] = tuple(_text(path, item, f"an item of '{key}'") for item in items)
            if key in KINDS:
                phrases += [
                    _Phrase(key, str(item.value), item.start_mark.line + 1) for item in items
                ]
    return _ThemeSpec(node.start_mark.line + 1, values, tuple(phrases))


def _extended(theme: Theme, values: Mapping[str, object]) -> Theme:
    """A known theme with an override's additions: lists grow, label and description may change."""
    changes: dict[str, object] = {k: values[k] for k in ("label", "description") if k in values}
    for key in _LISTS:
        if key in values:
            changes[key] = getattr(theme, key) + tuple(values[key])  # type: ignore[call-overload]
    return replace(theme, **changes)  # type: ignore[arg-type]


def _new_theme(path: Path, item: _ThemeSpec) -> Theme:
    """A theme that did not exist before: it needs a label and something to match."""
    theme_id = item.values["id"]
    if "label" not in item.values:
        raise LexiconError(f"{path}, line {item.line}: new theme {theme_id!r} needs a 'label'")
    if not item.phrases:
        raise LexiconError(f"{path}, line {item.line}: new theme {theme_id!r} has no phrases")
    return Theme(**item.values)  # type: ignore[arg-type]


def _check_patterns(lexicon: Lexicon, spec: _FileSpec, path: Path) -> None:
    """Compile each new fragment and phrase alone, so a broken one is reported at its own line."""
    fragments = dict(lexicon.fragments)
    canonical = dict(lexicon.spellings)
    checks = [(f"@{name}", line) for name, _, line in spec.fragments]
    checks += [(phrase.text, phrase.line) for item in spec.themes for phrase in item.phrases]
    for text, line in checks:
        glued = _glued_optional(text)
        if glued:
            raise LexiconError(
                f"{path}, line {line}: {text!r} glues the optional group {glued!r} to the next "
                f"word, so it only matches them run together; put the blank inside: "
                f"{'(' + '|'.join(f'{option} ' for option in glued[1:-2].split('|')) + ')?'!r}"
            )
        try:
            re.compile(_phrase_regex(text, canonical, fragments))
        except KeyError as error:
            raise LexiconError(f"{path}, line {line}: unknown fragment @{error.args[0]}") from None
        except re.error as error:
            raise LexiconError(
                f"{path}, line {line}: {text!r} is not a valid pattern ({error})"
            ) from None


# Optional word beginnings that are meant to be glued on: "(un)?prepared", "(over)?confident".
_PREFIXES = frozenset(
    (
        *("un", "re", "pre", "non", "over", "under", "self", "co", "mis", "out", "sub"),
        *("super", "inter", "multi", "semi", "anti"),
    )
)
_OPTIONAL_GROUP = re.compile(r"(?:^|(?<=[\s(|]))\(([a-z' |]+)\)\?(?=[a-z])")


def _glued_optional(phrase: str) -> str | None:
    """The optional group of whole words written against the next word ("(very)?quiet" matches
    "veryquiet", never "very quiet"), or None; word prefixes like "(un)?" are meant so."""
    for found in _OPTIONAL_GROUP.finditer(phrase.lower()):
        options = found[1].split("|")
        if any(option.endswith(" ") for option in options):
            continue
        if all(option in _PREFIXES or len(option) < 3 for option in options):
            continue
        return found[0]
    return None


# --------------------------------------------------------------------------- compiled cache

# Python's regex compiler is written in Python: the lexicon's 15 big patterns take seconds to
# compile, while the compiled code they become loads in milliseconds. So the first process to
# compile a lexicon writes that code (and the parsed lexicon) to a cache file named for the
# lexicon files' bytes, this grammar's source and the regex engine's version; any other file
# never matches, and a missing, stale or damaged one just means compiling as before.
_CACHE_FORMAT = 1
_EXPLAINED_KEPT = 100_000
# The array type that holds one unit of compiled regex code, if this Python has one.
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)
_CACHE_KEPT = 4
_recorded: dict[int, tuple[object, ...]] | None = None


def _regex(source: str) -> re.Pattern[str]:
    """re.compile, keeping the compiled code while a lexicon is being built for the cache."""
    if _recorded is None:
        return re.compile(source)
    parsed = _re_parser.parse(source, 0)
    code = _re_compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    spec = (source, int(parsed.state.flags), array(_CODE_TYPE, code).tobytes())
    spec += (parsed.state.groups - 1, groupindex, tuple(indexgroup))
    pattern = _restored_regex(spec)
    _recorded[id(pattern)] = spec
    return pattern


def _restored_regex(spec: tuple[object, ...]) -> re.Pattern[str]:
    """A pattern from its compiled code; the engine checks the code before it accepts it.

    The pattern keeps a short name in place of its source (megabytes for the phrase tries,
    which the engine never reads again), so a server holds the code alone."""
    source, flags, code, groups, groupindex, indexgroup = spec
    program = array(_CODE_TYPE)
    program.frombytes(code)  # type: ignore[arg-type]
    name = f"<compiled themes regex, {len(source):,} characters>"  # type: ignore[arg-type]
    return _sre.compile(name, flags, program.tolist(), groups, groupindex, indexgroup)


@contextmanager
def _recording() -> Iterator[dict[int, tuple[object, ...]] | None]:
    """Collect the code of every pattern built inside, or None where that cannot be done."""
    global _recorded
    if _recorded is not None or _CODE_TYPE is None:
        yield None
        return
    _recorded = {}
    try:
        yield _recorded
    finally:
        _recorded = None


def _cache_dir() -> Path:
    """Where compiled lexicons are kept: $BOUNCEBACK_CACHE_DIR, else the user's cache folder."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "bounceback"


def _cache_key(files: list[Path]) -> str | None:
    """A name for exactly these files under exactly this grammar and regex engine."""
    digest = hashlib.sha256(f"{_CACHE_FORMAT} {sys.version} {_sre.MAGIC}".encode())
    try:
        digest.update(Path(__file__).read_bytes())
        for path in files:
            digest.update(b"\0" + path.read_bytes())
    except OSError:
        return None  # the loader reports the unreadable file itself
    return digest.hexdigest()[:32]


def _write_cache(
    lexicon: Lexicon, compiled: _Compiled, codes: Mapping[int, tuple[object, ...]]
) -> None:
    """Keep a lexicon's compiled form for the next process, written atomically; a cache that
    cannot be written (read-only disk) costs only the next start-up's time."""
    matcher = compiled.matcher
    patterns = [matcher.starts, compiled.tokens, *(p for _, p, _ in matcher.themes)]
    if any(id(p) not in codes for p in patterns) or (
        compiled.fallback is not None and id(compiled.fallback) not in codes
    ):
        return
    data = {
        "key": lexicon.cache_key,
        "themes": [{f.name: getattr(t, f.name) for f in fields(Theme)} for t in lexicon.themes],
        "lexicon": (lexicon.spellings, lexicon.fragments, lexicon.repairs, lexicon.keep),
        "trusted": sorted(lexicon.trusted),
        "starts": codes[id(matcher.starts)],
        "matchers": [(theme, codes[id(p)], kinds) for theme, p, kinds in matcher.themes],
        "by_opening": dict(matcher.by_opening),
        "fallback": codes[id(compiled.fallback)] if compiled.fallback is not None else None,
        "tokens": codes[id(compiled.tokens)],
        "tables": (
            dict(compiled.canonical),
            compiled.vocabulary,
            compiled.keep,
            dict(compiled.deletions),
            dict(compiled.absorbs),
            dict(compiled.overrides),
        ),
    }
    # Without a cache the next start-up compiles again; nothing more is lost.
    with suppress(OSError, RuntimeError, ValueError, WriteFailed):
        folder = _cache_dir()  # Path.home() raises RuntimeError where there is no home
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"themes-{lexicon.cache_key}.bin", marshal.dumps(data))
        older = sorted(folder.glob("themes-*.bin"), key=lambda f: f.stat().st_mtime)
        for stale in older[:-_CACHE_KEPT]:
            stale.unlink(missing_ok=True)


def _read_cache(key: str, model_file: Path | None) -> Lexicon | None:
    """The lexicon compiled under this key by an earlier process, or None."""
    try:
        data = marshal.loads((_cache_dir() / f"themes-{key}.bin").read_bytes())
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        spellings, fragments, repairs, keep = data["lexicon"]
        lexicon = Lexicon(
            tuple(Theme(**theme) for theme in data["themes"]),
            spellings,
            fragments,
            repairs,
            keep,
            cache_key=key,
            model_file=model_file,
            trusted=frozenset(data["trusted"]),
        )
        canonical, vocabulary, kept, deletions, absorbs, overrides = data["tables"]
        compiled = _Compiled(
            matcher=_Matcher(
                starts=_restored_regex(data["starts"]),
                themes=tuple(
                    (theme, _restored_regex(spec), kinds) for theme, spec, kinds in data["matchers"]
                ),
                by_opening=data["by_opening"],
            ),
            fallback=_restored_regex(data["fallback"]) if data["fallback"] else None,
            tokens=_restored_regex(data["tokens"]),
            canonical=canonical,
            vocabulary=vocabulary,
            keep=kept,
            deletions=deletions,
            absorbs=absorbs,
            overrides=overrides,
        )
    except Exception:  # any unreadable or foreign cache file is only a slower start
        return None
    lexicon.__dict__["_compiled"] = compiled  # what cached_property would store
    return lexicon


# --------------------------------------------------------------------------- patterns

# A blank between words: spaces, hyphens, or a quotation mark ("a bit 'flat'" reads as a bit flat).
_SPACE = r'[\s"-]+'
# How many letters deep the first-letter tries go: deeper is faster to run, slower to compile.
_TRIE_DEPTH = 6
_END = "\x01"
# How many letters of a phrase's opening pick the themes to try at a word start.
_OPENING = 4
_MAX_OPENINGS = 2_000
_BLANKS = re.compile(r'[\s"-]+')
_AS_HASH = str.maketrans(
    dict.fromkeys("0123456789", "#")
)  # a stand-in for the end of a branch, so a one-letter word has a second step
_CONVERT = {" ": _SPACE, "-": r"[\s-]?", "'": "'?", "\x00": r"(?:n'?t|[\s-]+not)"}
_FRAGMENT = re.compile(r"@([a-z_]+)")
_LITERAL = re.compile(r"(?<![\\\w])[a-z]+(?:'[a-z]+)?(?![\w(\[{?*+])")
_NOT_WORD = re.compile(r"(?<=[\w)]) not\b")
# Verbs whose "not" is written "n't" in normalised text: "did not" reads as "didn't".
_NOT_VERBS = (
    *("do", "does", "did", "is", "was", "were", "are", "has", "have", "had"),
    *("could", "would", "should", "must", "need", "might"),
)
_NEGATED_VERB = re.compile(rf"\b({'|'.join(_NOT_VERBS)})\s+not\b")


def _phrase_regex(source: str, canonical: Mapping[str, str], fragments: Mapping[str, str]) -> str:
    """A phrase as a regex: spaces match blanks or hyphens, apostrophes are optional, "not" also
    matches "n't", @name inserts a shared fragment, groups do not capture, and literal words are
    spelt the way normalised text spells them."""
    text = _FRAGMENT.sub(lambda m: f"({fragments[m[1]]})", source.strip().lower())
    text = _optional_spaces(text)
    text = _NEGATED_VERB.sub(r"\1n't", text)
    text = _LITERAL.sub(lambda m: _canonical_word(m.group(), canonical), text)
    text = _NOT_WORD.sub("\x00", text)
    out: list[str] = []
    in_class = False
    chars = iter(enumerate(text))
    for index, char in chars:
        if char == "\\":
            out.append(char + next(chars, (0, ""))[1])
        elif in_class:
            in_class = char != "]"
            out.append(char)
        elif char == "(" and text[index + 1 : index + 2] != "?":
            out.append("(?:")
        elif text.startswith("(?P<", index):
            out.append("(?:")
            while next(chars, (0, ">"))[1] != ">":
                pass
        elif char == " " and text[index + 1 : index + 2] == "?":
            out.append(r'[\s"-]*')
            next(chars, None)
        elif not (char == " " and out and out[-1] == _SPACE):
            in_class = char == "["
            out.append(_CONVERT.get(char, char))
    return "".join(out)


def _optional_spaces(text: str) -> str:
    """Move the blank next to an optional group into each of its options, so "strong shortlist
    (of ...)?" also matches at the end of a sentence and "(very)? quiet" needs no blank when the
    group is absent."""
    index = 0
    while (index := text.find("(", index)) >= 0:
        end = _group_end(text, index) if text[index - 1 : index] != "\\" else -1
        options = _split_alternatives(text[index + 1 : end]) if end > 0 else []
        movable = (
            text[end + 1 : end + 2] in ("?", "*")
            and not options[0].startswith("?")
            and not any(option.endswith(" ") for option in options)
        )
        if movable and text[index - 1 : index] == " ":
            options = [f" {option}" for option in options]
            text = f"{text[: index - 1]}({'|'.join(options)}){text[end + 1 :]}"
        elif (
            movable and text[end + 2 : end + 3] == " " and text[index - 1 : index] in ("", "(", "|")
        ):
            options = [f"{option} " for option in options]
            text = f"{text[:index]}({'|'.join(options)}){text[end + 1 : end + 2]}{text[end + 3 :]}"
        index += 1
    return text


def _canonical_word(word: str, canonical: Mapping[str, str]) -> str:
    """A word as normalised text spells it: listed variants first, then -ize as -ise."""
    if word in canonical:
        return canonical[word]
    ize = _IZE.match(word)
    return f"{ize[1]}{ize[2]}s{ize[3]}" if ize and word not in _IZE_EXCEPTIONS else word


@dataclass(frozen=True)
class _Matcher:
    """Every theme's phrases, found in two steps: one regex (a trie of all phrases) stops only at
    the word starts where some phrase matches; there, only the themes with a phrase that can
    begin with those first few letters are tried, each with its own regex."""

    starts: re.Pattern[str]
    themes: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]
    by_opening: Mapping[str, frozenset[int]]
    known: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, branches: Mapping[str, Mapping[str, list[str]]]) -> _Matcher:
        """The shared trie, then per theme a trie per kind (in order of precedence, each marked
        by an empty group) and the openings its phrases can have."""
        every = [branch for kinds in branches.values() for bs in kinds.values() for branch in bs]
        themes = []
        by_opening: dict[str, set[int]] = {}
        for index, (theme_id, kinds) in enumerate(branches.items()):
            present = tuple(kind for kind in KINDS if kinds.get(kind))
            options = [f"(?:{_dispatch(kinds[kind], _TRIE_DEPTH)})(?!\\w)()" for kind in present]
            themes.append((theme_id, _regex("|".join(options)), present))
            for branch in (branch for kind in present for branch in kinds[kind]):
                for opening in _openings(branch):
                    by_opening.setdefault(opening, set()).add(index)
        return cls(
            starts=_regex(rf"[^\w'](?=(?:{_dispatch(every, _TRIE_DEPTH)})(?!\w))"),
            themes=tuple(themes),
            by_opening={opening: frozenset(indexes) for opening, indexes in by_opening.items()},
        )

    def matches(self, text: str) -> Iterator[tuple[str, str, int, int]]:
        """Each (theme, kind, start, end) found, leftmost first; themes may overlap."""
        # The regex opens with the character before a word, so the engine skips letters at C
        # speed; the blank put in front of the text stands for its start.
        for candidate in self.starts.finditer(" " + text):
            start = candidate.start()
            head = text[start : start + _OPENING]
            known = self.known.get(head) if head.isalpha() else None
            for index in known or self._themes_at(text[start : start + 3 * _OPENING]):
                theme_id, pattern, kinds = self.themes[index]
                found = pattern.match(text, start)
                if found:
                    yield theme_id, kinds[(found.lastindex or 1) - 1], start, found.end()

    def _themes_at(self, text: str) -> tuple[int, ...]:
        """The themes with a phrase that can begin like this text, remembered per opening."""
        opening = _BLANKS.sub(" ", text).translate(_AS_HASH)[:_OPENING]
        themes = self.known.get(opening)
        if themes is None:
            found: set[int] = set()
            for length in range(_OPENING + 1):
                found |= self.by_opening.get(opening[:length], frozenset())
            themes = self.known[opening] = tuple(sorted(found))
        return themes


def _openings(branch: str) -> set[str]:
    """The first few characters a branch can match, digits as "#" and a run of blanks as one
    space; shorter when the rest cannot be told (and "" when not even the first letter can)."""
    openings: set[str] = set()
    pending = [("", branch + _END)]
    while pending:
        prefix, tail = pending.pop()
        heads = _heads(tail) if len(prefix) < _OPENING else None
        if heads is None or len(openings) + len(pending) > _MAX_OPENINGS:
            openings.add(prefix)
            continue
        for step, rest in heads.items():
            if step == _END:
                openings.add(prefix)
            else:
                mark = " " if step == _SPACE else "#" if step == _DIGIT else step
                pending.append((prefix + mark, rest))
    return openings


def _theme_branches(
    theme: Theme, canonical: Mapping[str, str], fragments: Mapping[str, str]
) -> dict[str, list[str]]:
    """A theme's phrases as regex alternatives, by kind."""
    return {
        kind: [
            branch
            for phrase in getattr(theme, kind)
            for branch in _split_alternatives(_phrase_regex(phrase, canonical, fragments))
        ]
        for kind in KINDS
        if getattr(theme, kind)
    }


def _dispatch(branches: list[str], depth: int) -> str:
    """An alternation that checks the first letters before anything else (a small trie), so
    the regex engine rules out almost every branch at a glance; depth counts letters."""
    if depth == 0 or len(branches) < 3:
        return "|".join(sorted(set(branches), key=len, reverse=True))
    by_step: dict[str, list[str]] = {}
    others = []
    for branch in branches:
        heads = _heads(branch)
        if heads is None:
            others.append(branch)
        for step, rest in (heads or {}).items():
            by_step.setdefault(step, []).append(rest)
    parts = [
        f"{_SPACE}(?:{_dispatch(rests, depth)})"
        if step == _SPACE
        else f"{step if step == _DIGIT else re.escape(step)}(?:{_dispatch(rests, depth - 1)})"
        for step, rests in sorted(by_step.items())
    ]
    return "|".join(parts + sorted(set(others), key=len, reverse=True))


def _search_pattern(branches: Mapping[str, list[str]]) -> re.Pattern[str] | None:
    """All of a theme's phrases as one searchable regex, whatever their kind."""
    every = [branch for kind in branches.values() for branch in kind]
    return _regex(rf"(?<![\w'])(?:{_dispatch(every, 1)})(?!\w)") if every else None


def _structure(regex: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Walk a regex, yielding each character outside escapes and classes with the depth after it."""
    depth, index, in_class = 0, start, False
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            if char in "()":
                depth += 1 if char == "(" else -1
            yield index, char, depth
        index += 1


def _split_alternatives(regex: str) -> list[str]:
    """The top-level alternatives of a regex (bars inside groups or classes do not split)."""
    parts, start = [], 0
    for index, char, depth in _structure(regex):
        if char == "|" and depth == 0:
            parts.append(regex[start:index])
            start = index + 1
    return [*parts, regex[start:]]


def _group_end(regex: str, start: int) -> int:
    """The index of the parenthesis closing the group opened at start."""
    for index, char, depth in _structure(regex, start):
        if char == ")" and depth == 0:
            return index
    raise re.error("unbalanced parenthesis")


_DIGIT = r"\d"  # a step of its own, rather than ten branches for ten digits
_OPTIONAL_SPACE = (r"[\s-]?", r'[\s"-]*')


def _heads(branch: str) -> dict[str, str] | None:
    """The branch split by its first step, a letter or a run of blanks: {"n": "ervous"}.
    Leading groups, optional parts, simple classes and look-behinds are opened up; None if
    the first step cannot be told."""
    if branch.startswith(_SPACE):
        return {_SPACE: branch[len(_SPACE) :]}
    if branch.startswith(_OPTIONAL_SPACE):
        rest = branch[len(_OPTIONAL_SPACE[0]) :]
        return _merged({_SPACE: rest}, _heads(rest))
    if branch.startswith(("(?<!", "(?<=")):
        return _behind_heads(branch)
    if branch == _DIGIT:
        return {_DIGIT: ""}
    if branch.startswith(("(?:", "[", "\\d")):
        return _group_heads(branch)
    if branch[:1] == "\\" and branch[1:2] and not branch[1].isalnum():
        letter, rest = branch[1], branch[2:]
    elif branch[:1] and branch[0] not in "\\[().^$|?*+{":
        letter, rest = branch[0], branch[1:]
    else:
        return None
    if rest[:1] == "?" and rest[1:2] not in ("?", "+"):
        return _merged({letter: rest[1:]}, _heads(rest[1:]))
    return None if rest[:1] in ("?", "*", "+", "{") else {letter: rest}


def _behind_heads(branch: str) -> dict[str, str] | None:
    """Heads of a branch opening with a look-behind, which moves past the letter with it."""
    end = _group_end(branch, 0)
    heads = _heads(branch[end + 1 :])
    if not heads or _SPACE in heads:
        return None
    look, body = branch[:4], branch[4:end]
    return {letter: f"{look}(?:{body}){re.escape(letter)}){tail}" for letter, tail in heads.items()}


def _group_heads(branch: str) -> dict[str, str] | None:
    """Heads of a branch opening with a group, a class or a digit, maybe optional or repeated."""
    if branch.startswith("(?:"):
        end = _group_end(branch, 0)
        options = _split_alternatives(branch[3:end])
    elif branch.startswith("\\d"):
        end, options = 1, [_DIGIT]
    else:
        end = branch.find("]", 2)
        options = list(branch[1:end])
        if end < 0 or not all(char.isalnum() or char in "'\"" for char in options):
            return None
    group, rest = branch[: end + 1], branch[end + 1 :]
    quantifier = rest[:1] if rest[:1] in ("?", "*", "+") else ""
    rest = rest[len(quantifier) :]
    if rest[:1] == "{" or (quantifier and rest[:1] == "+"):
        return None
    rest = rest[1:] if quantifier and rest[:1] == "?" else rest
    repeat = f"{group}*" if quantifier in ("*", "+") else ""
    by_step: dict[str, list[str]] = {}
    complete: dict[str, str] | None = {}
    for option in options:
        heads = _heads(option) if option else {}
        if heads is None:  # the option can end early: read on into what follows the group
            complete = _merged(complete or {}, _heads(option + repeat + rest))
            if complete is None:
                return None
            continue
        for step, tail in heads.items():
            by_step.setdefault(step, []).append(tail)
    grouped = {step: f"(?:{'|'.join(tails)}){repeat}{rest}" for step, tails in by_step.items()}
    grouped = _merged(grouped, complete) or {}
    skippable = quantifier in ("?", "*") or "" in options
    return _merged(grouped, _heads(rest)) if skippable else grouped


def _merged(first: dict[str, str], second: dict[str, str] | None) -> dict[str, str] | None:
    """Two sets of heads as one, the tails of a shared step joined as alternatives."""
    if second is None:
        return None
    merged = dict(first)
    for step, tail in second.items():
        merged[step] = f"(?:{merged[step]}|{tail})" if step in merged else tail
    return merged


# --------------------------------------------------------------------------- normalising

_CHARS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
        "\u00a0": " ",
    }
)


def _respellable(canonical: Mapping[str, str]) -> re.Pattern[str]:
    """The tokens worth a look: "did not" (to become "didn't"), listed variants, and words long
    enough to be -ize spellings or typos; short common words are skipped at C speed."""
    joined = [rf"{verb}\s+not" for verb in _NOT_VERBS] + [r"can\s*not", r"will\s+not"]
    short = [re.escape(word) for word in canonical if len(word) < 6]
    return _regex(
        rf"(?<![\w'])(?:(?:{_dispatch(joined, 8)})\b"
        rf"|(?:{_dispatch(short, 8)})(?![\w'])|[a-z][a-z']{{5,}})"
    )


_IZE = re.compile(r"^([a-z]{3,})([iy])z(e|ed|es|ing|ation|ations|er|ers)$")
_IZE_EXCEPTIONS = frozenset(("capsize", "downsize", "oversize", "undersize", "upsize"))
_INFLECTIONS = frozenset(("", "s", "d", "r", "y", "e", "ed", "er", "es", "ing", "ly", "al"))
_TYPO_MIN = 7


@dataclass(frozen=True)
class _Compiled:
    """What classifying needs from a lexicon, built once: patterns, spellings, vocabulary."""

    matcher: _Matcher
    fallback: re.Pattern[str] | None
    tokens: re.Pattern[str]
    canonical: Mapping[str, str]
    vocabulary: frozenset[str]
    keep: frozenset[str]
    deletions: Mapping[str, frozenset[str]]
    # Themes a theme explains when found right beside it, or anywhere in the same sentence.
    absorbs: Mapping[str, frozenset[str]]
    overrides: Mapping[str, frozenset[str]]
    respelt: dict[str, str] = field(default_factory=dict, compare=False)
    # Each text's result, reused: the same snippets are explained on every rerun of a page.
    explained: dict[str, tuple[ThemeMatch, ...]] = field(default_factory=dict, compare=False)
    # Each sentence's reading, reused across texts (see _ranked_hits).
    units: dict[str, _Reading] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, lexicon: Lexicon) -> _Compiled:
        """Compile every theme's regex and index the vocabulary for typo repair."""
        canonical = dict(lexicon.spellings)
        fragments = dict(lexicon.fragments)
        branches = {t.id: _theme_branches(t, canonical, fragments) for t in lexicon.themes}
        fallback = branches.pop(NO_DETAIL, {})
        vocabulary = frozenset(word for word in lexicon.repairs if len(word) >= _TYPO_MIN)
        deletions: dict[str, set[str]] = {}
        for word in vocabulary:
            for variant in _deletes(word):
                deletions.setdefault(variant, set()).add(word)
        return cls(
            matcher=_Matcher.build(branches),
            tokens=_respellable(canonical),
            fallback=_search_pattern(fallback),
            canonical=canonical,
            vocabulary=vocabulary,
            keep=frozenset(lexicon.keep),
            deletions={key: frozenset(words) for key, words in deletions.items()},
            absorbs={theme.id: frozenset(theme.absorbs) for theme in lexicon.themes},
            overrides={theme.id: frozenset(theme.overrides) for theme in lexicon.themes},
        )

    def respell(self, token: str) -> str:
        """The canonical spelling of one token, remembered since the same words recur."""
        known = self.respelt.get(token)
        if known is None:
            known = self._respell(token)
            if len(self.respelt) < 200_000:
                self.respelt[token] = known
        return known

    def _respell(self, token: str) -> str:
        """Joined negations, listed variants, -ize to -ise, then one-slip typos."""
        words = token.split()
        if len(words) == 2:  # "did not", "can not", "will not"
            return {"can": "can't", "will": "won't"}.get(words[0], words[0] + "n't")
        canonical = _canonical_word(token, self.canonical)
        if canonical != token or len(token) < _TYPO_MIN:
            return canonical
        return self._typo_fix(token)

    def _typo_fix(self, token: str) -> str:
        """The one repair target a single slip away, unless the token is a real word to keep or
        the two differ only in an ending (manager, managed)."""
        if token in self.vocabulary or token in self.keep or "'" in token:
            return token
        candidates = set(self.deletions.get(token, ()))
        for variant in _deletes(token):
            if variant in self.vocabulary:
                candidates.add(variant)
            candidates.update(self.deletions.get(variant, ()))
        fixes = {w for w in candidates if _one_slip(token, w) and not _inflected(token, w)}
        return fixes.pop() if len(fixes) == 1 else token


def _deletes(word: str) -> Iterator[str]:
    """The word with one letter dropped, each way."""
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


def _one_slip(a: str, b: str) -> bool:
    """True if a and b differ by one inserted, dropped, changed or swapped letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    return a[i + 1 :] == b[i + 1 :] or swapped


def _inflected(token: str, word: str) -> bool:
    """True if the two differ only in an ending, like manager and managed: not a typo."""
    i = 0
    while i < min(len(token), len(word)) and token[i] == word[i]:
        i += 1
    return token[i:] in _INFLECTIONS and word[i:] in _INFLECTIONS


@dataclass(frozen=True)
class _Normalised:
    """Lowercased, respelt text plus the way back to the original offsets."""

    text: str
    # Each respelling as (normalised start, normalised end, original start, original end).
    edits: tuple[tuple[int, int, int, int], ...]

    @classmethod
    def of(cls, original: str, compiled: _Compiled) -> _Normalised:
        """Normalise quotes, dashes, case and spelling, remembering every change of length."""
        text = original.translate(_CHARS)
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        if "'" in lowered:  # a quotation mark, not an apostrophe: "seem 'passionate'"
            lowered = _QUOTE_MARK.sub('"', lowered)
        pieces: list[str] = []
        edits: list[tuple[int, int, int, int]] = []
        done = shift = 0
        for token in compiled.tokens.finditer(lowered):
            replacement = compiled.respell(token.group())
            if replacement != token.group():
                start, end = token.span()
                pieces += [lowered[done:start], replacement]
                edits.append((start + shift, start + shift + len(replacement), start, end))
                shift += len(replacement) - (end - start)
                done = end
        if not edits:
            return cls(lowered, ())
        pieces.append(lowered[done:])
        return cls("".join(pieces), tuple(edits))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of a normalised span in the original text; a respelt word maps whole."""
        return self._original_char(start)[0], self._original_char(end - 1)[1]

    def _original_char(self, position: int) -> tuple[int, int]:
        """The original span of one normalised character."""
        index = bisect_right(self.edits, (position, float("inf"))) - 1
        if index < 0:
            return position, position + 1
        _, norm_end, orig_start, orig_end = self.edits[index]
        if position < norm_end:
            return orig_start, orig_end
        moved = orig_end + position - norm_end
        return moved, moved + 1

    def normalised_position(self, position: int) -> int:
        """Where an offset of the original text sits in the normalised text."""
        index = bisect_right([edit[2] for edit in self.edits], position) - 1
        if index < 0:
            return position
        norm_start, norm_end, _, orig_end = self.edits[index]
        return norm_start if position < orig_end else norm_end + position - orig_end


# --------------------------------------------------------------------------- context rules

_WORD = re.compile(r"[a-z0-9][a-z0-9']*")
# A word in any script, for telling a text that says something from one that says nothing:
# "لم تكن إجاباتك واضحة" is a reason no theme names (unsorted), not "no specific reason".
_ANY_WORD = re.compile(r"[^\W_][\w']*")
# A single quote opening or closing a quotation (same length, so offsets stay put).
_QUOTE_MARK = re.compile(r"(?<![\w'])'(?=\w)|(?<=[a-z])'(?=[^\w']|$)(?<!s')")


def _words(text: str) -> frozenset[str]:
    """A set of words written as one block of text, easier to read and extend than a list."""
    return frozenset(text.split())


# What ends the reach of a "not" or a "great": punctuation and words that open a new clause.
_BREAK_WORDS = (
    *("and", "but", "because", "cause", "since", "which", "who", "whom", "whereas", "while"),
    *("whilst", "although", "though", "however", "when", "then", "also", "plus", "yet"),
    *("except", "unless"),
)
_BREAK = re.compile(
    r"[,;:.!?()\[\]\n]|\s(?:-+\s|(?:"
    + _dispatch(
        [*_BREAK_WORDS, r"due[\s-]+to", r"given", r"as[\s-]+well[\s-]+as", r"so[\s-]+that"], 8
    )
    + r"|as(?= (?:you|i|we|they|he|she|it|there|other|your|our|my|their|the)\b))(?![\w']))"
)
_SENTENCE = re.compile(r"[.!?;\n]+")
_NEGATORS = _words("not no never without nor neither none hardly barely cannot nobody noone")
# "I don't think", "we weren't convinced": the negation belongs to the rest of the clause.
_NEGATED_BELIEF = re.compile(
    r"\b(?:(?:don't|didn't|doesn't|never) (?:really )?(?:think|feel|believe|sense|"
    r"get the sense|get the impression|get the feeling)"
    r"|(?:wasn't|weren't|isn't|aren't|not) (?:really |entirely |fully |totally |very |always )?"
    r"(?:sure|convinced|certain|persuaded|clear)|unsure|unconvinced|unclear"
    r"|(?:hard|difficult|tricky|impossible) to (?:see|tell|understand|work out|know|judge|gauge"
    r"|pin down)"
    r"|(?:wasn't|weren't|not) confident (?:that )?(?:you|he|she|they|the candidate)"
    r"|(?:didn't|couldn't|wasn't able to|weren't able to) (?:really )?(?:seem to |appear to )?"
    r"(?:get|form|have) (?:a |any |much of a |enough of a )?"
    r"(?:clear |real |good |strong |full |proper )?"
    r"(?:picture|sense|idea|understanding|feel|view|impression))\b"
)
# "We need someone who has ...", "we went with a candidate with ...": the quality is a requirement.
_WANTED_SOMEONE = re.compile(
    r"\b(?:need|needs|needed|require|requires|required|want|wants|wanted|looking for|look for|"
    r"seeking|prefer|preferred|went with|going with|go with|chose|chosen|appointed|hired|"
    r"offered (?:it|the role|the job|the position) to)\b[^.;!?]{0,40}?\b(?:someone|somebody|"
    r"a candidate|candidates|a person|people|an applicant|applicants|the candidate|the person|"
    r"others|another candidate|another applicant)\b(?: \w+)? (?:who|that|with|whose)\b"
)
# The employer, not the candidate, gave nothing: "the client didn't give anything specific".
_EMPLOYER_SILENT = re.compile(
    r"\b(?:client|company|employer|recruiter|agency|hr|they|she|he|firm|panel|manager|business)"
    r" (?:didn't|wouldn't|couldn't|won't|can't|never|hasn't|haven't|don't|doesn't) (?:really )?"
    r"(?:give|gave|say|tell|share|provide|offer|pass on|send|go into)(?: me| us| you| them)?"
    r" (?:anything|any|much|a thing|more)\b[^,;]*$"
)
# Cheap first looks (plain substrings, fast in C) before the full patterns above are tried.
_NEGATION_HINT = re.compile(r"n't|not|never|uns|unc|hard|diffic|trick|imposs")
_ADVICE_HINT = re.compile(r"'d|ould|ight|try|next|make|remember|work|focus|need|have")
_SOMEONE_HINT = re.compile(r"some|candidate|person|people|applicant|other")
# Words after a negator that turn it into an affirmation: "couldn't stop shaking", "no wonder".
_NOT_NEGATING = frozenset(
    ("stop", "help", "hide", "control", "wonder", "doubt", "matter", "surprise", "only", "just")
)
_LACKING = _words(
    """lack lacked lacking lacks little limited low lower poor weak weaker less insufficient
    more greater better stronger further extra improve improved improving improvement develop
    developing build building boost needed needs need missing unclear unsure uncertain doubt
    doubts doubted doubtful question questioned questions unconvinced struggled struggle
    struggling failed fail failing gap gaps absent inadequate concern concerns concerned
    worried worry worries reservations sceptical hard difficult tricky expected expect hoped
    hoping wanted rarely seldom"""
)
_LACKING_AFTER = _words(
    """lacking missing absent limited low weak poor thin lacked unclear unconvincing wavered
    slipped dropped faded dipped waned questionable could should would needs needed inadequate
    light superficial minimal patchy rushed basic sketchy shallow knocked dented shaken more
    better harder need"""
)
_PRAISE = _words(
    """excellent great strong impressive impressed good fantastic brilliant outstanding superb
    solid exceptional robust perfect spot wonderful lovely amazing terrific fine extensive advanced
    expert proficient fluent competent stellar faultless flawless polished nice plenty wealth
    lots ample deep thorough comprehensive decent ideal well liked loved enjoyed appreciated
    skilled experienced capable knowledgeable accomplished talented seasoned right smart
    smartly appropriate appropriately professional professionally tidy neat presentable pleasant
    tidiest neatest finest realistic reasonable acceptable sensible"""
)
# Words that say nothing about why: a decline made of these alone is "no specific reason";
# any other word left over means the text says something, so it is unsorted instead.
_FILLER = _words(
    """a an the and or but so then than that this these those it its it's of to in on at for
    with from by as about into over after before during until up out off again just only also
    too very really quite still even ever all any some each both one two three first second
    last next other another such own same what which who whom whose why how when where there
    here i i'm i've i'd me my mine myself we we're we've we'd us our ours you you're you've
    you'd your yours he he's him his she she's her hers they they're they've they'd them their
    theirs is are was were be been being am has have had having do does did doing done will
    would shall should can could may might must not no nor never don't didn't doesn't isn't
    wasn't weren't aren't hasn't haven't hadn't won't wouldn't can't couldn't shouldn't yes ok
    okay oh well lol tbh tho though although however unfortunately sadly regrettably afraid
    sorry apologies apologise regret unable able thank thanks thankyou time times interest
    interested wish wishes wishing luck best regards kind kindest warm warmest sincerely
    faithfully cheers dear hi hello hey many much lot lots great good nice lovely pleasure
    enjoyed meeting meet met speak spoke speaking talking chat coming came come go going gone
    went get got getting give given gave giving take taken taking took make made let letting
    say said says saying tell told telling hear heard hearing know let's see seen look looking
    keep kept stay touch future search success successful unsuccessful outcome news decision
    decided decide deciding considered consideration careful carefully consider progress
    progressing proceed proceeding forward ahead further move moving continue occasion stage
    point moment now today yesterday week weeks month months day days later soon back round
    rounds process selection interview interviews interviewed interviewing application
    applications applied apply applying role roles position positions post posts job jobs
    vacancy vacancies opportunity opportunities offer offered offering candidate candidates
    applicant applicants person people someone somebody else individual individuals profile
    profiles feedback reason reasons detail details specific specifics why explanation email
    emails e-mail mail message messages text texted call called calls rang ring phone phoned
    letter reply replied response heard line generic standard template automated automatic
    form recruiter recruiters agency hr manager managers hiring team panel interviewer
    interviewers client clients company employer employers organisation business firm they
    asked ask asking chased chase chasing waiting wait waited heard nothing anything
    everything something reject rejected rejection rejections declined decline turned knocked
    ghosted no-show unsuccessfully sent send appreciate appreciated appreciation effort trouble
    attend attending attended invitation invite invited shortlist shortlisted assessment
    trial shift centre center screening think thought thinking felt feel feeling liked like
    enjoy genuinely truly honestly way fine well work working every trust council school
    completed complete concluded against count counted doubts doubt concerns concern
    recruitment recruiting selected chosen picked appointed successful based range factors
    factor various number reasons eye careers page cv file files record records pleasure
    chatting chatted deliberation deliberations patience policy invested investing please
    hope hoping wish wished regrettably unfortunate circumstances sir madam re ref reference
    reviewed review reviewing everyone everybody conversation conversations across worth
    resourcing talent acquisition that's thats twice january february march april june july
    august september october november december monday tuesday wednesday thursday friday
    saturday sunday idea reflected reflection reflecting weighed reaching reached following
    career lmao haha ugh sigh throughout issue issues thing things listed place end
    mailbox monitored portal status archived overnight whatsapp linkedin inmail voicemail
    emoji thumbs bye drop advised advise inform informed provide provided mind bits happy mate
    greetings retain retained database candidature evaluation evaluated unsuitable"""
)
# Qualities said of the candidate that, unqualified, are praise: "your answers were clear".
_POSITIVE = _PRAISE | _words(
    """clear clearly concise relevant focused structured confident calm articulate friendly
    warm engaging thoughtful enthusiastic motivated prepared punctual polite pleasant
    personable positive impressive impressed capable qualified credible detailed insightful
    handled proud"""
)
# The most words of substance a clause of praise may hold beside its praise and still be courtesy.
_PRAISE_CLAUSE_WORDS = 3
# How many words before a match that was read and ruled out count as explained with it.
_UNDERSTOOD_WORDS = 4
# A subject or reference line of a letter: "Re: ...", "Subject: ...", "Ref 4471 - ...".
_SUBJECT_LINE = re.compile(r"\s*(?:re|ref|reference|subject|fw|fwd)\b\s*[:.#-]")
_GREETINGS = _words("dear hi hello hey morning afternoon")
_SIGN_OFF = re.compile(
    r"\s*(?:(?:with )?(?:kind|kindest|best|warm|warmest|many)? ?(?:regards|wishes)|best|"
    r"cheers|thanks|thank you|sincerely|yours(?: sincerely| faithfully| truly)?|all the best|"
    r"(?:best of luck|good luck|all the best|best wishes)(?: (?:with|in|for) [^.!?]{0,40})?|"
    r"speak soon|take care|warmly|respectfully|with thanks|many thanks)\W*$"
)
# Words that make "strong" a requirement or a comparison, not praise ("someone with strong SQL").
_NOT_PRAISE = re.compile(
    r"\b(?:need|needs|needed|require|requires|required|requirement|essential|must|looking|"
    r"seeking|sought|wanted|want|prefer|preferred|ideally|desirable|necessary|critical|crucial|"
    r"vital|expected|expect|priority|someone|somebody|candidate|candidates|applicant|"
    r"applicants|person|other|another|whose|more|stronger|better|greater|gap|gaps|"
    r"lacked|lacking|lack)\b"
)
# Advice in the lead-up ("try to", "we'd have liked") means the quality was missing.
_ADVICE = re.compile(
    r"\b(?:(?:would|'d|should|could|might)(?:'ve| have)? (?:liked|like|loved|wanted|preferred|"
    r"been (?:good|better|nice|great|helpful|useful))|try(?: to| and)?|next time|make sure|"
    r"remember to|work on|focus on|need to|needs to|needed to|have to|should|could have)\b"
)
_RULED_OUT_BEFORE = re.compile(
    r"\b(?:no (?:real |major |particular |big )?(?:concerns?|issues?|problems?|doubts?|worries|"
    r"questions?|complaints?) (?:\w+ )?(?:with|about|over|regarding|around|re|on)|"
    r"nothing wrong with|happy with|satisfied with|pleased with|impressed (?:with|by)|"
    r"regardless of|irrespective of|nothing to do with|not because of|not about|"
    r"(?:didn't|don't|doesn't|never) (?:doubt|question)|(?:don't|didn't|doesn't|won't) "
    r"(?:need|require)|no need for)(?: \S+){0,5} ?$"
)
_RULED_OUT_AFTER = re.compile(
    r"^ ?(?:\S+ ){0,3}?(?:(?:(?:was|were|is|are|has|have|had)(?: not| never)|wasn't|weren't|"
    r"isn't|aren't|hasn't|haven't|hadn't)(?: really| at all| been| ever)? (?:an? |the )?(?:issue|"
    r"problem|concern|factor|consideration|worry|barrier|reason|required|needed|necessary|"
    r"essential|requirement|part of)|(?:had|has|have|made) no (?:bearing|influence|impact|part|"
    r"role|effect|difference)|(?:didn't|doesn't|don't|never) (?:matter|factor|come into it|count|"
    r"play|affect|influence|get in the way|hold you back)|(?:was|were|is|are) (?:fine|ok|okay|"
    r"not a problem|no problem)\b|(?:fits|fitted|suits|suited|works|worked|would (?:have )?"
    r"(?:worked|suited|fitted|been fine))(?: perfectly| fine| well| for us)?\b)"
)
# "Not an experience thing": the negation comes first, the thing it rules out is named after.
_NOT_A_THING_BEFORE = re.compile(
    r"(?:\bnot|n't|\bnever)(?: really| exactly| just| simply| so much)? (?:an?|the|your|any) ?$"
)
# "It wasn't your experience (that held you back)": a cleft that rules out what it names.
_NOT_IT_BEFORE = re.compile(
    r"\bit (?:wasn't|isn't|was not|is not|'s not|wasn't really|isn't really|was never|is never)"
    r"(?: really| just| simply| so much| about| down to| because of)? (?:your|the|their|his|her|my|"
    r"any|an?)? ?$"
)
_A_THING_AFTER = re.compile(
    r" ?(?:thing|issue|problem|question|concern|factor|worry|matter|gap)s?(?![\w'])"
)
# Every way of ruling something out uses one of these (a cheap first look before the patterns).
_RULED_OUT_HINT = re.compile(
    r"no|n't|never|happy|satisf|pleased|impressed|regardless|irrespective|fine|ok"
)
_UNNOTICED_AFTER = re.compile(
    r"^ ?(?:\S+ ){0,2}?(?:didn't|never|wasn't|weren't) (?:really )?(?:show|come across|"
    r"come through|visible|noticeable|obvious|apparent|evident)"
)
# A topic named in a courtesy line ("thank you for applying for the Python role") or as the
# candidate's own interest ("more focused on the pay") is no requirement.
_MENTION_ONLY_BEFORE = re.compile(
    r"\b(?:thank(?:s| you) for|application for|applying for|applied for|interest in|"
    r"interested in|interviewing for|interviewed for|interview for|role of|position of|post of|"
    r"vacancy for|conflicts? of|(?:said|says|mentioned|muttered) something about|"
    r"(?:teach|teaching|taught|lecture|lecturing|tutoring) on|"
    r"(?:hope|hoping|hopes|plan|planning|plans|intend|intending|going) to (?:start|begin|do|take)|"
    r"(?:i|you|he|she) (?:have|had|hold|held|'ve got|'ve) (?:every|all the|all of the|both)|"
    r"focused on|concerned with|motivated by|fixated on|obsessed with|keen on|"
    r"(?:enthusiastic|unenthusiastic|excited|passionate|interested|uninterested|disinterested)"
    r" about)\b"
)
# A role named in a courtesy line: what follows is its title, not the candidate's traits.
_COURTESY_BEFORE = re.compile(
    r"\b(?:thank(?:s| you) for (?:applying|your application|your interest|interviewing|coming"
    r"|attending)|application for|applying for|applied for|interviewing for|interviewed for|"
    r"interview for|role of|"
    r"position of|post of|vacancy for)\b[^.!?]{0,40}$"
)
# A topic or subject that names a team, function or post ("the payroll function", "a youth
# centre", "our shift supervisor pipeline") says where someone works, not what was lacking.
_UNIT_AFTER = re.compile(
    r" ?(?:support )?(?:team|teams|department|dept|pipeline|supervisor|supervisors|"
    r"centre|center|centres|worker|workers|work|concern|concerns|service|services|unit|ward|"
    r"officer|officers|lead|programme|scheme|club|charity|sector)(?![\w'])"
)
# Themes whose topics and flags are nouns that can name a team or post (a tool, a sector, a
# working pattern, a protected subject); other themes' topics end in words of their own.
_UNIT_NAMING = frozenset(("skills_gap", "logistics", "possible_bias"))
_FUNCTION_AFTER = re.compile(r" ?functions?(?![\w'])")
_UNIT_ARTICLES = ("the ", "whole ", "entire ", "our ", "their ", "your ")
_ADVERSATIVE = re.compile(
    r"\b(?:but|however|that said|having said that|nevertheless|nonetheless|even so|"
    r"on the other hand|although|though)\b|,\s*yet\b"
)
# A tool, system or licence named after one of these cues, capitalised as names are.
TOOL_THEME = "skills_gap"
_TOOL_CUES = (
    # "worked in the NHS" names a place of work, "worked in Figma" a tool: no article for these.
    r"(?:use|uses|using|used|(?:work|works|worked) in(?! (?:the|a|an|our|their|your|my) )|"
    r"experience (?:with|in|of|using)|"
    r"experienced (?:with|in|on)|knowledge of|familiar(?:ity)? with|exposure to|"
    r"(?:certificate|certification|qualification|diploma|licence|license|ticket|accreditation|"
    r"course|training|skills?|proficiency|fluency) in|(?:certified|trained|qualified|fluent|"
    r"proficient|skilled|accredited|competent|confident|comfortable) (?:in|on|with)|fluent in|"
    r"knows|know|knew|"
    r"build (?:in|with)|built (?:in|with)|done in|drawn in|designed in|coded in|written in)"
)
# A capital letter after a lowercase word: the cheap first look for a name mid-sentence.
_TOOL_HINT = re.compile(r"[a-z] [A-Z]")
_TOOL_NAME = re.compile(
    rf"(?<![\w'])(?i:{_TOOL_CUES}) (?:(?i:the|a|an|our|their|your|my) )?"
    r"((?:[A-Z][\w+#./-]*[\w+#]|[A-Z])(?: (?:[A-Z0-9][\w+#./-]*[\w+#]|[A-Z0-9]|of|and|&)){0,3})"
    r"(?<! of)(?<! and)(?<! &)"
)
# Capitalised words after those cues that name no tool.
_NOT_TOOLS = _words(
    """i i'm i've i'd it it's they we you he she this that these those there here the a an
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december christmas easter uk us eu star"""
)
_CONCESSIVE_START = re.compile(
    r"\W*(?:although|though|even though|while|whilst|despite|in spite of|even if|granted)\b"
)
_CLAUSE_BREAK = re.compile(r"[.!?;\n]|\b(?:but|however|although|though|yet|whereas)\b")
_CONTINUES = re.compile(r"\W*(?:however|but|that said|having said that)\b")


@dataclass(frozen=True)
class _Hit:
    """A phrase that survived its context: theme and normalised span."""

    theme: str
    start: int
    end: int


class _Scope:
    """One normalised text with its clause breaks, found once and shared by all its matches."""

    def __init__(self, text: str) -> None:
        self.text = text
        breaks = [match.span() for match in _BREAK.finditer(text)]
        self._break_starts = [start for start, _ in breaks]
        self._break_ends = [end for _, end in breaks]
        self._clause_ends: list[int] | None = None
        self._conceded: list[tuple[int, int]] | None = None

    def lead_start(self, position: int, reach: int = 100) -> int:
        """Where the sub-clause before this position begins (a few words back at most)."""
        index = bisect_right(self._break_ends, position) - 1
        return max(self._break_ends[index] if index >= 0 else 0, position - reach)

    def tail_end(self, position: int, reach: int = 100) -> int:
        """Where the sub-clause after this position ends (a few words on at most)."""
        index = bisect_left(self._break_starts, position)
        starts = self._break_starts
        return min(starts[index] if index < len(starts) else len(self.text), position + reach)

    def clause_start(self, position: int) -> int:
        """Where the clause holding this position begins: the sentence start or the last "but"."""
        if self._clause_ends is None:
            self._clause_ends = [match.end() for match in _CLAUSE_BREAK.finditer(self.text)]
        index = bisect_right(self._clause_ends, position) - 1
        return max(self._clause_ends[index] if index >= 0 else 0, position - 200)

    def conceded(self, position: int) -> bool:
        """True inside a clause that a "but" overrides, or inside an "although ..." opening."""
        if self._conceded is None:
            self._conceded = _conceded_spans(self.text)
        return any(start <= position < end for start, end in self._conceded)


class _Context:
    """The words around one match: its sub-clause before and after."""

    def __init__(self, scope: _Scope, start: int, end: int) -> None:
        self.scope, self.start = scope, start
        self.lead_start = scope.lead_start(start)
        self.lead = scope.text[self.lead_start : start]
        self.tail = scope.text[end : scope.tail_end(end)]
        self.before = _WORD.findall(self.lead)[-5:]

    def understood_start(self) -> int:
        """Where a match read and ruled out begins, with the few words that ruled it out ("not
        nervous at all"): a long lead is not explained by one praised word at its end."""
        words = list(_WORD.finditer(self.scope.text, self.lead_start, self.start))
        return (
            words[-_UNDERSTOOD_WORDS].start() if len(words) > _UNDERSTOOD_WORDS else self.lead_start
        )

    def cue_start(self) -> int:
        """Where the words that make the match count begin: "did not", "more", or the match."""
        words = list(_WORD.finditer(self.scope.text, self.lead_start, self.start))[-4:]
        for word in words:
            if word[0] in _NEGATORS or word[0] in _LACKING or word[0].endswith("n't"):
                return word.start()
        return self.start

    def negated(self) -> bool:
        """True if a word just before negates the match ("did not seem", "never", "wasn't"), or
        the clause opens with a negated belief ("I don't think I came across as ...")."""
        if _NEGATION_HINT.search(self.lead) and _NEGATED_BELIEF.search(self.lead):
            return True
        words = self.before
        for index, word in enumerate(words):
            if word in _NEGATORS or word.endswith("n't"):
                following = words[index + 1] if index + 1 < len(words) else ""
                if following not in _NOT_NEGATING:
                    return True
        return False

    def double_negative(self) -> bool:
        """True for "did not lack", "no shortage of": a negated lack, so nothing is missing."""
        words = self.before[-4:]
        for index, word in enumerate(words):
            if word in _NEGATORS or word.endswith("n't"):
                return any(later in _LACKING for later in words[index + 1 :])
        return False

    def lacking(self) -> bool:
        """True if the words around say it fell short ("more", "lacked", "was missing", "try to"),
        or that someone else was wanted for it ("we need someone who has ...")."""
        if any(word in _LACKING for word in self.before):
            return True
        if _ADVICE_HINT.search(self.lead) and _ADVICE.search(self.lead):
            return True
        clause = self.scope.text[self.scope.clause_start(self.start) : self.start]
        if _SOMEONE_HINT.search(clause) and _WANTED_SOMEONE.search(clause):
            return True
        after = _WORD.findall(self.tail)[:6]
        return any(w in _LACKING_AFTER or w in _NEGATORS or w.endswith("n't") for w in after)

    def ruled_out(self) -> bool:
        """True if the text says it was no problem ("no concerns about", "was not a factor")."""
        near = self.lead[-60:]
        if _RULED_OUT_HINT.search(near) and _RULED_OUT_BEFORE.search(near):
            return True
        if _NOT_A_THING_BEFORE.search(near) and _A_THING_AFTER.match(self.tail):
            return True  # "not an experience thing", "it wasn't a salary issue"
        if "it" in near and _NOT_IT_BEFORE.search(near):
            return True  # "it wasn't your experience that held you back"
        return bool(_RULED_OUT_HINT.search(self.tail) and _RULED_OUT_AFTER.match(self.tail))

    def praised(self) -> bool:
        """True if its sub-clause praises rather than asks: "great SQL", not "SQL was needed"."""
        words = [*_WORD.findall(self.lead), "", *_WORD.findall(self.tail)]
        for index, word in enumerate(words):
            before = words[max(0, index - 2) : index]
            if word in _PRAISE and not any(w in _NEGATORS or w.endswith("n't") for w in before):
                clause = self.scope.text[self.scope.clause_start(self.start) : self.start]
                return not _NOT_PRAISE.search(clause + " " + self.tail)
        return False

    def conceded(self) -> bool:
        """True if it sits in a clause that a "but" overrides, or in an "although ..." opening."""
        return self.scope.conceded(self.start)


def _names_unit(context: _Context) -> bool:
    """True when the words name a team, post or function ("payroll team", "the whole payroll
    function"), but not "a Python function": a function is a unit only after "the" or "whole"."""
    if _UNIT_AFTER.match(context.tail):
        return True
    return bool(_FUNCTION_AFTER.match(context.tail)) and context.lead.endswith(_UNIT_ARTICLES)


def _counts_phrase(context: _Context) -> bool:
    """A shortfall counts unless negated or said not to show."""
    unnoticed = _NEGATION_HINT.search(context.tail) and _UNNOTICED_AFTER.match(context.tail)
    return not (context.negated() or context.ruled_out() or unnoticed)


def _counts_virtue(context: _Context) -> bool:
    """A quality counts only when it is said to be lacking (and "did not lack" is not lacking),
    by the candidate: an employer that "didn't give anything specific" said nothing."""
    if context.ruled_out() or context.double_negative():
        return False
    silent_hint = "n't" in context.lead or "never" in context.lead
    if silent_hint and _EMPLOYER_SILENT.search(context.lead):
        return False
    return context.negated() or context.lacking()


def _counts_topic(context: _Context) -> bool:
    """A requirement counts unless praised, conceded, ruled out or merely named in a courtesy."""
    if context.ruled_out() or _MENTION_ONLY_BEFORE.search(context.lead):
        return False
    if context.negated() or any(word in _LACKING for word in context.before[-4:]):
        return True
    return not (context.praised() or context.conceded())


def _counts_flag(context: _Context) -> bool:
    """A sensitive subject counts unless explicitly ruled out, or it only names the role applied
    for ("thank you for applying for the Cancer Nurse role")."""
    return not (context.ruled_out() or _COURTESY_BEFORE.search(context.lead))


_RULES: dict[str, Callable[[_Context], bool]] = {
    "phrases": _counts_phrase,
    "virtues": _counts_virtue,
    "topics": _counts_topic,
    "flags": _counts_flag,
}


def _ranked_hits(
    text: str,
    compiled: _Compiled,
    units: list[tuple[int, int]],
    understood: list[tuple[int, int]] | None = None,
    tools: list[tuple[str, str, int, int]] | None = None,
) -> list[_Hit]:
    """The first surviving hit of each theme: most hits first, then earliest first; every span
    read and ruled out ("not nervous at all", "great SQL") goes into `understood`. `tools` are
    names the lexicon does not know, read as skills_gap requirements.

    Every rule reads within a sentence, so each sentence is read on its own and its reading
    reused: greetings, sign-offs and stock lines recur across a coach's archive. `units` are
    the text's sentences (_units), cut once for the rules and the word model."""
    found: dict[str, list[_Hit]] = {}
    for start, end in units:
        mine = [(t, k, s - start, e - start) for t, k, s, e in tools or () if start <= s < end]
        unit = text[start:end]
        reading = None if mine else compiled.units.get(unit)
        if reading is None:
            reading = _unit_hits(unit, compiled, mine)
            if not mine:
                if len(compiled.units) >= _EXPLAINED_KEPT:
                    compiled.units.clear()
                compiled.units[unit] = reading
        unit_found, unit_understood = reading
        for theme_id, hits in unit_found:
            found.setdefault(theme_id, []).extend(
                _Hit(theme_id, hit_start + start, hit_end + start) for hit_start, hit_end in hits
            )
        if understood is not None:
            understood.extend((s + start, e + start) for s, e in unit_understood)
    ranked = sorted(found.values(), key=lambda hits: (-len(hits), hits[0].start))
    return [hits[0] for hits in ranked]


# One sentence read: its hits as (theme, spans) in order found, and the spans ruled out.
_Reading = tuple[tuple[tuple[str, tuple[tuple[int, int], ...]], ...], tuple[tuple[int, int], ...]]


def _units(text: str) -> list[tuple[int, int]]:
    """The text's sentences as spans, each with its closing marks, covering the whole text: a
    sentence ends after a line break, or after a full stop, question mark or semicolon before a
    blank; not inside "3.5k", and not before "However, ..." (it answers the one before it)."""
    spans = []
    start = 0
    for found in _SENTENCE.finditer(text):
        marks, end = found.group(), found.end()
        if "\n" in marks:
            end = found.start() + marks.rindex("\n") + 1
        elif end < len(text) and not text[end].isspace():
            continue
        if end > start and not _CONTINUES.match(text, end):
            spans.append((start, end))
            start = end
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _unit_hits(text: str, compiled: _Compiled, tools: list[tuple[str, str, int, int]]) -> _Reading:
    """One sentence's surviving hits by theme, and the spans read and ruled out."""
    scope = _Scope(text)
    found: dict[str, list[_Hit]] = {}
    understood: list[tuple[int, int]] = []
    free_from: dict[str, int] = {}
    matches = compiled.matcher.matches(text)
    if tools:
        matches = iter(sorted([*matches, *tools], key=lambda match: match[2]))
    for theme_id, kind, start, end in matches:
        if start < free_from.get(theme_id, 0):
            continue  # inside a match of its theme that counted
        context = _Context(scope, start, end)
        names_unit = kind in ("topics", "flags") and theme_id in _UNIT_NAMING
        if not (names_unit and _names_unit(context)) and _RULES[kind](context):
            # A match that counts hides the overlapping ones of its theme; one ruled out does
            # not ("had ... questions" praised does not hide "zero questions at the end").
            free_from[theme_id] = end
            # A quality or a requirement is shown with the words that make it a shortfall.
            begin = context.cue_start() if kind in ("virtues", "topics") else start
            found.setdefault(theme_id, []).append(_Hit(theme_id, begin, end))
        else:
            understood.append((context.understood_start(), end))
    _absorb(found, compiled.absorbs, lambda one, other: _beside(text, one, other))
    _absorb(found, compiled.overrides, lambda one, other: _same_sentence(text, one, other))
    hits = tuple(
        (theme_id, tuple((hit.start, hit.end) for hit in theme_hits))
        for theme_id, theme_hits in found.items()
    )
    return hits, tuple(understood)


def _tool_names(
    original: str, norm: _Normalised, compiled: _Compiled
) -> list[tuple[str, str, int, int]]:
    """Capitalised names after "use", "experience with", "certificate in" and the like, in
    the original text (case is lost once normalised): a tool, system or licence the lexicon has
    never heard of ("can use SystmOne", "a certificate in Pool Plant Operations")."""
    if TOOL_THEME not in compiled.absorbs or not _TOOL_HINT.search(original):
        return []
    found = []
    for match in _TOOL_NAME.finditer(original):
        if match[1].lower() in _NOT_TOOLS:
            continue
        cue = norm.normalised_position(match.start())
        found.append((TOOL_THEME, "topics", cue, norm.normalised_position(match.end(1) - 1) + 1))
    return found


def _conceded_spans(text: str) -> list[tuple[int, int]]:
    """Spans granted before a "but" or inside an "although ..." opening: not the reason."""
    spans = []
    for start, end in _sentences(text):
        opening = _CONCESSIVE_START.match(text, start, end)
        if opening:
            comma = text.find(",", opening.end(), end)
            spans.append((start, comma if comma >= 0 else end))
        clause_start = start
        for marker in _ADVERSATIVE.finditer(text, start, end):
            spans.append((clause_start, marker.start()))
            clause_start = marker.end()
    return spans


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; one that opens with "However" is joined to the sentence it answers."""
    spans: list[tuple[int, int]] = []
    start = 0
    for found in [*_SENTENCE.finditer(text), None]:
        end = found.start() if found else len(text)
        if spans and _CONTINUES.match(text, start, end):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        start = found.end() if found else end
    return spans


def _absorb(
    found: dict[str, list[_Hit]],
    absorbs: Mapping[str, frozenset[str]],
    near: Callable[[_Hit, _Hit], bool],
) -> None:
    """Drop hits that a more specific theme explains near them ("Java experience")."""
    for theme_id in list(found):
        for other in absorbs.get(theme_id, ()):
            if theme_id in found and other in found:
                kept = [
                    hit
                    for hit in found[other]
                    if not any(near(hit, mine) for mine in found[theme_id])
                ]
                if kept:
                    found[other] = kept
                else:
                    del found[other]


_BESIDE = 24  # characters: "Python experience", "experience with SAP and Oracle"


def _beside(text: str, one: _Hit, other: _Hit) -> bool:
    """True if two hits overlap or sit a few words apart in one clause: "SAP experience" is one
    reason, but "the ticket, and had run bigger jobs" names a skill and an experience."""
    first, second = sorted((one, other), key=lambda hit: hit.start)
    return first.end >= second.start or (
        second.start - first.end <= _BESIDE and _same_clause(text, first, second)
    )


def _same_clause(text: str, one: _Hit, other: _Hit) -> bool:
    """True if nothing that opens a new clause (a comma, "and", "but") separates two hits."""
    first, second = sorted((one, other), key=lambda hit: hit.start)
    return first.end >= second.start or not _BREAK.search(text, first.end, second.start)


def _same_sentence(text: str, one: _Hit, other: _Hit) -> bool:
    """True if no full stop, question mark or line break separates two hits."""
    first, second = sorted((one, other), key=lambda hit: hit.start)
    return first.end >= second.start or not _SENTENCE.search(text, first.end, second.start)


def _signature_start(text: str) -> int:
    """Where the signature begins: the line after a sign-off ("Kind regards,"); a name or job
    title there ("Head of Asian Markets", "Jordan Sage") is no reason for the decision."""
    if "\n" not in text:
        return len(text)
    offset = 0
    lines = text.split("\n")
    for number, line in enumerate(lines[:-1]):
        offset += len(line) + 1
        if number and _SIGN_OFF.match(line) and _WORD.search(line):
            return offset
    return len(text)


def _no_detail_hit(
    text: str, compiled: _Compiled, understood: list[tuple[int, int]]
) -> _Hit | None:
    """The boilerplate that says nothing, or the whole text when it says next to nothing; None
    when words are left that no theme explains, so the text is unsorted rather than "no reason"."""
    found = list(compiled.fallback.finditer(text)) if compiled.fallback else []
    spans = [match.span() for match in found] + understood
    left = _unexplained_words(text, spans)
    # One stray word beside a stock decline or praise is most likely filler; one word that is
    # the whole text, or the only word of substance in a text with neither, is not.
    if left >= 2 or (left == 1 and (len(_ANY_WORD.findall(text)) <= 3 or not found)):
        return None
    if found:
        return _Hit(NO_DETAIL, *found[0].span())
    start = len(text) - len(text.lstrip())
    return _Hit(NO_DETAIL, start, len(text.rstrip()))


def _unexplained_words(text: str, spans: list[tuple[int, int]]) -> int:
    """How many words outside these spans carry content: not filler, courtesy, praise ("you
    handled it well" says nothing to work on), a greeting's name or a sign-off's signature."""
    lines = text.split("\n")
    left = offset = 0
    for number, line in enumerate(lines):
        if number and _SIGN_OFF.match(lines[number - 1]):
            break  # what follows "Kind regards," is a signature
        if _SUBJECT_LINE.match(line):
            offset += len(line) + 1
            continue  # "Re: Vacancy 7781 - Hospital Porter" names the post, not a reason
        words = list(_ANY_WORD.finditer(line))
        if words and words[0][0] in _GREETINGS:
            words = words[2:]  # "Dear Priya", "Hi Sam"
        clauses: dict[int, list[str]] = {}
        breaks = [found.start() for found in _BREAK.finditer(line)]
        for word in words:
            if not any(start <= offset + word.start() < end for start, end in spans):
                clauses.setdefault(bisect_right(breaks, word.start()), []).append(word[0])
        for clause in clauses.values():
            clause = [word.strip("'") for word in clause]
            # A word said again says nothing new ("cool cool cool").
            content = {
                word
                for word in clause
                if word not in _FILLER and not word[:1].isdigit() and len(word) > 1
            }
            # Praise is no reason, but only a short clause of praise: "cope with the cold on the
            # loading bay, coming from somewhere warm" says something, "warm" or not.
            if (
                any(word in _POSITIVE for word in clause)
                and not any(word in _NEGATORS or word.endswith("n't") for word in clause)
                and len(content - _POSITIVE) <= _PRAISE_CLAUSE_WORDS
            ):
                continue
            left += len(content)
        offset += len(line) + 1
    return left


def _to_match(hit: _Hit, norm: _Normalised, original: str) -> ThemeMatch:
    """A hit in the caller's own offsets and words."""
    start, end = norm.original_span(hit.start, hit.end)
    return ThemeMatch(hit.theme, original[start:end], start, end)


@dataclass(frozen=True)
class _TextReading:
    """What the rules made of one text: the surviving hits and the spans they ruled out."""

    norm: _Normalised
    body: str  # the normalised text before any signature
    units: list[tuple[int, int]]  # the body's sentences
    hits: list[_Hit]
    understood: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str, compiled: _Compiled) -> _TextReading:
        """Read a text with every rule; no theme, or no_detail, when the rules find none."""
        norm = _Normalised.of(text, compiled)
        understood: list[tuple[int, int]] = []
        body = norm.text[: _signature_start(norm.text)]
        tools = [tool for tool in _tool_names(text, norm, compiled) if tool[3] <= len(body)]
        units = _units(body)
        hits = _ranked_hits(body, compiled, units, understood, tools)
        if not hits:
            empty = _no_detail_hit(norm.text, compiled, understood)
            hits = [empty] if empty else []
        return cls(norm, body, units, hits, understood)

    def model_units(self) -> list[str]:
        """The body's sentences as the word model reads them: what the rules ruled out ("not
        nervous at all", "great SQL") blanked, so praise and negation cannot feed a theme, but
        never the words of a theme the rules found ("too modest about your achievements")."""
        body = self.body
        if self.understood:
            chars = list(body)
            for start, end in self.understood:
                chars[start:end] = " " * len(chars[start:end])
            for hit in self.hits:
                chars[hit.start : hit.end] = body[hit.start : hit.end]
            body = "".join(chars)
        return [body[start:end] for start, end in self.units]


def _with_model(
    text: str,
    reading: _TextReading,
    known: tuple[ThemeMatch, ...],
    lexicon: Lexicon,
    model: WordModel,
) -> tuple[ThemeMatch, ...]:
    """The rules' themes less those the word model doubts (never one an advisor's file
    extends), then the themes it finds that the rules missed, each explained by the word that
    weighed most for it."""
    units = reading.model_units()
    added, doubted = model.judged(units, [match.theme for match in known])
    doubted -= lexicon.trusted
    if doubted:
        known = tuple(match for match in known if match.theme not in doubted)
    added = [theme for theme in added if theme in lexicon.ids] if added else added
    if not added:
        return known
    spans: dict[str, tuple[int, int]] = {}
    for (offset, _), unit in zip(reading.units, units, strict=True):
        for feature, span in feature_spans(unit, offset):
            spans.setdefault(feature, span)
    wheres = [(theme, model.strongest(theme, spans)) for theme in added]
    return known + tuple(
        _to_match(_Hit(theme, *where), reading.norm, text) for theme, where in wheres if where
    )
