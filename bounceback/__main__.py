"""Command line: `python -m bounceback demo|export|import`, each with `--db URL`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bounceback import backup, sample
from bounceback.config import DATA_DIR, database_url
from bounceback.domain import BouncebackError, InvalidInput, Settings
from bounceback.storage import Store

SAFETY_DIR = DATA_DIR / "backups"


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
    export = commands.add_parser("export", parents=[common], help="write a complete JSON backup")
    export.add_argument("path", type=Path)
    restore = commands.add_parser("import", parents=[common], help="restore a JSON backup")
    restore.add_argument("path", type=Path)
    restore.add_argument("--replace", action="store_true", help="replace existing data (backed up)")
    return parser


def _safety_copy(store: Store) -> Path:
    """Back up what is there before it is replaced: no command loses data."""
    SAFETY_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = SAFETY_DIR / f"before-replace-{stamp}.json"
    path.write_text(backup.export_text(store), encoding="utf-8")
    return path


def _guard(store: Store, replace: bool) -> bool:
    """Refuse to mix into existing data unless told to replace it; True when it may go on."""
    if store.is_empty():
        return True
    if not replace:
        print(
            "This database already has applications. Nothing was changed.\n"
            "Use --replace to replace them (a backup of the current data is written first).",
            file=sys.stderr,
        )
        return False
    print(f"Backed up the current data to {_safety_copy(store)}")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit code is 0 on success, 1 when nothing was changed."""
    args = _parser().parse_args(argv)
    try:
        store = Store.open(args.db or database_url())
        if args.command == "export":
            args.path.write_text(backup.export_text(store), encoding="utf-8")
            print(f"Wrote {len(store.all())} applications to {args.path}")
            return 0
        if args.command == "demo":
            found = backup.Backup(
                sample.generate(args.applications, seed=args.seed), Settings(onboarded=True)
            )
        else:
            found = backup.loads(args.path.read_text(encoding="utf-8"))
        if not _guard(store, args.replace):
            return 1
        count = store.load(
            found.applications, found.settings, args.replace, found.lessons, found.corrections
        )
        print(f"Wrote {count} applications.")
        return 0
    except InvalidInput as error:
        for field, message in error.errors.items():
            print(f"{field}: {message}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 1
    except (BouncebackError, OSError, UnicodeDecodeError) as error:
        print(f"{error}\nNothing was changed.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
