"""Feedback themes page: empty, sample data, corrections, chasing feedback, care with bias."""

import re
from datetime import date

from bounceback import feedback
from bounceback.domain import Event, FollowUpKind, InterviewKind, Stage
from bounceback.reflections import Prompt, Reflection
from bounceback.storage import Store
from bounceback.themes import load_lexicon
from tests.conftest import draft
from tests.pages.conftest import button, texts

PAGE = "app_pages/feedback.py"


def _plain(shown: str) -> str:
    """Page text without the highlight markup around trigger words."""
    return re.sub(r":orange-background\[(.*?)\]", r"\1", shown)


def feedback_label(theme: str) -> str:
    """A theme's label as the page shows it."""
    return load_lexicon().theme(theme).label


def _rejected(store: Store, note: str, company: str = "Acme") -> int:
    new_id = store.add_application(draft(company=company, applied_on=date(2026, 9, 1)))
    store.record(new_id, Event(Stage.INTERVIEW, date(2026, 9, 5), InterviewKind.VIDEO), 1)
    store.record(new_id, Event(Stage.REJECTED, date(2026, 9, 20), note=note), 2)
    return new_id


def test_an_empty_database_explains_where_themes_come_from(open_app) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert "Themes appear once you record feedback" in texts(app)


def test_sample_data_shows_counts_top_themes_and_next_steps(open_app, sample_db) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert app.get("plotly_chart")
    assert "Next steps" in texts(app)
    assert int(app.metric[0].value) > 0


def test_a_correction_is_saved_and_wins(open_app, db_url) -> None:
    store = Store.open(db_url)
    _rejected(store, "You came across as very nervous throughout.")
    app = open_app(PAGE)
    key = feedback.snippet_key(feedback.EMPLOYER, "You came across as very nervous throughout.")
    widget = f"feedback:confidence:{key}:1"
    app.multiselect(key=widget).set_value(["confidence", "answer_quality"])
    app.button(key=f"{widget}:save").click().run()
    assert not app.exception
    assert store.theme_corrections() == {key: {"answer_quality": True}}
    assert "Answer quality" in [header.value for header in app.subheader]


def test_noes_without_reason_can_be_chased_in_one_click(open_app, db_url) -> None:
    store = Store.open(db_url)
    vague = _rejected(store, "Unfortunately you have not been successful.", company="Vague")
    _rejected(store, "You came across as very nervous throughout.", company="Told")
    app = open_app(PAGE)
    assert "1 rejection after an interview came with no usable reason" in texts(app)
    button(app, "Add an 'ask for feedback' follow-up to the 1 one not yet chased").click().run()
    assert not app.exception
    assert [f.kind for f in store.get(vague).follow_ups] == [FollowUpKind.ASK_FEEDBACK]


def test_possible_bias_is_flagged_with_care_and_neutral_links(open_app, db_url) -> None:
    _rejected(Store.open(db_url), "They asked whether I was planning to have children soon.")
    app = open_app(PAGE)
    assert not app.exception
    shown = texts(app)
    assert "only you, and people who know the law where you live, can judge it" in shown
    assert "not legal advice" in shown
    assert "Acas" in shown


UNPLACED = "They said the union rep objected to the panel, so the whole round was void."


def test_feedback_no_theme_fits_is_listed_to_place_in_one_click(open_app, db_url) -> None:
    store = Store.open(db_url)
    _rejected(store, UNPLACED, company="Union")
    app = open_app(PAGE)
    assert not app.exception
    assert "We couldn't place these; which theme fits?" in [h.value for h in app.subheader]
    assert "No specific reason" not in texts(app)
    assert "came with no usable reason" not in texts(app)
    key = feedback.snippet_key(feedback.EMPLOYER, UNPLACED)
    app.pills(key=f"feedback:unsorted:{key}:1").set_value("circumstances").run()
    assert not app.exception
    assert store.theme_corrections() == {key: {"circumstances": True}}
    assert "We couldn't place these; which theme fits?" not in [h.value for h in app.subheader]
    assert "Role circumstances" in [h.value for h in app.subheader]


def test_a_no_with_only_own_words_is_counted_without_reason(open_app, db_url: str) -> None:
    store = Store.open(db_url)
    new_id = _rejected(store, note="")
    store.save_reflection(
        Reflection(
            application_id=new_id,
            prompt=Prompt.REJECTION,
            written_on=date(2026, 9, 21),
            went_wrong="I rambled on the first question.",
        )
    )
    app = open_app(PAGE)
    assert not app.exception
    assert {m.label: m.value for m in app.metric}["Noes with nothing to go on"] == "1"


def test_no_reason_is_one_number_in_plain_words(open_app, db_url: str) -> None:
    store = Store.open(db_url)
    _rejected(store, "Unfortunately you have not been successful.", company="Vague")
    _rejected(store, "We went with other candidates.", company="Stock")
    app = open_app(PAGE)
    assert not app.exception
    assert [m.label for m in app.metric] == [
        "From employers",
        "Your own notes",
        "Noes with nothing to go on",
    ]
    shown = texts(app)
    # The stock lines are explained in words; the only count of them is the metric.
    assert "They say nothing about you, only that they didn't say why." in shown
    assert "No specific reason: 2 times" not in shown
    assert "2 rejections after an interview came with no usable reason" in shown


# Two snippets for each of seven themes, then six more of one: more themes than the top three.
FEW = {
    "skills_gap": "You lacked the advanced Excel skills the role needs.",
    "experience": "The successful candidate had more experience in the retail sector.",
    "confidence": "You came across as very nervous throughout.",
    "answer_quality": "Some of your answers were a little vague and lacked specific examples.",
    "logistics": "Your salary expectations were above the budget for this position.",
    "circumstances": "The role has been put on hold due to a restructure.",
    "preparation": "It was clear you hadn't looked at our website before the interview.",
}


def _many_themes(store: Store) -> None:
    for round_ in range(2):
        for theme, note in FEW.items():
            _rejected(store, f"{note} ({round_})", company=f"{theme} {round_}")
    for extra in range(6):
        _rejected(store, f"{FEW['logistics']} [{extra}]", company=f"Extra {extra}")


def test_the_feedback_behind_any_theme_can_be_read_and_corrected(open_app, db_url) -> None:
    store = Store.open(db_url)
    _many_themes(store)
    app = open_app(PAGE)
    assert not app.exception
    picker = app.selectbox(key="feedback:theme")
    assert picker.value is None  # nothing drawn until a theme is chosen
    top = {h.value for h in app.subheader}
    rare = next(theme for theme in FEW if feedback_label(theme) not in top)
    assert len(picker.options) == len(FEW)
    assert f"{FEW[rare]} (1)" not in _plain(texts(app))
    picker.set_value(rare).run()
    assert not app.exception
    assert f"{FEW[rare]} (1)" in _plain(texts(app))
    key = feedback.snippet_key(feedback.EMPLOYER, f"{FEW[rare]} (1)")
    widget = next(
        w.key for w in app.multiselect if w.key.startswith(f"feedback:pick:{rare}:{key}:")
    )
    app.multiselect(key=widget).set_value([rare, "answer_quality"])
    app.button(key=f"{widget}:save").click().run()
    assert not app.exception
    assert store.theme_corrections() == {key: {"answer_quality": True}}


def test_a_busy_theme_shows_its_latest_few_and_says_how_many_in_all(open_app, db_url) -> None:
    store = Store.open(db_url)
    _many_themes(store)
    app = open_app(PAGE)
    # Logistics: 8 snippets, the most common, so a top theme with its five latest.
    assert "Showing the latest 5 of 8." in texts(app)
    app.selectbox(key="feedback:theme").set_value("logistics").run()
    assert not app.exception
    assert texts(app).count("Showing the latest 5 of 8.") == 2
