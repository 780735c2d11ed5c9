"""Pipeline: add applications, move them on, and see them as a board or a table."""

import streamlit as st

from bounceback.domain import ApplicationDraft, Event, Source, Stage
from bounceback.exports import table_csv
from bounceback.pipeline import (
    filter_table,
    ghost_candidates,
)
from components import application_form, board, bulk, detail, once, quick_add, selection
from components.state import (
    by_latest_news,
    flash,
    guarded,
    presenting,
    revision_key,
    settings,
    show_flash,
    store,
    summary,
    table,
    today,
    typing_key,
)
from components.text import plural

ADD = "add"
# While presenting, a fresh add form of its own, so nothing typed before shows on screen
# (a form sends its typing only when submitted, so there is nothing to carry over).
ADD_PRESENTING = "add-presenting"
ADD_OPEN = "pipeline:add_open"
ADD_DRAWN = "pipeline:add_drawn"
COLUMNS = [
    "company",
    "role",
    "stage",
    "applied_on",
    "last_event_on",
    "interviews",
    "source",
    "location",
]
HEADERS = {
    "company": "Company",
    "role": "Role",
    "stage": "Stage",
    "applied_on": "Applied",
    "last_event_on": "Last news",
    "interviews": "Interviews",
    "source": "Source",
    "location": "Location",
}


@guarded
def add_application(form: str, drawn: int = 0) -> None:
    """Save the add form; on success, say so and mention any earlier try at the employer."""
    with once.turn(form, drawn) as turn:
        if turn is None:
            return  # the second click of a double-click: the first one saved it

        def save(draft: ApplicationDraft) -> None:
            new_id = store().add_application(draft, application_form.stage(form), today())
            turn.done(
                reset=lambda: application_form.empty(form),
                show=lambda: quick_add.say_added(new_id, draft),
            )

        application_form.submit(form, save)


def open_picked_row() -> None:
    """Open the application whose table row was just selected."""
    picked = st.session_state["pipeline:table"].selection.rows
    if picked:
        selection.open(st.session_state["pipeline:table_ids"][picked[0]])


@guarded
def mark_ghosted(application_id: int, version: int) -> None:
    """Close a silent application as ghosted, dated today, after the user confirmed."""
    store().record(application_id, Event(Stage.GHOSTED, today()), version, today())
    flash("Marked as ghosted. Their silence is about their process, not about you.")


key = revision_key()
data = summary(key)
current = settings(key)
if selection.selected() is None:
    show_flash()  # else the open application's dialog says it
st.title("Pipeline")
quick_add.render(current, quick_add.BELOW)


@st.dialog("Application", width="large", on_dismiss=selection.close)
def opened(application_id: int) -> None:
    """The open application, over the board rather than at the top of the page."""
    if selection.selected() != application_id or revision_key() != key:
        st.rerun()  # closed, or changed: the board behind it redraws too
    show_flash()  # what a step said, said where the user is looking
    detail.render(application_id, current.currency, key)


selected = selection.selected()
if selected is not None:
    opened(selected)

if data.quiet_total:
    quiet = st.expander(
        f"{plural(data.quiet_total, 'application')} with no news for "
        f"{current.ghost_after_days} days or more",
        key="pipeline:quiet",
        on_change="rerun",
    )
else:
    quiet = None
if quiet is not None and quiet.open:  # drawn only while open, like the closed pile
    with quiet:
        st.caption("Mark them as ghosted if you think they have gone quiet for good.")
        for _, row in data.quiet.iterrows():
            left, right = st.columns([4, 1])
            days = (today() - row["last_event_on"]).days
            left.text(f"{row['company']} · {row['role']} · last news {plural(days, 'day')} ago")
            right.button(
                "Mark as ghosted",
                key=f"ghost:{row['id']}",
                on_click=mark_ghosted,
                args=(int(row["id"]), int(row["version"])),
            )
        if data.quiet_total > len(data.quiet):
            st.caption(f"…and {data.quiet_total - len(data.quiet):,} more, oldest news first.")
        if data.quiet_total > 1:
            silent = ghost_candidates(table(key), current.ghost_after_days, today())
            bulk.mark_all_ghosted(
                dict(zip(silent["id"].astype(int), silent["version"].astype(int), strict=True))
            )

adding = ADD_PRESENTING if presenting() else ADD
every_field = st.expander(
    "Add an application, every field",
    expanded=data.total == 0,
    key=ADD_OPEN,
    on_change="rerun",
)
# Drawn once asked for (its fields were a fifth of each rerun), then kept for the session,
# so folding it away never loses what was typed.
if every_field.open:
    st.session_state[ADD_DRAWN] = True
if st.session_state.get(ADD_DRAWN):
    with every_field, st.form(adding, border=False):
        application_form.render(adding, current.currency, new=True)
        st.form_submit_button(
            "Add application",
            type="primary",
            on_click=add_application,
            args=(adding, once.drawn(adding)),
        )

if data.total == 0:
    st.info(
        "Your pipeline is empty. Add your first application above: company and role are enough."
    )
    st.stop()

shown = st.segmented_control(
    "View", ["Board", "Table"], default="Board", key="pipeline:view", label_visibility="collapsed"
)

if shown == "Table":
    everything = table(key)
    search, stages, sources, dates = st.columns([2, 2, 2, 2])
    words = search.text_input(
        "Search", key=typing_key("pipeline:search"), placeholder="Company, role, notes…"
    )
    chosen_stages = stages.multiselect(
        "Stage", [stage.value for stage in Stage], format_func=lambda v: Stage(v).label
    )
    chosen_sources = sources.multiselect(
        "Source", [source.value for source in Source], format_func=lambda v: Source(v).label
    )
    period = dates.date_input(
        "Applied between", value=(), key="pipeline:dates", format="DD/MM/YYYY"
    )
    since, until = (*period, None, None)[:2] if isinstance(period, tuple) else (period, None)
    rows = filter_table(everything, words, chosen_stages, chosen_sources, since, until)
    st.caption(f"{len(rows):,} of {len(everything):,} applications")
    st.session_state["pipeline:table_ids"] = rows["id"].astype(int).tolist()
    several = st.toggle("Select several", key="pipeline:bulk")
    listed = rows.assign(
        # Only saved, not sent: there is no date applied to show yet.
        applied_on=rows["applied_on"].where(rows["stage"] != Stage.SAVED.value),
        stage=rows["stage"].map(lambda v: Stage(v).label),
        source=rows["source"].map(lambda v: Source(v).label),
    )[COLUMNS]
    picked = st.dataframe(
        listed,
        hide_index=True,
        width="stretch",
        on_select="rerun" if several else open_picked_row,
        selection_mode="multi-row" if several else "single-row",
        key=bulk.table_key() if several else "pipeline:table",
        column_config={
            "company": "Company",
            "role": "Role",
            "stage": "Stage",
            "applied_on": st.column_config.DateColumn("Applied", format="DD MMM YYYY"),
            "last_event_on": st.column_config.DateColumn("Last news", format="DD MMM YYYY"),
            "interviews": st.column_config.NumberColumn("Interviews"),
            "source": "Source",
            "location": "Location",
        },
    )
    if several:
        bulk.render(rows.iloc[[row for row in picked.selection.rows if row < len(rows)]])
    # The table's own export is off (.streamlit/config.toml): this one neutralises formulas.
    st.download_button(
        "Download these rows (CSV)",
        data=lambda: table_csv(listed, HEADERS),
        file_name=f"bounceback-applications-{today():%Y-%m-%d}.csv",
        mime="text/csv",
        on_click="ignore",
        key="pipeline:table_csv",
    )
else:
    board.render(by_latest_news(key), today())
