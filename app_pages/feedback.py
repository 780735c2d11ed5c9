"""What the feedback says: rejection feedback and own notes sorted into themes, with next steps."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from bounceback import advice, charts, feedback
from bounceback.domain import FOLLOW_UP_DUE_DAYS, FollowUp, FollowUpKind, NotFound
from bounceback.themes import NO_DETAIL, Lexicon
from components import figures
from components.analysis import feedback_summary
from components.lexicon import current as current_lexicon
from components.lexicon import lexicon_key
from components.state import (
    flash,
    guarded,
    presenting,
    revision_key,
    settings,
    show_flash,
    store,
    today,
)
from components.text import highlight, md, plural

BIAS = "possible_bias"
UNSORTED_SHOWN = 5
PICKED = "feedback:theme"
# The one "no reason" number: noes after an interview that gave nothing to work with. Named
# apart from the "No specific reason" theme, which counts stock lines, wherever they came.
NOTHING_TO_GO_ON = "Noes with nothing to go on"
# Themes in the chart at the top: with the numbers and its sentence, one 1280x720 screen.
STORY_THEMES = 6
# Short, so the choice fits beside the title.
VIEWS = {"together": "Together", feedback.EMPLOYER: "Employers", feedback.OWN: "Your notes"}


@guarded
def _save_correction(snippet_key: str, automatic: list[str], widget: str) -> None:
    """Keep the user's themes for one snippet; they win over the classifier from now on."""
    store().correct_themes(snippet_key, automatic, st.session_state[widget])
    flash("Saved your correction. It counts from now on.")


@guarded
def _place(snippet_key: str, automatic: list[str], widget: str) -> None:
    """File an unsorted snippet under the theme the user picked: one click, kept as a correction."""
    chosen = st.session_state[widget]
    if chosen:
        store().correct_themes(snippet_key, automatic, [chosen])
        flash("Thanks, filed. It counts under that theme from now on.")


@guarded
def _chase(application_ids: list[int]) -> None:
    """Add an 'ask for feedback' follow-up to each application, due in two days."""
    on = today()
    due = on + timedelta(days=FOLLOW_UP_DUE_DAYS)
    added = 0
    for application_id in application_ids:
        try:
            store().add_follow_up(
                application_id,
                FollowUp(FollowUpKind.ASK_FEEDBACK, due),
                today=on,
            )
            added += 1
        except NotFound:
            continue
    flash(f"Added {plural(added, 'follow-up')} to ask for feedback. They're on your Today list.")


def _snippet(row: pd.Series, section: str, lexicon: Lexicon, labels: dict[str, str]) -> None:
    """One snippet, its trigger words highlighted, with a way to correct its themes."""
    with st.container(border=True):
        spans = [(m.start, m.end) for m in row["triggers"] if m.theme in row["themes"]]
        st.markdown(highlight(row["text"], spans))
        who = "They said" if row["source"] == feedback.EMPLOYER else "You noted"
        themes = ", ".join(labels.get(theme, theme) for theme in row["themes"])
        corrected = " (your correction)" if row["corrected"] else ""
        st.caption(f"{who} · {md(row['company'])} · {row['on']:%d %b %Y} · {md(themes)}{corrected}")
        widget = f"feedback:{section}:{row['key']}:{row['application_id']}"
        with st.popover("Correct the themes"):
            st.multiselect(
                "Themes in this text",
                list(lexicon.ids),
                default=[theme for theme in row["themes"] if theme in lexicon.ids],
                format_func=labels.get,
                key=widget,
            )
            st.button(
                "Save",
                key=f"{widget}:save",
                on_click=_save_correction,
                args=(row["key"], list(row["automatic"]), widget),
            )


def _unsorted(rows: pd.DataFrame, lexicon: Lexicon, labels: dict[str, str]) -> None:
    """The snippets no theme fits yet, newest first, each with one-click theme choices."""
    if rows.empty:
        return
    st.subheader("We couldn't place these; which theme fits?")
    st.caption(
        "These give a reason, but not in words the app knows. They are not counted as 'no "
        "specific reason'. Pick the theme that fits and it counts from then on."
    )
    for _, row in rows.head(UNSORTED_SHOWN).iterrows():
        with st.container(border=True):
            st.markdown(highlight(row["text"], []))
            who = "They said" if row["source"] == feedback.EMPLOYER else "You noted"
            st.caption(f"{who} · {md(row['company'])} · {row['on']:%d %b %Y}")
            widget = f"feedback:unsorted:{row['key']}:{row['application_id']}"
            st.pills(
                "Which theme fits?",
                list(lexicon.ids),
                format_func=labels.get,
                key=widget,
                on_change=_place,
                args=(row["key"], list(row["automatic"]), widget),
                label_visibility="collapsed",
            )
    if len(rows) > UNSORTED_SHOWN:
        st.caption(f"{len(rows) - UNSORTED_SHOWN:,} more after these.")


def _quotes(theme_id: str, section: str, totals: pd.Series, lexicon: Lexicon) -> None:
    """A theme's latest words, each correctable, and how many older ones there are."""
    rows = data.examples.get(theme_id, pd.DataFrame())
    for _, row in rows.iterrows():
        _snippet(row, section, lexicon, labels)
    older = int(totals.get(theme_id, 0)) - len(rows)
    if older > 0:
        st.caption(f"Showing the latest {len(rows)} of {int(totals[theme_id]):,}.")


def _theme_section(theme_id: str, section: str, totals: pd.Series, lexicon: Lexicon) -> None:
    """One theme: what it means, care where it is personal, next steps, then its words."""
    theme = lexicon.theme(theme_id)
    if theme.description:
        st.caption(md(theme.description))
    if theme_id == BIAS:
        st.info(
            "Some feedback touched on something personal. That can be worth a closer look; "
            "only you, and people who know the law where you live, can judge it."
        )
    if theme.next_steps:
        st.markdown("**Next steps**")
        for step in theme.next_steps:
            st.markdown(f"- {md(step)}")
    _quotes(theme_id, section, totals, lexicon)


def _any_theme(tally: pd.DataFrame, totals: pd.Series, lexicon: Lexicon) -> None:
    """Pick any theme, the top ones or the rarest, and read (and correct) the words behind it.

    Only the picked theme is drawn, so the page stays short and quick however many themes
    and snippets there are.
    """
    order = [theme for theme in dict.fromkeys(tally["theme"]) if theme in lexicon.ids]
    if not order:
        return
    st.subheader("The feedback behind any theme")
    picked = st.selectbox(
        "Theme",
        order,
        index=None,
        format_func=lambda theme: f"{labels.get(theme, theme)} ({int(totals.get(theme, 0))})",
        placeholder="Choose a theme to read what was said…",
        key=PICKED,
    )
    if picked is None:
        st.caption(
            "Every theme in the chart is here, with its latest words. Correct one and the "
            "counts follow."
        )
    else:
        _theme_section(picked, f"pick:{picked}", totals, lexicon)


key = revision_key()
current = settings(key)
show_flash()
heading, choice = st.columns([3, 2], vertical_alignment="bottom")
heading.title("What the feedback says")
st.caption(
    "One rejection is a few sentences; twenty are a pattern. Here they are in themes, each "
    "with a next step."
)
lexicon, warning = current_lexicon()
if warning:
    st.warning(md(warning))
labels = {theme.id: theme.label for theme in lexicon.themes}
everything = feedback_summary(key, lexicon_key(), None)
if everything.employer_total + everything.own_total == 0:
    st.info(
        "Themes appear once you record feedback: what an employer said (in a rejection's note "
        "or a reflection), or what went wrong in your own words (in a reflection)."
    )
    st.page_link("app_pages/reflect.py", label="Write a reflection", icon=":material/edit_note:")
    st.stop()

view = choice.segmented_control(
    "Whose words", list(VIEWS), format_func=VIEWS.get, default="together", key="feedback:view"
)
source = None if view in (None, "together") else view
data = everything if source is None else feedback_summary(key, lexicon_key(), source)
tally = data.counts
missing = data.without_reason
themes_found = tally["theme"].nunique()

# The story on one shared screen: the numbers, the chart that tells it, the sentence reading it.
with st.container(key="story"):
    columns = st.columns(3)
    columns[0].metric("From employers", data.employer_total)
    columns[1].metric("Your own notes", data.own_total)
    # One number for "no reason": the noes it is worth asking about. The stock lines behind
    # them are a bar in the chart, explained in words below it, not a second number.
    columns[2].metric(
        NOTHING_TO_GO_ON,
        len(missing),
        help="Rejections after an interview where nothing you can use came back: no feedback "
        "recorded, or only a stock line such as 'we went with other candidates'. That says "
        "nothing about you, only that they didn't say why. You can ask them, further down.",
    )
    if not tally.empty:
        st.plotly_chart(
            figures.built(charts.theme_counts, tally, labels, feedback.SOURCES, shown=STORY_THEMES)
        )
        st.markdown(md(feedback.reading(tally, labels)))
        if NO_DETAIL in set(tally["theme"]):
            st.caption(
                f"'{md(labels.get(NO_DETAIL, 'No specific reason'))}' counts stock lines such as "
                "'we went with other candidates'. They say nothing about you, only that they "
                "didn't say why."
            )

if tally.empty:
    st.caption("No themes in this selection yet.")
    _unsorted(data.unsorted, lexicon, labels)
    st.stop()

if themes_found > STORY_THEMES:
    # Drawn only when opened: a hidden chart still costs the browser its drawing.
    every_theme = st.expander(
        f"All {themes_found} themes", key="feedback:every_theme", on_change="rerun"
    )
    if every_theme.open:
        with every_theme:
            st.plotly_chart(figures.built(charts.theme_counts, tally, labels, feedback.SOURCES))
            st.caption("To read what was said behind any of them, choose it further down.")
if presenting():
    st.caption(
        "Presenter mode: in the quotes below, names, e-mail and web addresses, phone numbers "
        "and sums of money are hidden. Employers show as Company A, B, C."
    )
_unsorted(data.unsorted, lexicon, labels)

totals = tally.groupby("theme")["count"].sum()
for theme_id in data.top:
    st.subheader(md(lexicon.theme(theme_id).label))
    _theme_section(theme_id, theme_id, totals, lexicon)
_any_theme(tally, totals, lexicon)

if BIAS in set(tally["theme"]):
    with st.container(border=True):
        st.markdown("**If a reason seemed tied to who you are**")
        st.caption(advice.NOT_LEGAL_ADVICE)
        for source in advice.for_country(current.country):
            st.markdown(f"- [{md(source.name)}]({source.url}): {md(source.what)}")

if not data.trend.empty and data.months >= 2:
    st.subheader("Over time")
    st.plotly_chart(figures.built(charts.theme_trend, data.trend, labels))
    st.caption("Month by month: a theme that fades is a lesson learned.")
if not data.by_stage.empty:
    st.subheader("By how far you got")
    st.plotly_chart(
        figures.built(charts.themes_by_stage, data.by_stage, labels, feedback.STAGE_GROUPS)
    )
    st.caption("Early noes and late ones often have different reasons.")

st.subheader(NOTHING_TO_GO_ON)
if missing.empty:
    st.caption("Every rejection after an interview came with a reason. Well asked.")
else:
    st.markdown(
        f"{plural(len(missing), 'rejection')} after an interview came with no usable reason. "
        "Asking is always worth it: even a line or two can show what to work on."
    )
    unchased = missing[~missing["chased"]]
    if len(unchased):
        st.button(
            f"Add an 'ask for feedback' follow-up to the {plural(len(unchased), 'one')} not "
            "yet chased",
            on_click=_chase,
            args=(unchased["application_id"].astype(int).tolist(),),
        )
    else:
        st.caption("You have already asked in each case.")
