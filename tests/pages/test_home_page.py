"""Today page: the first-visit welcome, then what is due."""

import pytest

from bounceback.domain import Settings
from bounceback.storage import Store, make_engine, metadata
from tests.conftest import _postgres_url
from tests.pages.conftest import button, texts


def test_the_first_visit_offers_sample_data_or_a_fresh_start(open_app) -> None:
    app = open_app()
    assert not app.exception
    assert "Welcome to bounceback" in texts(app)
    assert {"Load sample data", "Start fresh"} <= {b.label for b in app.button}


def test_loading_sample_data_fills_the_dashboard(open_app, db_url: str) -> None:
    app = open_app()
    button(app, "Load sample data").click().run()
    assert not app.exception
    assert len(Store.open(db_url).all()) == 60
    assert "Live applications" in [metric.label for metric in app.metric]
    assert "Loaded a sample job hunt" in texts(app)


def test_starting_fresh_remembers_the_choice(open_app, db_url: str) -> None:
    app = open_app()
    button(app, "Start fresh").click().run()
    assert not app.exception
    assert Store.open(db_url).settings().onboarded
    assert "Welcome to bounceback" not in texts(app)
    assert "No applications yet" in texts(app)
    # It points at the add form on this page, not at another page.
    assert "Add your first application just below" in texts(app)
    assert {"Company", "Role"} <= {box.label for box in app.text_input}


def test_with_sample_data_up_next_lists_follow_ups(open_app, sample_db) -> None:
    app = open_app()
    assert not app.exception
    assert "Up next" in texts(app)
    assert app.checkbox, "the sample story has follow-ups due"


def test_ticking_a_follow_up_saves_it(open_app, sample_db) -> None:
    app = open_app()
    before = app.checkbox[0].label
    app.checkbox[0].check().run()
    assert not app.exception
    assert before not in [box.label for box in app.checkbox]


def download_labels(app) -> list[str]:
    """The labels of the page's download buttons."""
    return [element.proto.label for element in app.get("download_button")]


def test_with_sample_data_the_session_summary_can_be_downloaded(open_app, sample_db) -> None:
    app = open_app()
    assert not app.exception
    assert download_labels(app) == ["Session summary (HTML)"]


def test_with_nothing_recorded_there_is_no_session_summary(open_app, db_url: str) -> None:
    Store.open(db_url).save_settings(Settings(onboarded=True))
    app = open_app()
    assert not app.exception
    assert "No applications yet" in texts(app)
    assert download_labels(app) == []


def test_sample_data_backs_up_strengths_saved_before_any_application(
    open_app, db_url: str, tmp_path
) -> None:
    Store.open(db_url).save_settings(Settings(strengths=("Calm under pressure",)))
    app = open_app()
    button(app, "Load sample data").click().run()
    assert not app.exception
    (copy,) = (tmp_path / "backups").glob("before-replace-*.json")
    assert "Calm under pressure" in copy.read_text(encoding="utf-8")
    assert "your settings" in texts(app) and str(copy) in texts(app)
    assert len(Store.open(db_url).all()) == 60


def test_hosted_sample_data_waits_for_a_backup_download(
    open_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _postgres_url()
    engine = make_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    store = Store.open(url)
    store.save_settings(Settings(strengths=("Calm under pressure",)))
    monkeypatch.setenv("BOUNCEBACK_DB_URL", url)
    app = open_app()
    assert "Download a backup first" in texts(app)
    assert button(app, "Load sample data").disabled
    assert store.all() == [] and store.settings().strengths == ("Calm under pressure",)
    store.engine.dispose()


def test_a_ticked_follow_up_shows_a_notice_with_undo(open_app, sample_db) -> None:
    app = open_app()
    before = app.checkbox[0].label
    pending = {f.id for a in sample_db.all() for f in a.follow_ups if f.done_on is None}
    app.checkbox[0].check().run()
    assert [toast.value for toast in app.toast], "a notice says it was done"
    assert (
        len(pending - {f.id for a in sample_db.all() for f in a.follow_ups if f.done_on is None})
        == 1
    )
    button(app, "Undo").click().run()
    assert not app.exception
    assert before in [box.label for box in app.checkbox]
    assert pending == {f.id for a in sample_db.all() for f in a.follow_ups if f.done_on is None}
