"""Every download made from hostile text stays inert: no formulas, no markup, no broken lines."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from bounceback import backup, exports
from bounceback.lessons import lesson_table, plus_points, to_markdown
from bounceback.pipeline import application_table
from bounceback.session_summary import render
from bounceback.storage import Store
from bounceback.themes import load_lexicon
from tests.conftest import TODAY
from tests.hostile import PAYLOADS, seed_hostile


@pytest.fixture
def hostile(db_url: str) -> Store:
    """A store whose every free-text field is hostile."""
    store = Store.open(db_url)
    seed_hostile(store, TODAY)
    return store


def test_the_job_search_csv_never_starts_a_cell_with_a_formula_sign(hostile):
    rows = list(csv.reader(io.StringIO(exports.history_csv(hostile.all()))))
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")] == []


@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_no_cell_starts_a_formula_whatever_separator_the_spreadsheet_splits_on(hostile, separator):
    text = exports.history_csv(hostile.all())
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    # A reader confused by quotes may start a cell anywhere; it trims spaces and quotes.
    cells = [cell.lstrip(' "\t\r\n') for row in rows[1:] for cell in row]
    assert any("cmd|" in cell for cell in cells)
    assert [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")] == []


@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_the_pipeline_tables_csv_holds_no_formula_whatever_the_separator(hostile, separator):
    table = application_table(hostile.frames())[["company", "role", "location", "applied_on"]]
    text = exports.table_csv(table, {"company": "Company"})
    assert text.startswith('"Company","role"')
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    cells = [cell.lstrip(' "\t\r\n') for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")] == []


def test_every_field_of_the_job_search_csv_is_quoted(hostile):
    text = exports.history_csv(hostile.all())
    rows = list(csv.reader(io.StringIO(text, newline="")))
    quoted = io.StringIO()
    csv.writer(quoted, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows)
    assert text == quoted.getvalue()


def test_the_calendar_keeps_every_event_on_its_own_lines(hostile):
    text = exports.follow_ups_ics(hostile.all())
    lines = text.split("\r\n")
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == len(hostile.all())
    # Every line is a property or a folded continuation: no payload broke out of its value.
    assert all(re.match(r"^([A-Z-]+[;:]| )", line) for line in lines if line)


def test_the_markdown_list_holds_no_live_links_images_or_html(hostile):
    frames = hostile.frames()
    text = to_markdown(lesson_table(frames), plus_points(frames), TODAY)
    assert "pwned" in text
    assert not re.search(r"(?<!\\)<(script|img|a|svg|b)\b", text)
    assert not re.search(r"(?<!\\)\]\((?!\s)", text)


def test_the_session_summary_escapes_every_payload(hostile):
    document = render(hostile.frames(), hostile.settings(), TODAY, load_lexicon())
    markup = [payload for payload in PAYLOADS if "<" in payload]
    assert [payload for payload in markup if payload in document] == []
    assert any(html.escape(payload, quote=False) in document for payload in markup)


def test_a_backup_of_hostile_text_restores_it_exactly(hostile, tmp_path):
    text = backup.export_text(hostile)
    fresh = Store.open(f"sqlite:///{tmp_path / 'restored.db'}")
    backup.restore(fresh, text)
    assert backup.export_text(fresh) == text
