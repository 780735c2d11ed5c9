"""Command line: `python -m bounceback demo|export|import`, each with `--db URL`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bounceback import backup, exports, importers, sample
from bounceback.config import backup_dir, database_url
from bounceback.csv_text import check_size, read_files
from bounceback.domain import BouncebackError, InvalidInput, Settings
from bounceback.files import write_atomic
from bounceback.storage import Store

# Where safety copies go; None means the configured folder (data/backups by default).
SAFETY_DIR: Path | None = None
_CLOSED_AS = {None: "ghosted if applied for, else withdrawn (not pursued)", "open": "kept open"}
IMPORT_HELP = """\
A .json file is a bounceback backup: it restores into an empty database, or replaces what
is there with --replace.

Any other file is read as CSV: your own spreadsheet, bounceback's own job-search CSV, or an
export from LinkedIn (Job Applications, Saved Jobs), Huntr, Teal, JobSync, Simplify or
JustAJobApp, recognised from its columns. A .zip (LinkedIn's archive, Huntr's download) is
read for the CSV files in it. Its rows are added to
what is there, in one go. Before anything is written every row is checked: when any row has
a problem, nothing is written and each problem is listed by row and column; fix the file, or
add --skip-bad-rows to import the other rows. Rows matching an application already there
(same company, role and date applied) are skipped unless you add --include-duplicates.
"""


def _parser() -> argparse.ArgumentParser:
    """The commands and their options."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="URL", help="database URL (default: BOUNCEBACK_DB_URL, secrets, local file)"
    )
    parser = argparse.ArgumentParser(prog="python -m bounceback", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", parents=[common], help="write sample data")
    demo.add_argument("--applications", type=int, default=60, metavar="N")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--replace", action="store_true", help="replace existing data (backed up)")
    export = commands.add_parser(
        "export",
        parents=[common],
        help="write a complete JSON backup, or (to a .csv file) the job-search record",
    )
    export.add_argument("path", type=Path)
    restore = commands.add_parser(
        "import",
        parents=[common],
        help="restore a JSON backup, or add applications from a CSV file",
        description=IMPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    restore.add_argument("path", type=Path)
    restore.add_argument(
        "--replace", action="store_true", help="backups only: replace existing data (backed up)"
    )
    restore.add_argument(
        "--format",
        choices=["auto", *importers.formats()],
        default="auto",
        help="CSV only: the kind of file (default: recognised from its columns)",
    )
    order = restore.add_mutually_exclusive_group()
    order.add_argument(
        "--day-first",
        dest="day_first",
        action="store_const",
        const=True,
        help="CSV only: read 01/10/2026 as 1 October (default: decided from the dates)",
    )
    order.add_argument(
        "--month-first",
        dest="day_first",
        action="store_const",
        const=False,
        help="CSV only: read 10/01/2026 as 1 October",
    )
    restore.add_argument(
        "--include-duplicates",
        action="store_true",
        help="CSV only: import rows that match an application already there",
    )
    restore.add_argument(
        "--close-as",
        choices=[key for key in importers.CLOSE_AS if key],
        help="CSV only: how to close jobs the tracker closed without a reason (archived, "
        "expired); default: ghosted if applied for, else withdrawn (not pursued)",
    )
    restore.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="CSV only: import the good rows and leave out the rows with problems",
    )
    return parser


def _is_backup(path: Path) -> bool:
    """A .json file, or any file that starts like JSON, is a backup; the rest is CSV."""
    if path.suffix.lower() == ".json":
        return True
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return False
    with path.open("rb") as handle:
        return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _print_plan(plan: importers.ImportPlan) -> None:
    """Say how the file was read: format, encoding, delimiter, dates and statuses."""
    table = plan.table
    print(
        f"Read {importers.rows_text(len(table.rows))} from {plan.tracker.kind} "
        f"({table.encoding}, {table.delimiter_name}-separated)."
    )
    if table.note:
        print(table.note)
    print(plan.order.reason)
    if plan.statuses:
        print(
            "Statuses: "
            + "; ".join(
                f"{choice.text} → "
                + (
                    "closed without a reason"
                    if choice.key in plan.tracker.closing
                    else f"{choice.stage.value}{'' if choice.known else ' (guessed)'}"
                )
                + f" ({choice.count:,})"
                for choice in plan.statuses
            )
        )
    if plan.closed:
        print(
            f"{importers.rows_text(len(plan.closed)).capitalize()} closed in "
            f"{plan.tracker.label} without a reason: {_CLOSED_AS.get(plan.close_as, plan.close_as)}"
            " (change with --close-as)."
        )
    if plan.ignored:
        print("Not imported (no field for them): " + ", ".join(plan.ignored))
    for finding in plan.notices:
        where = f"row {finding.row}" + (f", {finding.column}" if finding.column else "")
        print(f"Note, {where}: {finding.message}")


def _import_csv(store: Store, args: argparse.Namespace) -> int:
    """Add applications from a CSV file, or write nothing and say why."""
    if args.replace:
        print(
            "--replace is for backups only: rows from a CSV file are added to what is there.\n"
            "Nothing was changed.",
            file=sys.stderr,
        )
        return 1
    if args.path.suffix.lower() != ".zip":
        check_size(args.path.stat().st_size)
    settings = store.settings()
    files = read_files([(args.path.name, args.path.read_bytes())])
    plans = importers.plan_files(
        files,
        importers.Choices(
            format=None if args.format == "auto" else args.format,
            day_first=args.day_first,
            close_as=args.close_as,
        ),
        importers.stored_keys(store),
        settings.currency,
        importers.usual_day_first(settings.country),
    )
    if files.ignored:
        shown = ", ".join(files.ignored[:10])
        more = f" and {len(files.ignored) - 10:,} more" if len(files.ignored) > 10 else ""
        print(f"Passed over (no applications in them): {shown}{more}.")
    if not _print_plans(plans):
        return 1
    problem_rows = sum(plan.problem_rows for plan in plans)
    if problem_rows and not args.skip_bad_rows:
        others = sum(len(plan.applications(args.include_duplicates)) for plan in plans)
        print(
            f"Nothing was changed: {importers.rows_text(problem_rows)} with problems. Fix "
            f"them in the file, or add --skip-bad-rows to import the other "
            f"{importers.rows_text(others)}.",
            file=sys.stderr,
        )
        return 1
    _print_result(importers.commit(store, plans, args.include_duplicates, args.skip_bad_rows))
    return 0


def _print_plans(plans: list[importers.ImportPlan]) -> bool:
    """Say what each file's plan would do and its problems; False when a file lacks a column
    every application needs (said, and the files after it are not shown)."""
    for plan in plans:
        if len(plans) > 1:
            print(f"\n{plan.table.name}:")
        _print_plan(plan)
        if plan.missing:
            names = ", ".join(importers.FIELDS[name].lower() for name in plan.missing)
            print(
                f"No column was found for: {names}. The file's columns are: "
                f"{', '.join(plan.table.headers)}.\nRename those columns (for example Company, "
                "Role, Date applied), or pick them on the Import page. Nothing was changed.",
                file=sys.stderr,
            )
            return False
        for finding in plan.problems:
            print(
                f"Problem, row {finding.row}, {finding.column}: {finding.message}",
                file=sys.stderr,
            )
    return True


def _print_result(result: importers.ImportResult) -> None:
    """Say what an import wrote and what it left out."""
    print(f"Imported {result.imported:,} application{'' if result.imported == 1 else 's'}.")
    if result.duplicates_skipped:
        print(
            f"Skipped {importers.rows_text(result.duplicates_skipped)} matching applications "
            "already there or earlier in the file (--include-duplicates imports them)."
        )
    if result.problem_rows:
        print(f"Left out {importers.rows_text(result.problem_rows)} with problems.")
    if result.skipped_rows:
        print(
            f"Skipped {importers.rows_text(result.skipped_rows)} holding no application "
            "(blank, a title or a total)."
        )


def _guard(store: Store, replace: bool) -> bool:
    """Refuse to overwrite anything unless told to replace it; True when it may go on.

    Whatever would be replaced is first written to a safety copy: no command loses data.
    """
    held = backup.at_stake(store)
    if not held:
        return True
    if not replace:
        print(
            f"This database already holds {', '.join(held)}. Nothing was changed.\n"
            "Use --replace to replace them (a backup of the current data is written first).",
            file=sys.stderr,
        )
        return False
    copy = backup.safety_copy(store, SAFETY_DIR or backup_dir())
    print(f"Backed up the current data to {copy}")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit code is 0 on success, 1 when nothing was changed."""
    args = _parser().parse_args(argv)
    try:
        store = Store.open(args.db or database_url())
        if args.command == "export" and args.path.suffix.lower() == ".csv":
            found = store.all()
            write_atomic(args.path, exports.history_csv(found))
            print(f"Wrote the job-search record of {len(found)} applications to {args.path}")
            return 0
        if args.command == "export":
            write_atomic(args.path, backup.export_text(store))
            print(f"Wrote {len(store.all())} applications to {args.path}")
            return 0
        if args.command == "import" and not _is_backup(args.path):
            return _import_csv(store, args)
        if args.command == "demo":
            found = backup.Backup(
                sample.generate(args.applications, seed=args.seed), Settings(onboarded=True)
            )
        else:
            if args.path.stat().st_size > backup.MAX_BYTES:
                raise backup.BadBackup("This file is too large for a backup.")
            found = backup.loads(args.path.read_text(encoding="utf-8"))
        if not _guard(store, args.replace):
            return 1
        count = backup.write(store, found, args.replace)
        print(f"Wrote {count} applications.")
        return 0
    except InvalidInput as error:
        for field, message in error.errors.items():
            print(f"{field}: {message}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 1
    except (BouncebackError, OSError, UnicodeDecodeError) as error:
        said = str(error)
        # Refusals from the store already end by saying nothing was changed.
        print(
            said if said.endswith("changed.") else f"{said}\nNothing was changed.", file=sys.stderr
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
