"""The board: every card, its own search and filters, a next step on each card, Open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bounceback.domain import Event, InterviewKind, Settings, Source, Stage
from bounceback.storage import Store
from components.board import FIRST
from tests.conftest import draft
from tests.pages.conftest import button, texts


@pytest.fixture
def board_db(db_url: str) -> Store:
    """25 applied, one referral in screening long ago, one saved."""
    store = Store.open(db_url)
    store.save_settings(Settings(onboarded=True))
    day = date.today() - timedelta(days=3)
    for number in range(25):
        store.add_application(
            draft(company=f"Firm {number:02}", applied_on=day), today=date.today()
        )
    old = store.add_application(
        draft(company="Kestrel Ltd", source=Source.REFERRAL, applied_on=date(2026, 1, 5)),
        today=date.today(),
    )
    store.record(old, Event(Stage.SCREENING, date(2026, 1, 9)), 1, date.today())
    store.add_application(draft(company="Tern Co"), Stage.SAVED, date.today())
    return store


def _cards(app) -> list[str]:
    """The companies on the board's cards, in the order drawn."""
    return [
        e.value.split("**")[1]
        for e in app.markdown
        if e.value.startswith("**") and "  \n" in e.value
    ]


def test_every_card_is_there_with_counts_and_show_more(open_app, board_db) -> None:
    app = open_app("app_pages/pipeline.py")
    assert not app.exception
    assert "Applied · 25" in texts(app)
    assert "Screening · 1" in texts(app)
    assert len([name for name in _cards(app) if name.startswith("Firm")]) == FIRST
    button(app, f"Show more ({25 - FIRST} left)").click().run()
    assert len([name for name in _cards(app) if name.startswith("Firm")]) == 25


def test_search_and_filters_on_the_board_narrow_the_cards(open_app, board_db) -> None:
    app = open_app("app_pages/pipeline.py")
    app.text_input(key="board:search").input("kestrel").run()
    assert _cards(app) == ["Kestrel Ltd"]
    assert "1 of 27 applications match." in texts(app)
    assert "Applied · 0" in texts(app)
    app.text_input(key="board:search").input("").run()
    app.multiselect(key="board:sources").set_value([Source.REFERRAL.value]).run()
    assert _cards(app) == ["Kestrel Ltd"]
    app.multiselect(key="board:sources").set_value([]).run()
    app.date_input(key="board:dates").set_value((date(2026, 1, 1), date(2026, 1, 31))).run()
    assert _cards(app) == ["Kestrel Ltd"]
    assert not app.exception


def test_a_card_moves_one_step_on_and_the_move_can_be_undone(open_app, board_db) -> None:
    firm = next(a.id for a in board_db.all() if a.draft.company == "Firm 00")
    app = open_app("app_pages/pipeline.py")
    assert app.button(key=f"board:next:{firm}").label == "Move to screening"
    app.button(key=f"board:next:{firm}").click().run()
    assert not app.exception
    assert board_db.get(firm).stage is Stage.SCREENING
    assert board_db.get(firm).events[-1].on == date.today()
    assert "Screening · 2" in texts(app)
    button(app, "Undo").click().run()
    assert board_db.get(firm).stage is Stage.APPLIED
    assert len(board_db.get(firm).events) == 1


def test_the_offer_to_undo_a_move_goes_once_the_application_changes_again(
    open_app, board_db
) -> None:
    """A stale Undo would take back a step the user has built on (or fail on a newer one)."""
    firm = next(a.id for a in board_db.all() if a.draft.company == "Firm 00")
    app = open_app("app_pages/pipeline.py")
    app.button(key=f"board:next:{firm}").click().run()
    assert [b for b in app.button if b.label == "Undo"]
    moved = board_db.get(firm)
    board_db.record(firm, Event(Stage.INTERVIEW, date.today(), InterviewKind.VIDEO), moved.version)
    app.run()
    assert not app.exception
    assert not [b for b in app.button if b.label == "Undo"]
    assert board_db.get(firm).stage is Stage.INTERVIEW


def test_move_to_interview_opens_the_move_form_for_its_kind(open_app, board_db) -> None:
    kestrel = next(a.id for a in board_db.all() if a.draft.company == "Kestrel Ltd")
    app = open_app("app_pages/pipeline.py")
    app.button(key=f"board:next:{kestrel}").click().run()
    assert board_db.get(kestrel).stage is Stage.SCREENING, "nothing saved before the kind"
    assert app.selectbox(key=f"move:{kestrel}:stage").value == Stage.INTERVIEW.value
    app.selectbox(key=f"move:{kestrel}:kind").set_value("video")
    button(app, "Save stage change").click().run()
    assert not app.exception
    assert board_db.get(kestrel).stage is Stage.INTERVIEW
    assert "Interview · 1" in texts(app)


def test_open_shows_the_application_in_a_dialog(open_app, board_db) -> None:
    tern = next(a.id for a in board_db.all() if a.draft.company == "Tern Co")
    app = open_app("app_pages/pipeline.py")
    assert app.button(key=f"board:next:{tern}").label == "Move to applied"
    app.button(key=f"board:open:{tern}").click().run()
    assert not app.exception
    assert any("Tern Co" in element.value for element in app.subheader)
    button(app, "Close").click().run()
    assert not any("Tern Co" in element.value for element in app.subheader)


def test_closed_cards_wait_in_their_expander_until_opened(open_app, board_db) -> None:
    firm = next(a.id for a in board_db.all() if a.draft.company == "Firm 03")
    board_db.record(firm, Event(Stage.REJECTED, date.today()), 1, date.today())
    app = open_app("app_pages/pipeline.py")
    assert [e.label for e in app.expander if e.label.startswith("Closed")] == ["Closed · 1"]
    assert "Firm 03" not in _cards(app), "not drawn while the expander is shut"
    app.session_state["board:closed"] = True
    app.run()
    assert "Firm 03" in _cards(app)


def _scroll_boxes(node) -> int:
    """How many containers below `node` have a fixed height, so scroll their cards."""
    boxes = 0
    for child in getattr(node, "children", {}).values():
        proto = getattr(child, "proto", None)
        if proto is not None and hasattr(proto, "height_config"):
            boxes += proto.height_config.pixel_height > 0
        boxes += _scroll_boxes(child)
    return boxes


def test_only_a_column_with_many_cards_is_a_scrolling_box(open_app, board_db: Store) -> None:
    app = open_app("app_pages/pipeline.py")
    assert not app.exception
    # Applied holds 25 cards and scrolls; Saved and Screening, one each, are as tall as
    # their card, so stacked on a phone they leave no empty box.
    assert _scroll_boxes(app._tree) == 1
