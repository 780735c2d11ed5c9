"""Lessons: the do's-and-don'ts list, your plus points, strengths against a job, and wins."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from bounceback import charts
from bounceback.lessons import (
    MAX_PINNED,
    to_markdown,
)
from bounceback.strengths import MAX_DESCRIPTION_CHARS, from_lines, kept_adverts, match_job
from components import downloads, opened
from components.analysis import lesson_lists, lesson_record
from components.state import (
    PAUSED,
    Key,
    aliases,
    flash,
    frames,
    guarded,
    presenting,
    revision_key,
    settings,
    show_flash,
    store,
    today,
    typing_key,
)
from components.text import md, plural


@guarded
def _use_kept_advert(key: Key) -> None:
    """Fill the job description box with the advert an application kept."""
    picked = st.session_state.get("lessons:kept_advert")
    if picked is None:
        return
    rows = frames(key)["applications"]
    kept = rows.loc[rows["id"] == picked, "job_description"]
    if len(kept):
        st.session_state[typing_key("lessons:advert")] = str(kept.iloc[0])


@guarded
def _change(lesson_id: int, version: int, **changes: object) -> None:
    """Pin, archive or edit one lesson as shown (guarded says why if it can't be done)."""
    store().update_lesson(lesson_id, expected_version=version, **changes)  # type: ignore[arg-type]


def _rename(lesson_id: int, version: int) -> None:
    """Save an edited wording."""
    _change(lesson_id, version, text=st.session_state[f"lesson:text:{lesson_id}"])


@guarded
def _merge(versions: dict[int, int]) -> None:
    """Fold the chosen duplicates into the one to keep, as they were shown."""
    chosen = st.session_state.get("lessons:merge", [])
    keep = st.session_state.get("lessons:keep")
    if keep is None or len(chosen) < 2:
        flash("Choose at least two lessons to merge, and the wording to keep.", "warning")
        return
    store().merge_lessons(keep, chosen, versions)
    flash(f"Merged {len(chosen)} lessons into one.")


STRENGTHS = "lessons:strengths"


@guarded
def _reload_strengths() -> None:
    """Show the saved strengths again, at their saved version."""
    st.session_state.pop(STRENGTHS, None)
    opened.mark(STRENGTHS, "settings", store().settings_version())


@guarded
def _save_strengths() -> None:
    """Keep the strengths list, one per line."""
    strengths = from_lines(st.session_state[STRENGTHS])
    current = store().settings()
    opened.save(
        STRENGTHS,
        lambda version: store().save_settings(
            replace(current, strengths=strengths), expected_version=version
        ),
    )
    flash(f"Saved {plural(len(strengths), 'strength')}.")


def _lesson_row(row: pd.Series) -> None:
    """One lesson: its words, how often it came up and where, and what can be done with it."""
    lesson_id, version = int(row["id"]), int(row["version"])
    text, actions = st.columns([5, 2])
    pin = ":material/push_pin: " if row["pinned"] else ""
    text.markdown(f"{pin}{md(row['text'])}")
    where = ", ".join(row["sources"][:3]) + ("…" if len(row["sources"]) > 3 else "")
    text.caption(f"Came up {plural(row['count'], 'time')}" + (f" · {md(where)}" if where else ""))
    with actions.popover("Change", width="stretch"):
        if presenting():
            st.caption(PAUSED)
        else:
            st.text_input("Wording", value=row["text"], key=f"lesson:text:{lesson_id}")
            st.button(
                "Save wording",
                key=f"lesson:save:{lesson_id}",
                on_click=_rename,
                args=(lesson_id, version),
            )
        st.button(
            "Unpin" if row["pinned"] else "Pin to the top five",
            key=f"lesson:pin:{lesson_id}",
            on_click=_change,
            args=(lesson_id, version),
            kwargs={"pinned": not row["pinned"]},
        )
        st.button(
            "Archive",
            key=f"lesson:archive:{lesson_id}",
            on_click=_change,
            args=(lesson_id, version),
            kwargs={"archived": True},
        )


key = revision_key()
current = settings(key)
show_flash()
st.title("Lessons")
st.caption(
    "What your reflections taught you, in one place, and the good things too: a list of "
    "only mistakes wears anyone down."
)
lessons, archived, plus = lesson_lists(key)
# Keyed, so a save on one tab (and the notice it shows above) never jumps back to the first.
dos_and_donts, strengths_tab, record_tab = st.tabs(
    ["Do's and don'ts", "Strengths and the job", "Confidence and wins"],
    key="lessons:tab",
    on_change="rerun",
)


with dos_and_donts:
    if lessons.empty and plus.empty:
        st.info(
            "Your list fills in from the lessons you write in each reflection. "
            "Write one after your next interview or no."
        )
        st.page_link(
            "app_pages/reflect.py", label="Write a reflection", icon=":material/edit_note:"
        )
    else:
        downloads.button(
            "Download as Markdown, to read before the next interview",
            lambda: to_markdown(lessons, plus, today()),
            what="the list of do's and don'ts",
            key="lessons:markdown",
            file_name=f"dos-and-donts-{today():%Y-%m-%d}.md",
            mime="text/markdown",
        )
        pinned = lessons[lessons["pinned"]]
        if not pinned.empty:
            st.subheader(f"Your top {MAX_PINNED}")
            for _, row in pinned.iterrows():
                _lesson_row(row)
        left, right = st.columns(2)
        for column, kind, heading in ((left, "do", "Do"), (right, "dont", "Don't")):
            with column:
                st.subheader(heading)
                chosen = lessons[(lessons["kind"] == kind) & ~lessons["pinned"]]
                if chosen.empty:
                    st.caption("Nothing here yet.")
                for _, row in chosen.iterrows():
                    _lesson_row(row)
        if len(lessons) > 1:
            with st.expander("Merge duplicates"):
                names = dict(zip(lessons["id"].astype(int), lessons["text"], strict=True))
                # The versions shown: a merge of lessons changed elsewhere since is refused.
                shown_at = dict(
                    zip(lessons["id"].astype(int), lessons["version"].astype(int), strict=True)
                )
                st.multiselect(
                    "Lessons that say the same thing",
                    list(names),
                    format_func=names.get,
                    key="lessons:merge",
                )
                picked = st.session_state.get("lessons:merge", [])
                st.selectbox("Keep this wording", picked, format_func=names.get, key="lessons:keep")
                st.button("Merge", on_click=_merge, args=(shown_at,), disabled=len(picked) < 2)
        if not archived.empty:
            with st.expander(f"Archived ({len(archived)})"):
                for _, row in archived.iterrows():
                    left, right = st.columns([5, 1])
                    left.markdown(md(row["text"]))
                    right.button(
                        "Restore",
                        key=f"lesson:restore:{row['id']}",
                        on_click=_change,
                        args=(int(row["id"]), int(row["version"])),
                        kwargs={"archived": False},
                    )
        st.subheader("Your plus points")
        if plus.empty:
            st.caption("What went well, as you write it in reflections, collects here.")
        for _, point in plus.iterrows():
            times = f" ({plural(point['count'], 'time')})" if point["count"] > 1 else ""
            st.markdown(f"- {md(point['point'])}{times}")

with strengths_tab:
    st.caption(
        "Put your core strengths and skills on paper, then match them to a job description "
        "to see how closely you align and what to stress."
    )
    # In presenter mode the list is read-only with known names masked, and the match is
    # told in the same masked words.
    shown = names.scrub if (names := aliases(key)) else str
    left, right = st.columns(2)
    with left:
        if names:
            st.text_area(
                "Your strengths and skills, one per line",
                value="\n".join(shown(strength) for strength in current.strengths),
                key="lessons:strengths:masked",
                height=220,
                disabled=True,
            )
            st.caption(PAUSED)
        else:
            opened.keep(STRENGTHS, "settings", store().settings_version())
            st.text_area(
                "Your strengths and skills, one per line",
                value="\n".join(current.strengths),
                key=STRENGTHS,
                height=220,
            )
            opened.refusal(STRENGTHS, "Your strengths list", [], _reload_strengths)
        st.button("Save strengths", on_click=_save_strengths, disabled=bool(names))
    with right:
        kept = kept_adverts(frames(key)["applications"])
        if kept:
            st.selectbox(
                "Or use an advert kept with an application",
                list(kept),
                index=None,
                format_func=lambda picked: kept[picked],
                key="lessons:kept_advert",
                on_change=_use_kept_advert,
                args=(key,),
                placeholder="Choose an application…",
            )
        advert = st.text_area(
            "Paste a job description",
            key=typing_key("lessons:advert"),
            height=220,
            max_chars=MAX_DESCRIPTION_CHARS,
        )
    if len(advert) >= MAX_DESCRIPTION_CHARS:
        st.warning(
            f"A job description holds up to {MAX_DESCRIPTION_CHARS:,} characters (a long advert "
            "is about 15,000): anything pasted past that was left off, and the match reads the "
            "first part."
        )
    if advert.strip():
        if not current.strengths:
            st.info("Save a few strengths first, then the match appears here.")
        else:
            found = match_job(current.strengths, advert)
            st.metric(
                "Match",
                f"{found.score:.0%}",
                help="The share of the skills this advert asks for that your list covers.",
            )
            asked, lacking, unused = st.columns(3)
            with asked:
                st.markdown("**It asks for, and you have**")
                for strength in found.matched:
                    evidence = shown(found.evidence[strength])
                    st.markdown(f"- {md(shown(strength))} (\u201c{md(evidence)}\u201d)")
            with lacking:
                st.markdown("**It asks for, not on your list**")
                for skill in found.missing:
                    st.markdown(f"- {md(skill)}")
                if found.missing:
                    st.caption("Worth adding if you have it, or a gap a short course could close.")
            with unused:
                st.markdown("**Yours, not mentioned**")
                for strength in found.unmatched:
                    st.markdown(f"- {md(shown(strength))}")

# Drawn only when open: its chart would cost every visit to the list its drawing.
if record_tab.open:
    with record_tab:
        trend, good_news = lesson_record(key)
        st.subheader("Confidence over time")
        if trend.empty:
            st.caption("Rate your confidence before and after in a reflection, and it shows here.")
        else:
            st.plotly_chart(charts.confidence_over_time(trend))
            st.caption(
                "Your most recent reflections (up to 60); each marker is coloured by how that "
                "application turned out."
            )
        st.subheader("Wins")
        if not good_news:
            st.caption("Offers, interviews you rated highly and later rounds reached collect here.")
        for when, text in good_news[:30]:
            st.markdown(f"- **{when:%d %b %Y}**: {md(text)}")
