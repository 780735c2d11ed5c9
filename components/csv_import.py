"""The CSV import flow: upload, see how the file was read, check columns and statuses, import.

Every widget key starts with `import:<round>:`; the round goes up after an import, so the
next file starts from a clean slate.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from bounceback.csv_text import (
    MAX_BYTES,
    Progress,
    Table,
    UnreadableFile,
    check_size,
    read_table,
)
from bounceback.domain import BouncebackError, Stage
from bounceback.importers import (
    FIELDS,
    Choices,
    Finding,
    ImportPlan,
    PlannedRow,
    commit,
    detect,
    formats,
    plan_import,
    rows_text,
)
from components.state import flash, store
from components.text import md, plural

PREFIX = "import"
_ROUND = f"{PREFIX}:round"
# The last file read and its plan, so a rerun does not read or check it again.
_READ = f"{PREFIX}:read"
_PLANNED = f"{PREFIX}:planned"
# Show a progress bar for files this big (bytes) or this long (rows).
_BIG_FILE = 500_000
_LONG_TABLE = 2_000
# Long tables show their first rows and a count, so reruns stay quick.
_SHOWN = 1_000
_NOT_IN_FILE = "(not in the file)"
_ORDERS = {None: "Decide from the dates", True: "Day first", False: "Month first"}
_EXAMPLES = {True: "01/10/2026 is 1 October", False: "10/01/2026 is 1 October"}


def _key(name: str) -> str:
    """A widget key of this round of the import."""
    return f"{PREFIX}:{st.session_state.get(_ROUND, 0)}:{name}"


def _with_progress(text: str, big: bool) -> tuple[DeltaGenerator | None, Progress | None]:
    """A progress bar and the callback that moves it, when the job is big enough to wait for."""
    if not big:
        return None, None
    bar = st.progress(0.0, text=text)
    return bar, lambda fraction: bar.progress(fraction, text=text)


def empty_state() -> None:
    """What the page takes, before a file is chosen."""
    st.markdown(
        "Bring in the applications you have tracked elsewhere. The importer takes CSV files "
        f"up to {MAX_BYTES // 1_048_576} MB:\n"
        "- **your own spreadsheet**: you say which column is the company, the role, the date;\n"
        "- **LinkedIn**: *Job Applications.csv* from *Settings → Data privacy → Get a copy of "
        "your data*;\n"
        "- exports from **Simplify**, **Huntr** and **Teal**.\n\n"
        "Nothing is saved until you have checked the preview and pressed Import. Excel "
        "workbooks need saving as CSV first (File → Save as → CSV UTF-8)."
    )


def upload() -> Table | None:
    """The uploader; each file is read once, with a progress bar when it is big."""
    uploaded = st.file_uploader(
        "Your CSV file",
        type=["csv", "txt"],
        key=_key("file"),
        max_upload_size=MAX_BYTES // 1_048_576,
    )
    if uploaded is None:
        for key in (_READ, _PLANNED):  # let go of a removed file's rows
            st.session_state.pop(key, None)
        return None
    cached = st.session_state.get(_READ)
    if cached and cached[0] == uploaded.file_id:
        return cached[1]
    bar, progress = _with_progress("Reading the file…", uploaded.size > _BIG_FILE)
    try:
        check_size(uploaded.size)
        table = read_table(uploaded.getvalue(), progress)
    except UnreadableFile as error:
        st.error(md(error))
        return None
    finally:
        if bar is not None:
            bar.empty()
    st.session_state[_READ] = (uploaded.file_id, table)
    return table


def _choices(table: Table) -> Choices:
    """What the user picked in this round's widgets so far; the rest is left to guesses."""
    state = st.session_state
    chosen_format = state.get(_key("format"))
    tracker = formats().get(chosen_format or "") or detect(table.headers)
    mapping = {
        name: (None if state[key] == _NOT_IN_FILE else state[key])
        for name in FIELDS
        if (key := _key(f"map:{tracker.key}:{name}")) in state
    }
    prefix = _key(f"stage:{tracker.key}:")
    stages = {
        str(key)[len(prefix) :]: Stage(value)
        for key, value in state.items()
        if str(key).startswith(prefix)
    }
    return Choices(chosen_format, mapping or None, stages, state.get(_key("order")))


def plan(
    table: Table,
    existing: Collection[tuple],
    revision: int,
    currency: str,
    day_first_usually: bool,
) -> ImportPlan:
    """The plan for the file and the choices so far, checked again only when they change."""
    choices = _choices(table)
    signature = (
        id(table),
        choices.format,
        tuple(sorted((choices.mapping or {}).items(), key=lambda item: item[0])),
        tuple(sorted((key, stage.value) for key, stage in choices.stages.items())),
        choices.day_first,
        revision,  # what `existing` was read at: cheaper than hashing it every rerun
        currency,
        day_first_usually,
        date.today(),
    )
    cached = st.session_state.get(_PLANNED)
    if cached and cached[0] == signature:
        return cached[1]
    bar, progress = _with_progress("Checking every row…", len(table.rows) > _LONG_TABLE)
    try:
        result = plan_import(
            table, choices, existing, currency, day_first_usually, progress=progress
        )
    finally:
        if bar is not None:
            bar.empty()
    st.session_state[_PLANNED] = (signature, result)
    return result


def how_read(plan: ImportPlan) -> None:
    """The format, encoding, delimiter and date order, each one the user can change."""
    table = plan.table
    detected = detect(table.headers)
    st.markdown(
        f"**{plural(len(table.rows), 'row')}** read from {plan.tracker.kind} "
        f"({table.encoding}, {table.delimiter_name}-separated)."
    )
    if table.note:
        st.warning(md(table.note))
    left, right = st.columns(2)
    left.selectbox(
        "Kind of file",
        [None, *formats()],
        format_func=lambda key: (
            f"Recognised: {detected.label}" if key is None else formats()[key].label
        ),
        key=_key("format"),
        help=plan.tracker.headers,
    )
    right.selectbox(
        "Dates in this file",
        list(_ORDERS),
        format_func=lambda choice: (
            f"{_ORDERS[choice]} ({_EXAMPLES[plan.order.day_first]})"
            if choice is None
            else f"{_ORDERS[choice]} ({_EXAMPLES[choice]})"
        ),
        key=_key("order"),
    )
    st.caption(md(plan.order.reason))


def columns(plan: ImportPlan) -> None:
    """Which column holds what: open for a spreadsheet of your own, folded for known exports."""
    headers = [_NOT_IN_FILE, *plan.table.headers]
    with st.expander(
        "Which column is which", expanded=plan.tracker.key == "generic" or bool(plan.missing)
    ):
        st.caption(
            "Company, role and a date are needed; everything else is optional. "
            "Columns left out are not imported."
        )
        grid = st.columns(3)
        for position, (name, label) in enumerate(FIELDS.items()):
            current = plan.mapping.get(name) or _NOT_IN_FILE
            grid[position % 3].selectbox(
                label,
                headers,
                index=headers.index(current),
                key=_key(f"map:{plan.tracker.key}:{name}"),
            )
    if plan.ignored:
        st.caption(md(f"Not imported: {', '.join(plan.ignored)}."))
    if plan.missing:
        names = ", ".join(FIELDS[name].lower() for name in plan.missing)
        st.warning(md(f"Pick the column for: {names}. Every application needs them."))


def statuses(plan: ImportPlan) -> None:
    """Each status in the file and the stage it becomes, for the user to check or change."""
    if not plan.statuses:
        st.caption(
            "The file has no status column: rows with a date applied are imported as applied, "
            "the others as saved."
        )
        return
    st.markdown("**Statuses and the stages they become**")
    st.caption(
        "The rest of each history is filled in so it makes sense: a rejection comes after "
        "applying, an interview is recorded as one video round. Guessed ones are marked."
    )
    stages = [stage.value for stage in Stage]
    grid = st.columns(3)
    for position, choice in enumerate(plan.statuses):
        grid[position % 3].selectbox(
            f"{md(choice.text)} ({plural(choice.count, 'row')}"
            f"{'' if choice.known else ', guessed'})",
            stages,
            index=stages.index(choice.stage.value),
            format_func=lambda value: Stage(value).label,
            key=_key(f"stage:{plan.tracker.key}:{choice.key}"),
        )


def _history(planned: PlannedRow) -> str:
    """An application's imported steps in a few words."""
    return " → ".join(
        f"{event.stage.label} {event.on:%d %b %Y}" for event in planned.application.events
    )


def _first(count: int, what: str) -> None:
    """Say that a long table shows only its first rows."""
    if count > _SHOWN:
        st.caption(f"Showing the first {_SHOWN:,} of {count:,} {what}.")


def _findings(findings: Sequence[Finding], heading: str, name: str) -> None:
    """Findings as a table of row, column and what was found there."""
    st.dataframe(
        pd.DataFrame(
            {
                "Row": [finding.row for finding in findings],
                "Column": [finding.column for finding in findings],
                heading: [finding.message for finding in findings],
            }
        ),
        hide_index=True,
        width="stretch",
        key=_key(name),
    )


def preview(plan: ImportPlan) -> None:
    """What will be imported, what can't be, and what was passed over."""
    if plan.rows:
        shown = plan.rows[:_SHOWN]
        st.markdown(f"**Ready to import: {plural(len(plan.rows), 'row')}**")
        _first(len(plan.rows), "rows")
        st.dataframe(
            pd.DataFrame(
                {
                    "Row": [item.row for item in shown],
                    "Company": [item.application.draft.company for item in shown],
                    "Role": [item.application.draft.role for item in shown],
                    "Status": [item.status for item in shown],
                    "History": [_history(item) for item in shown],
                    "Duplicate?": [item.duplicate for item in shown],
                }
            ),
            hide_index=True,
            width="stretch",
            key=_key("preview"),
        )
    if plan.problems:
        problems = plan.problems[:_SHOWN]
        st.markdown(
            f"**{rows_text(plan.problem_rows).capitalize()} with problems** "
            "(row numbers as your spreadsheet shows them)"
        )
        _first(len(plan.problems), "problems")
        _findings(problems, "Problem", "problems")
    if plan.notices:
        with st.expander(f"Worth knowing ({len(plan.notices):,})"):
            notices = plan.notices[:_SHOWN]
            _first(len(plan.notices), "notes")
            _findings(notices, "Note", "notices")
    if plan.skipped:
        shown = ", ".join(str(number) for number in plan.skipped[:20])
        more = f" and {len(plan.skipped) - 20:,} more" if len(plan.skipped) > 20 else ""
        st.caption(
            f"Passed over {rows_text(len(plan.skipped))} holding no application (blank, a "
            f"title or a total): {shown}{more}."
        )


def _import(plan: ImportPlan, include_duplicates: bool, skip_bad_rows: bool) -> None:
    """Write the plan in one transaction, say what happened, and start the next round."""
    try:
        result = commit(store(), plan, include_duplicates, skip_bad_rows)
    except BouncebackError as error:
        flash(f"Nothing was imported. {error}", "error")
        return
    parts = [f"Imported {plural(result.imported, 'application')}."]
    if result.duplicates_skipped:
        parts.append(f"Skipped {plural(result.duplicates_skipped, 'duplicate')}.")
    if result.problem_rows:
        parts.append(f"Left out {rows_text(result.problem_rows)} with problems.")
    flash(" ".join(parts) + " They are on your Pipeline now.")
    next_round = st.session_state.get(_ROUND, 0) + 1
    for key in [key for key in st.session_state if str(key).startswith(f"{PREFIX}:")]:
        del st.session_state[key]
    st.session_state[_ROUND] = next_round


def confirm(plan: ImportPlan) -> None:
    """The duplicates choice, leaving out bad rows, and the one button that writes."""
    include_duplicates = False
    if plan.duplicates:
        include_duplicates = (
            st.radio(
                f"{plural(plan.duplicates, 'row')} "
                f"{'matches' if plan.duplicates == 1 else 'match'} an application already in "
                "bounceback or earlier in the file (same company, role and date applied)",
                ["skip", "import"],
                format_func={"skip": "Skip them", "import": "Import them anyway"}.get,
                key=_key("duplicates"),
                horizontal=True,
            )
            == "import"
        )
    skip_bad_rows = False
    if plan.problems:
        skip_bad_rows = st.checkbox(
            f"Leave out the {rows_text(plan.problem_rows)} with problems and import the rest",
            key=_key("skip_bad"),
        )
    count = len(plan.applications(include_duplicates))
    blocked = bool(plan.problems) and not skip_bad_rows
    st.button(
        f"Import {plural(count, 'application')}",
        type="primary",
        disabled=blocked or count == 0,
        on_click=_import,
        args=(plan, include_duplicates, skip_bad_rows),
        key=_key("go"),
    )
    if blocked:
        st.caption(
            "Nothing is imported while rows have problems: fix them in the file and upload it "
            "again, or tick the box above to import the others."
        )
