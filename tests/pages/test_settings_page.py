"""Settings page: saved values come back, and a backup can be downloaded."""

from bounceback.config import COUNTRIES, CURRENCIES
from bounceback.storage import Store
from tests.pages.conftest import button, texts


def test_settings_runs_on_an_empty_database(open_app) -> None:
    app = open_app("app_pages/settings.py")
    assert not app.exception
    assert app.number_input(key="settings:baseline_pool").value == 6


def test_changed_settings_are_saved(open_app, db_url: str) -> None:
    app = open_app("app_pages/settings.py")
    app.number_input(key="settings:baseline_pool").set_value(8)
    app.number_input(key="settings:ghost_after_days").set_value(30)
    app.selectbox(key="settings:country").select("US")
    button(app, "Save settings").click().run()
    assert not app.exception
    saved = Store.open(db_url).settings()
    assert (saved.baseline_pool, saved.ghost_after_days, saved.country) == (8, 30, "US")
    assert "Settings saved" in texts(app)


def test_settings_runs_with_sample_data(open_app, sample_db) -> None:
    app = open_app("app_pages/settings.py")
    assert not app.exception


def test_backup_record_and_calendar_downloads_are_offered(open_app, sample_db) -> None:
    app = open_app("app_pages/settings.py")
    labels = [element.proto.label for element in app.get("download_button")]
    assert labels == [
        "Download a backup (JSON)",
        "Job-search record (CSV)",
        "Your calendar: follow-ups and interviews (.ics)",
    ]


def test_sample_data_can_be_loaded_after_a_fresh_start(open_app, db_url: str) -> None:
    # A new user who chose "Start fresh" can still look around with the sample story.
    app = open_app("app_pages/settings.py")
    button(app, "Save settings").click().run()
    button(app, "Load sample data").click().run()
    assert not app.exception
    assert len(Store.open(db_url).all()) == 60
    assert "Loaded a sample job hunt" in texts(app)


def test_sample_data_replaces_a_search_only_when_confirmed_and_backed_up(
    open_app, sample_db: Store, tmp_path
) -> None:
    sample_db.delete(sample_db.all()[0].id)
    before = len(sample_db.all())
    app = open_app("app_pages/settings.py")
    assert button(app, "Load sample data").disabled
    app.checkbox(key="settings:sample_confirm").check().run()
    button(app, "Load sample data").click().run()
    assert not app.exception
    (copy,) = (tmp_path / "backups").glob("before-replace-*.json")
    assert copy.read_text(encoding="utf-8").count('"company"') >= before
    assert len(sample_db.all()) == 60


def test_settings_offer_every_currency_the_importer_reads(open_app) -> None:
    app = open_app("app_pages/settings.py")
    assert app.selectbox(key="settings:currency").options == list(CURRENCIES)
    assert app.selectbox(key="settings:country").options == list(COUNTRIES.values())
