"""What the rejections are saying: feedback and own notes sorted into themes, with patterns.

Two sources, shown apart and together:
- the employer's words: the feedback written into a reflection, and the note on a rejection
  (the same words are counted once);
- the candidate's own words: "what went wrong" in a reflection, and its quick picks
  (nerves, lateness, ...), which map straight onto themes without guessing.

The user can correct a snippet's themes; corrections are keyed by the snippet's words, so
they outlive ids (a restore from backup) and always win over the classifier.

A snippet the classifier could not place (words with a reason no theme names) is unsorted: it
has no theme, is never counted as "no specific reason", never makes its rejection one "with no
usable reason", and is listed for the user to place with one click.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from bounceback.domain import FollowUpKind, Stage
from bounceback.presenter import Aliases, mask_snippets
from bounceback.reflections import Prompt, TripUp
from bounceback.themes import NO_DETAIL, Lexicon, ThemeMatch, explain

EMPLOYER = "employer"
OWN = "own"
SOURCES = {EMPLOYER: "What employers said", OWN: "Your own notes"}
# The quick picks of the reflection form already name their theme.
TRIP_UP_THEMES: dict[TripUp, str] = {
    TripUp.CAUGHT_OFF_GUARD: "answer_quality",
    TripUp.NERVES: "confidence",
    TripUp.LATE: "first_impression",
    TripUp.DRESS_CODE: "first_impression",
    TripUp.LITTLE_RESEARCH: "preparation",
    TripUp.VAGUE_ANSWERS: "answer_quality",
    TripUp.UNDERSOLD: "selling_yourself",
    TripUp.NO_QUESTIONS: "preparation",
    TripUp.TECH_PROBLEMS: "first_impression",
}
STAGE_GROUPS = ("Before an interview", "After one interview", "After two or more")
SNIPPET_COLUMNS = [
    "key",
    "source",
    "text",
    "preset",
    "application_id",
    "company",
    "role",
    "on",
    "stage_group",
]
Corrections = Mapping[str, Mapping[str, bool]]


def having_themes(themed: pd.DataFrame, test: Callable[[list[str]], bool]) -> pd.DataFrame:
    """The snippets whose themes pass a test; an empty frame keeps its columns.

    Indexing with a mapped Series is unsafe: mapped over no rows, it has no boolean dtype and
    pandas reads it as a list of column names, which drops every column.
    """
    if themed.empty:
        return themed
    return themed.loc[[bool(test(list(found))) for found in themed["themes"]]]


def snippet_key(source: str, text: str) -> str:
    """A stable name for a snippet: its source and words, never a database id."""
    digest = hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()[:16]
    return f"{source}:{digest}"


def _stage_group(rounds: int) -> str:
    """How far the application got, in three honest groups."""
    return STAGE_GROUPS[min(int(rounds), 2)]


def snippets(frames: dict[str, pd.DataFrame], table: pd.DataFrame) -> pd.DataFrame:
    """Every piece of feedback and every own note, one row each, with where it came from."""
    if table.empty:
        return pd.DataFrame(columns=SNIPPET_COLUMNS)
    history = frames["events"]
    noes = history[(history["stage"] == Stage.REJECTED.value) & (history["note"].str.strip() != "")]
    notes = frames["reflections"]
    said = notes[notes["feedback"].str.strip() != ""]
    picks = notes["trip_ups"].map(json.loads)
    own = notes[(notes["went_wrong"].str.strip() != "") | (picks.map(len) > 0)]
    own_picks = picks[own.index]
    parts = [
        _part(EMPLOYER, noes["note"], noes["application_id"], _came_on(noes, notes)),
        # Dated by when the feedback came, not by when the reflection was written.
        _part(
            EMPLOYER,
            said["feedback"],
            said["application_id"],
            said["feedback_received_on"].where(
                said["feedback_received_on"].notna(), said["written_on"]
            ),
        ),
        _part(
            OWN,
            own["went_wrong"].where(
                own["went_wrong"].str.strip() != "",
                own_picks.map(lambda items: "; ".join(TripUp(item).label for item in items)),
            ),
            own["application_id"],
            own["written_on"],
            own_picks.map(
                lambda items: tuple(dict.fromkeys(TRIP_UP_THEMES[TripUp(i)] for i in items))
            ),
        ),
    ]
    found = (
        pd.concat([part for part in parts if len(part)], ignore_index=True)
        if any(len(part) for part in parts)
        else pd.DataFrame(columns=SNIPPET_COLUMNS)
    )
    if found.empty:
        return found
    # The same words from one application (a rejection note copied into a reflection) count
    # once, dated by the earliest: when they came.
    found = found.sort_values("on", kind="stable").drop_duplicates(
        ["key", "application_id"], keep="first"
    )
    about = table.set_index("id")
    found["company"] = found["application_id"].map(about["company"])
    found["role"] = found["application_id"].map(about["role"])
    found["stage_group"] = found["application_id"].map(about["interviews"]).map(_stage_group)
    return found.sort_values("on", kind="stable").reset_index(drop=True)[SNIPPET_COLUMNS]


def _came_on(noes: pd.DataFrame, notes: pd.DataFrame) -> pd.Series:
    """When a rejection's words came: the day a reflection on it says, else the rejection's.

    A reflection on a rejection reads and edits the rejection's note (its one home), so the
    "Feedback came on" it records dates those words.
    """
    on_rejection = notes[
        (notes["prompt"] == Prompt.REJECTION.value) & notes["feedback_received_on"].notna()
    ]
    came = on_rejection.groupby("application_id")["feedback_received_on"].min()
    said_on = noes["application_id"].map(came)
    return said_on.where(said_on.notna(), noes["occurred_on"])


def _part(
    source: str,
    texts: pd.Series,
    application_ids: pd.Series,
    dates: pd.Series,
    presets: pd.Series | None = None,
) -> pd.DataFrame:
    """Snippet rows from one kind of text."""
    texts = texts.str.strip()
    return pd.DataFrame(
        {
            "key": texts.map(lambda text: snippet_key(source, text)),
            "source": source,
            "text": texts,
            "preset": presets if presets is not None else [()] * len(texts),
            "application_id": application_ids.astype(int),
            "on": dates,
        }
    )


def _with_corrections(found: list[str], corrections: Mapping[str, bool]) -> list[str]:
    """The classifier's themes, then the user's: removed ones go, added ones join."""
    kept = [theme for theme in found if corrections.get(theme, True)]
    kept += [theme for theme, present in corrections.items() if present and theme not in kept]
    if len(kept) > 1 and NO_DETAIL in kept:
        kept.remove(NO_DETAIL)
    return kept


def classified(
    found: pd.DataFrame, lexicon: Lexicon | None = None, corrections: Corrections | None = None
) -> pd.DataFrame:
    """Each snippet with its themes and the words that triggered them; corrections win."""
    corrections = corrections or {}
    result = found.copy()
    # Many snippets share their words (quick picks, stock rejections): explain each text once.
    explained = {text: explain(text, lexicon) for text in dict.fromkeys(result["text"])}
    matches: list[list[ThemeMatch]] = [explained[text] for text in result["text"]]
    automatic = [
        list(dict.fromkeys([*preset, *(m.theme for m in hits)]))
        for preset, hits in zip(result["preset"], matches, strict=True)
    ]
    result["triggers"] = matches
    result["automatic"] = automatic
    # A correction naming a theme the lexicon no longer has (an advisor's file changed) is
    # left out rather than shown without a label or next steps.
    known = set(lexicon.ids) if lexicon else None
    result["themes"] = [
        [
            theme
            for theme in _with_corrections(themes, corrections.get(key, {}))
            if known is None or theme in known
        ]
        for themes, key in zip(automatic, result["key"], strict=True)
    ]
    result["corrected"] = result["key"].isin(list(corrections))
    return result


def unsorted(themed: pd.DataFrame) -> pd.DataFrame:
    """The snippets with words but no theme, that the user has not sorted: theirs to place."""
    if themed.empty:
        return themed
    corrected = themed["corrected"] if "corrected" in themed else [False] * len(themed)
    flags = [
        not themes and bool(str(text).strip()) and not bool(was_corrected)
        for themes, text, was_corrected in zip(
            themed["themes"], themed["text"], corrected, strict=True
        )
    ]
    return themed.loc[flags]


def counts(themed: pd.DataFrame) -> pd.DataFrame:
    """How many snippets of each source carry each theme, most common theme first."""
    exploded = themed.explode("themes").dropna(subset=["themes"])
    if exploded.empty:
        return pd.DataFrame(columns=["theme", "source", "count"])
    tally = exploded.groupby(["themes", "source"]).size().rename("count").reset_index()
    tally = tally.rename(columns={"themes": "theme"})
    total = tally.groupby("theme")["count"].transform("sum")
    return (
        tally.assign(total=total)
        .sort_values(["total", "theme", "source"], ascending=[False, True, True], kind="stable")
        .drop(columns="total")
        .reset_index(drop=True)
    )


def top_themes(counts_df: pd.DataFrame, limit: int = 5, skip: tuple[str, ...] = ()) -> list[str]:
    """The most common themes, leaving out ones with nothing to act on."""
    totals = counts_df.groupby("theme", sort=False)["count"].sum()
    totals = totals.drop([theme for theme in skip if theme in totals.index])
    return totals.sort_values(ascending=False, kind="stable").head(limit).index.tolist()


def reading(counts_df: pd.DataFrame, labels: Mapping[str, str], then: int = 2) -> str:
    """The sentence that reads the theme chart, so a shared screen says its story in words.

    Plain text (the page escapes it): the most common theme with something to act on, who
    raised it, and the next `then` after it. Empty when only "no specific reason" came up.
    """
    top = top_themes(counts_df, limit=then + 1, skip=(NO_DETAIL,))
    if not top:
        return ""
    totals = counts_df.groupby("theme")["count"].sum()
    first = counts_df[counts_df["theme"] == top[0]].set_index("source")["count"]
    total = int(totals[top[0]])
    where = {EMPLOYER: "from employers", OWN: "in your own notes"}
    said = {source: int(first.get(source, 0)) for source in where if first.get(source, 0)}
    times = "once" if total == 1 else f"{total} times"
    sentence = f"What came up most: {labels.get(top[0], top[0])}, {times}"
    if len(said) > 1:
        sentence += f" ({', '.join(f'{n} {where[source]}' for source, n in said.items())})."
    else:
        sentence += f", {'' if total == 1 else 'all '}{where[next(iter(said))]}."
    after = [f"{labels.get(theme, theme)} ({int(totals[theme])})" for theme in top[1:]]
    if after:
        sentence += f" Then {' and '.join(after)}."
    return sentence


def trend(themed: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """Snippets per theme per month, for the given themes: is nerves fading, a gap growing?"""
    exploded = themed.explode("themes")
    exploded = exploded[exploded["themes"].isin(themes)]
    if exploded.empty:
        return pd.DataFrame(columns=["month", "theme", "count"])
    months = pd.to_datetime(exploded["on"]).dt.to_period("M").dt.to_timestamp()
    tally = exploded.assign(month=months).groupby(["month", "themes"]).size()
    # Every month in the span, so a month with none of these themes drops to 0, not skipped.
    span = pd.date_range(months.min(), months.max(), freq="MS", name="month")
    grid = (
        tally.unstack(fill_value=0)
        .reindex(span, fill_value=0)
        .stack()
        .rename("count")
        .reset_index()
    )
    return grid.rename(columns={"themes": "theme"}).sort_values(["month", "theme"])


def by_stage(themed: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """Theme counts by how far the application got: early noes against late ones."""
    exploded = themed.explode("themes")
    exploded = exploded[exploded["themes"].isin(themes)]
    if exploded.empty:
        return pd.DataFrame(columns=["stage_group", "theme", "count"])
    tally = exploded.groupby(["stage_group", "themes"]).size().rename("count").reset_index()
    return tally.rename(columns={"themes": "theme"})


def without_reason(
    frames: dict[str, pd.DataFrame], table: pd.DataFrame, themed: pd.DataFrame
) -> pd.DataFrame:
    """Rejections after an interview with no usable reason, and whether feedback was chased."""
    columns = ["application_id", "company", "role", "chased"]
    rejected = table[(table["stage"] == Stage.REJECTED.value) & (table["interviews"] > 0)]
    if rejected.empty:
        return pd.DataFrame(columns=columns)
    employer = themed[themed["source"] == EMPLOYER] if len(themed) else themed
    useful = having_themes(employer, lambda found: bool(set(found) - {NO_DETAIL}))
    lacking = rejected[~rejected["id"].isin(useful["application_id"])]
    asks = frames["follow_ups"]
    asked = asks[asks["kind"] == FollowUpKind.ASK_FEEDBACK.value]["application_id"]
    # Words the classifier could not place still give a reason: that no is not one without.
    lacking = lacking[~lacking["id"].isin(unsorted(employer).get("application_id", []))]
    return pd.DataFrame(
        {
            "application_id": lacking["id"].astype(int),
            "company": lacking["company"],
            "role": lacking["role"],
            "chased": lacking["id"].isin(asked),
        }
    ).reset_index(drop=True)


@dataclass(frozen=True)
class Summary:
    """What the feedback page shows for one view, small enough to cache per revision."""

    employer_total: int
    own_total: int
    counts: pd.DataFrame
    top: list[str]
    # Every theme's latest few snippets, newest first (counts says how many each has in all).
    examples: dict[str, pd.DataFrame]
    trend: pd.DataFrame
    by_stage: pd.DataFrame
    months: int
    without_reason: pd.DataFrame
    # Newest first: the snippets no theme fits yet, for the user to place.
    unsorted: pd.DataFrame = field(default_factory=pd.DataFrame)


def latest_by_theme(themed: pd.DataFrame, shown: int) -> dict[str, pd.DataFrame]:
    """The `shown` latest snippets of every theme, newest first, in one pass over the rows.

    `themed` is oldest first (as `snippets` gives it). Every theme found gets its few latest
    words, so the page can quote the feedback behind any theme, not only the top ones, and
    stay small however many snippets there are; `counts` says how many more each has.
    """
    positions: dict[str, list[int]] = {}
    for position, found in enumerate(themed["themes"] if len(themed) else []):
        for theme in dict.fromkeys(found):
            positions.setdefault(theme, []).append(position)
    return {theme: themed.iloc[kept[-shown:][::-1]] for theme, kept in positions.items()}


def summary(
    themed: pd.DataFrame,
    frames: dict[str, pd.DataFrame],
    table: pd.DataFrame,
    source: str | None = None,
    shown: int = 5,
) -> Summary:
    """Counts, the top themes with their latest examples, patterns and the noes with no reason."""
    chosen = themed if source is None or themed.empty else themed[themed["source"] == source]
    tally = counts(chosen)
    top = top_themes(tally, limit=3, skip=(NO_DETAIL,))
    patterned = top_themes(tally, limit=5, skip=(NO_DETAIL,))
    examples = latest_by_theme(chosen, shown)
    months = pd.to_datetime(chosen["on"]).dt.to_period("M").nunique() if len(chosen) else 0
    return Summary(
        employer_total=int((themed["source"] == EMPLOYER).sum()) if len(themed) else 0,
        own_total=int((themed["source"] == OWN).sum()) if len(themed) else 0,
        counts=tally,
        top=top,
        examples=examples,
        trend=trend(chosen, patterned) if patterned else pd.DataFrame(),
        by_stage=by_stage(chosen, patterned) if patterned else pd.DataFrame(),
        months=int(months),
        without_reason=without_reason(frames, table, themed),
        unsorted=unsorted(chosen).iloc[::-1],
    )


def summarised(
    frames: dict[str, pd.DataFrame],
    table: pd.DataFrame,
    lexicon: Lexicon | None = None,
    corrections: Corrections | None = None,
    source: str | None = None,
) -> Summary:
    """Every snippet classified, then summed up: the one pipeline the page and the report run."""
    themed = classified(snippets(frames, table), lexicon, corrections)
    return summary(themed, frames, table, source)


def quote_vocabulary(lexicon: Lexicon) -> frozenset[str]:
    """The plain words of the themes' phrases: at the start of a sentence, never a name.

    Presenter mode reads a capitalised word that opens a sentence as a possible name unless
    it is a common word; the words the themes are written in are the feedback's own.
    """
    sources = [
        phrase
        for theme in lexicon.themes
        for phrase in (*theme.phrases, *theme.virtues, *theme.topics, *theme.flags)
    ]
    sources += [fragment for _, fragment in lexicon.fragments]
    return frozenset(word for source in sources for word in re.findall(r"[a-z]{2,}", source))


def masked(found: Summary, names: Aliases, lexicon: Lexicon | None = None) -> Summary:
    """The same summary as presenter mode quotes it: every quoted word scrubbed of names,
    e-mail and web addresses, phone numbers and sums (see presenter.scrub_quote), employers
    aliased, and the trigger words found again in what is left."""
    vocabulary = quote_vocabulary(lexicon) if lexicon else frozenset()

    def explained(text: str) -> list[ThemeMatch]:
        return explain(text, lexicon)

    def scrubbed(rows: pd.DataFrame) -> pd.DataFrame:
        return mask_snippets(rows, names, vocabulary, explained)

    examples = {theme: scrubbed(rows) for theme, rows in found.examples.items()}
    return replace(found, examples=examples, unsorted=scrubbed(found.unsorted))
