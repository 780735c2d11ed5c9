"""The CSV import flow: upload, see how the file was read, check columns and statuses, import.

Every widget key starts with `import:<round>:`; the round goes up after an import, so the
next file starts from a clean slate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from bounceback.csv_text import (
    MAX_ARCHIVE_BYTES,
    MAX_BYTES,
    MAX_ROWS,
    FileSet,
    Progress,
    Table,
    UnreadableFile,
    check_size,
    read_files,
)
from bounceback.domain import BouncebackError, Stage
from bounceback.importers import (
    CLOSE_AS,
    FIELDS,
    Choices,
    Finding,
    ImportPlan,
    PlannedRow,
    commit,
    detect,
    formats,
    guess_stage,
    link_duplicates,
    plan_import,
    rows_text,
)
from components.state import flash, no_later_than_server, store
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
# Statuses listed in the table, most used first; the rest keep their guessed stage.
_STATUSES_SHOWN = 100
_STAGE_BY_LABEL = {stage.label: stage for stage in Stage}
_ORDERS = {None: "Decide from the dates", True: "Day first", False: "Month first"}
_EXAMPLES = {True: "01/10/2026 is 1 October", False: "10/01/2026 is 1 October"}


def _key(name: str, part: int = 0) -> str:
    """A widget key of this round of the import, for one file of the upload (from 0)."""
    file = f"{part}:" if part else ""
    return f"{PREFIX}:{st.session_state.get(_ROUND, 0)}:{file}{name}"


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
        f"up to {MAX_BYTES // 1_048_576} MB and {MAX_ROWS:,} rows, several at once, or a zip:\n"
        "- **your own spreadsheet**: you say which column is the company, the role, the date;\n"
        "- **LinkedIn**: the zip from *Settings → Data privacy → Get a copy of your data*, as "
        "it comes (or *Job Applications.csv* and *Saved Jobs.csv* from it);\n"
        "- exports from **Huntr** (its zip too), **Teal**, **JobSync**, **Simplify** and "
        "**JustAJobApp**, and bounceback's own job-search CSV.\n\n"
        "Nothing is saved until you have checked the preview and pressed Import. Excel "
        "workbooks need saving as CSV first (File → Save as → CSV UTF-8)."
    )


def upload() -> FileSet | None:
    """The uploader, for one file, several, or a zip; each upload is read once."""
    uploaded = st.file_uploader(
        "Your CSV file, several of them, or the zip your tracker gave you",
        type=["csv", "txt", "tsv", "zip"],
        key=_key("file"),
        accept_multiple_files=True,
        max_upload_size=MAX_ARCHIVE_BYTES // 1_048_576,
    )
    if not uploaded:
        for key in [key for key in st.session_state if str(key).startswith(_PLANNED)]:
            del st.session_state[key]  # let go of a removed file's rows
        st.session_state.pop(_READ, None)
        return None
    ids = tuple(file.file_id for file in uploaded)
    cached = st.session_state.get(_READ)
    if cached and cached[0] == ids:
        return cached[1]
    size = sum(file.size for file in uploaded)
    bar, progress = _with_progress("Reading the file…", size > _BIG_FILE)
    try:
        for file in uploaded:
            if not file.name.lower().endswith(".zip"):
                check_size(file.size)
        files = read_files([(file.name, file.getvalue()) for file in uploaded], progress)
    except UnreadableFile as error:
        st.error(md(error))
        return None
    finally:
        if bar is not None:
            bar.empty()
    st.session_state[_READ] = (ids, files)
    return files


def passed_over(files: FileSet) -> None:
    """Which files of an archive were not read, so nothing goes unmentioned."""
    if files.ignored:
        shown = ", ".join(files.ignored[:10])
        more = f" and {len(files.ignored) - 10:,} more" if len(files.ignored) > 10 else ""
        st.caption(md(f"Passed over (no applications in them): {shown}{more}."))


def _choices(table: Table, part: int) -> Choices:
    """What the user picked in this round's widgets so far; the rest is left to guesses."""
    state = st.session_state
    chosen_format = state.get(_key("format", part))
    tracker = formats().get(chosen_format or "") or detect(table.headers, table)
    mapping = {
        name: (None if state[key] == _NOT_IN_FILE else state[key])
        for name in FIELDS
        if (key := _key(f"map:{tracker.key}:{name}", part)) in state
    }
    return Choices(
        chosen_format,
        mapping or None,
        _chosen_stages(part),
        state.get(_key("order", part)),
        state.get(_key("close_as", part)),
    )


def _chosen_stages(part: int) -> dict[str, Stage]:
    """The stages picked in the status table shown last, by status key."""
    shown = st.session_state.get(_key("stage-table", part))
    if not shown:
        return {}
    editor, keys = shown
    edits = (st.session_state.get(editor) or {}).get("edited_rows", {})
    return {
        keys[int(row)]: _STAGE_BY_LABEL[change["Stage"]]
        for row, change in edits.items()
        if int(row) < len(keys) and change.get("Stage") in _STAGE_BY_LABEL
    }


def plan(
    table: Table,
    existing: Collection[tuple],
    revision: int,
    currency: str,
    day_first_usually: bool,
    part: int = 0,
) -> ImportPlan:
    """The plan for one file and the choices so far, checked again only when they change."""
    choices = _choices(table, part)
    on = no_later_than_server()  # each row is checked again on import, by the server's date
    signature = (
        id(table),
        choices.format,
        tuple(sorted((choices.mapping or {}).items(), key=lambda item: item[0])),
        tuple(sorted((key, stage.value) for key, stage in choices.stages.items())),
        choices.day_first,
        choices.close_as,
        revision,  # what `existing` was read at: cheaper than hashing it every rerun
        currency,
        day_first_usually,
        on,
    )
    cached = st.session_state.get(f"{_PLANNED}:{part}")
    if cached and cached[0] == signature:
        return cached[1]
    bar, progress = _with_progress("Checking every row…", len(table.rows) > _LONG_TABLE)
    try:
        result = plan_import(table, choices, existing, currency, day_first_usually, on, progress)
    finally:
        if bar is not None:
            bar.empty()
    st.session_state[f"{_PLANNED}:{part}"] = (signature, result)
    return result


def how_read(plan: ImportPlan, part: int = 0) -> None:
    """The format, encoding, delimiter and date order, each one the user can change."""
    table = plan.table
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
            f"Recognised: {plan.recognised}" if key is None else formats()[key].label
        ),
        key=_key("format", part),
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
        key=_key("order", part),
    )
    st.caption(md(plan.order.reason))


def columns(plan: ImportPlan, part: int = 0) -> None:
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
                key=_key(f"map:{plan.tracker.key}:{name}", part),
            )
    if plan.ignored:
        st.caption(md(f"Not imported: {', '.join(plan.ignored)}."))
    if plan.missing:
        names = ", ".join(FIELDS[name].lower() for name in plan.missing)
        st.warning(md(f"Pick the column for: {names}. Every application needs them."))


def statuses(plan: ImportPlan, part: int = 0) -> None:
    """Each status in the file and the stage it becomes, in one table to check or change.

    The most used statuses are listed (up to _STATUSES_SHOWN); the rest keep the stage
    their words suggest, and say so, so a file of a thousand odd statuses stays quick.
    """
    if not plan.statuses:
        st.caption(
            "The file has no status column: rows with a date applied are imported as applied, "
            "the others as saved."
        )
        return
    st.markdown("**Statuses and the stages they become**")
    st.caption(
        "The rest of each history is filled in so it makes sense: a rejection comes after "
        "applying, an interview is recorded as one video round. Change a stage in the Stage "
        "column; guessed ones are marked."
    )
    # Statuses that close a job without a reason are asked about once, below the table.
    ranked = sorted(
        (choice for choice in plan.statuses if choice.key not in plan.tracker.closing),
        key=lambda choice: -choice.count,
    )
    shown, rest = ranked[:_STATUSES_SHOWN], ranked[_STATUSES_SHOWN:]
    keys = tuple(choice.key for choice in shown)
    # The table's rows are the file's own guesses, so an edit is kept whatever else changes;
    # its key names the statuses, so a different status column starts a table of its own.
    digest = hashlib.sha1("|".join(keys).encode()).hexdigest()
    editor = _key(f"stages:{plan.tracker.key}:{digest}", part)
    st.session_state[_key("stage-table", part)] = (editor, keys)
    guesses = [guess_stage(plan.tracker, key) for key in keys]
    st.data_editor(
        pd.DataFrame(
            {
                "Status": [choice.text for choice in shown],
                "Rows": [choice.count for choice in shown],
                "Stage": [stage.label for stage, _ in guesses],
                "How": [
                    f"as {plan.tracker.name} means it" if known else "guessed from its words"
                    for _, known in guesses
                ],
            }
        ),
        column_config={
            "Stage": st.column_config.SelectboxColumn(
                "Stage", options=list(_STAGE_BY_LABEL), required=True
            ),
        },
        disabled=["Status", "Rows", "How"],
        hide_index=True,
        width="stretch",
        key=editor,
    )
    if rest:
        st.caption(
            f"Not listed: {plural(len(rest), 'rarer status', 'rarer statuses')}, used by "
            f"{rows_text(sum(choice.count for choice in rest))}. Each keeps the stage its words "
            "suggest (applied when they suggest none); to choose one yourself, change it in the "
            "file to one of the statuses above."
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


def _findings(findings: Sequence[Finding], heading: str, name: str, part: int) -> None:
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
        key=_key(name, part),
    )


def preview(plan: ImportPlan, part: int = 0) -> None:
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
            key=_key("preview", part),
        )
    if plan.problems:
        problems = plan.problems[:_SHOWN]
        st.markdown(
            f"**{rows_text(plan.problem_rows).capitalize()} with problems** "
            "(row numbers as your spreadsheet shows them)"
        )
        _first(len(plan.problems), "problems")
        _findings(problems, "Problem", "problems", part)
    if plan.notices:
        with st.expander(f"Worth knowing ({len(plan.notices):,})"):
            notices = plan.notices[:_SHOWN]
            _first(len(plan.notices), "notes")
            _findings(notices, "Note", "notices", part)
    if plan.skipped:
        shown = ", ".join(str(number) for number in plan.skipped[:20])
        more = f" and {len(plan.skipped) - 20:,} more" if len(plan.skipped) > 20 else ""
        st.caption(
            f"Left out {rows_text(len(plan.skipped))} holding no application (empty, a title, "
            f"a total, or no company and no role): {shown}{more}."
        )


def closed(plan: ImportPlan, part: int = 0) -> None:
    """How to close the jobs the tracker closed without saying why (archived, expired)."""
    if not plan.closed:
        return
    st.radio(
        f"{rows_text(len(plan.closed)).capitalize()} closed in {plan.tracker.name} without a "
        "reason (archived or expired). How should they close here?",
        list(CLOSE_AS),
        format_func=CLOSE_AS.get,
        key=_key("close_as", part),
        horizontal=True,
    )
    st.caption(
        "A job that was only saved can only close as not pursued (withdrawn), whichever you "
        "pick; keep them open to decide one by one on the Pipeline."
    )


def _import(plans: list[ImportPlan], include_duplicates: bool, skip_bad_rows: bool) -> None:
    """Write the plans in one transaction, say what happened, and start the next round."""
    long = sum(len(plan.rows) for plan in plans) > _LONG_TABLE
    bar, progress = _with_progress("Writing the applications…", long)
    try:
        result = commit(store(), plans, include_duplicates, skip_bad_rows, progress)
    except BouncebackError as error:
        flash(f"Nothing was imported. {error}", "error")
        return
    finally:
        if bar is not None:
            bar.empty()
    parts = [f"Imported {plural(result.imported, 'application')}."]
    if result.duplicates_skipped:
        parts.append(f"Skipped {plural(result.duplicates_skipped, 'duplicate')}.")
    if result.problem_rows:
        parts.append(f"Left out {rows_text(result.problem_rows)} with problems.")
    if result.skipped_rows:
        parts.append(f"Left out {rows_text(result.skipped_rows)} holding no application.")
    flash(" ".join(parts) + " They are on your Pipeline now.")
    next_round = st.session_state.get(_ROUND, 0) + 1
    for key in [key for key in st.session_state if str(key).startswith(f"{PREFIX}:")]:
        del st.session_state[key]
    st.session_state[_ROUND] = next_round


def confirm(plans: Sequence[ImportPlan]) -> None:
    """The duplicates choice, leaving out bad rows, and the one button that writes it all."""
    ready = link_duplicates([plan for plan in plans if not plan.missing], ())
    duplicates = sum(plan.duplicates for plan in ready)
    problem_rows = sum(plan.problem_rows for plan in ready)
    include_duplicates = False
    if duplicates:
        include_duplicates = (
            st.radio(
                f"{plural(duplicates, 'row')} "
                f"{'matches' if duplicates == 1 else 'match'} an application already in "
                "bounceback or earlier in the file (same company, role and date applied)",
                ["skip", "import"],
                format_func={"skip": "Skip them", "import": "Import them anyway"}.get,
                key=_key("duplicates"),
                horizontal=True,
            )
            == "import"
        )
    skip_bad_rows = False
    if problem_rows:
        skip_bad_rows = st.checkbox(
            f"Leave out the {rows_text(problem_rows)} with problems and import the rest",
            key=_key("skip_bad"),
        )
    count = sum(len(plan.applications(include_duplicates)) for plan in ready)
    blocked = bool(problem_rows) and not skip_bad_rows
    st.button(
        f"Import {plural(count, 'application')}",
        type="primary",
        disabled=blocked or count == 0 or len(ready) < len(plans),
        on_click=_import,
        args=(ready, include_duplicates, skip_bad_rows),
        key=_key("go"),
    )
    if blocked:
        st.caption(
            "Nothing is imported while rows have problems: fix them in the file and upload it "
            "again, or tick the box above to import the others."
        )
