"""Client workspaces in the app: made, switched, renamed, archived; each page keeps to one."""

from __future__ import annotations

import json
import re

import pytest

from bounceback import backup
from bounceback.config import DEFAULT_OWNER
from bounceback.domain import Settings
from bounceback.storage import Store
from tests.conftest import TODAY, draft
from tests.identifying import COMPANY, SECRETS, seed_identifying
from tests.pages.conftest import button, sent, texts
from tools.server import PAGE_FILES

CLIENT = "Ada Quill"
OWN_COMPANY = "Marsh Lantern Books"


@pytest.fixture
def practice(db_url: str) -> tuple[Store, int]:
    """An advisor's own search (one application) and a client's, full of identifying details."""
    account = Store.open(db_url)
    account.add_application(draft(company=OWN_COMPANY), today=TODAY)
    account.save_settings(Settings(onboarded=True))
    made = account.create_workspace(CLIENT)
    client = account.workspace(made.id)
    client.save_settings(Settings(onboarded=True))
    seed_identifying(client, TODAY)
    # Still open, so its card is on the board (closed cards wait behind their expander).
    client.add_application(draft(company=COMPANY), today=TODAY)
    return account, made.id


def _sidebar(app) -> str:
    """The sidebar's text, as the user reads it (no markdown escapes)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(item.value for item in app.sidebar.markdown))


def test_a_job_seeker_alone_sees_no_switcher(open_app, sample_db):
    app = open_app()
    assert not app.exception
    assert "workspaces:switch" not in [box.key for box in app.sidebar.selectbox]


def test_a_new_client_workspace_is_made_switched_to_and_starts_empty(open_app, sample_db):
    app = open_app("app_pages/settings.py")
    app.text_input(key="workspaces:new").input(CLIENT)
    button(app, "Add a client workspace").click().run()
    assert not app.exception
    assert f"Client: {CLIENT}" in _sidebar(app)
    (made,) = sample_db.workspaces()
    assert made.name == CLIENT
    assert sample_db.workspace(made.id).is_empty()
    app.switch_page("app_pages/pipeline.py").run()
    assert not app.exception
    assert not any(item.draft.company in sent(app) for item in sample_db.all())


def test_a_bad_name_makes_no_workspace_and_says_why(open_app, sample_db):
    app = open_app("app_pages/settings.py")
    app.text_input(key="workspaces:new").input("   ")
    button(app, "Add a client workspace").click().run()
    assert not app.exception
    assert "The client's name is required." in texts(app)
    assert sample_db.workspaces(include_archived=True) == []


@pytest.mark.parametrize("page", PAGE_FILES)
def test_switching_shows_only_the_chosen_clients_search(page, open_app, practice):
    app = open_app(page)
    assert OWN_COMPANY in sent(app) or page != "app_pages/pipeline.py"
    assert COMPANY not in sent(app)
    app.sidebar.selectbox(key="workspaces:switch").select(practice[1]).run()
    assert not app.exception
    assert f"Client: {CLIENT}" in _sidebar(app)
    assert OWN_COMPANY not in sent(app)
    if page == "app_pages/pipeline.py":
        assert COMPANY in sent(app)
    app.sidebar.selectbox(key="workspaces:switch").select(0).run()
    assert "Your own search" in _sidebar(app)
    assert app.sidebar.selectbox(key="workspaces:switch").value == 0, "the picker names it"
    assert COMPANY not in sent(app)


def test_a_switch_leaves_nothing_of_the_last_client_open(open_app, practice):
    account, client_id = practice
    app = open_app("app_pages/pipeline.py")
    app.sidebar.selectbox(key="workspaces:switch").select(client_id).run()
    opened = next(item.id for item in account.workspace(client_id).all())
    app.session_state["selected_application"] = opened
    app.run()
    assert COMPANY in sent(app)
    app.sidebar.selectbox(key="workspaces:switch").select(0).run()
    assert not app.exception
    assert "selected_application" not in app.session_state
    assert COMPANY not in sent(app)


def test_presenter_mode_masks_the_clients_name(open_app, practice):
    app = open_app("app_pages/pipeline.py")
    app.sidebar.selectbox(key="workspaces:switch").select(practice[1]).run()
    app.sidebar.toggle(key="presenter").set_value(True).run()
    assert not app.exception
    assert app.sidebar.selectbox(key="workspaces:switch").options == ["Your own search", "Client A"]
    assert "Client: Client A" in _sidebar(app)
    everything = sent(app)
    assert CLIENT not in everything
    assert [secret for secret in SECRETS if secret.casefold() in everything.casefold()] == []


def test_rename_then_archive_then_bring_back(open_app, practice):
    account, client_id = practice
    app = open_app("app_pages/settings.py")
    app.sidebar.selectbox(key="workspaces:switch").select(client_id).run()
    app.text_input(key="workspaces:rename").input("Ada Quill-Hart")
    button(app, "Rename").click().run()
    assert not app.exception
    assert "Client: Ada Quill-Hart" in _sidebar(app)
    app.button(key="workspaces:archive").click().run()
    assert not app.exception
    assert "Your own search" in _sidebar(app)
    assert account.workspaces() == []
    assert account.workspace(client_id).all()  # archived, not deleted
    app.button(key=f"workspaces:unarchive:{client_id}").click().run()
    assert [item.name for item in account.workspaces()] == ["Ada Quill-Hart"]


def test_a_crafted_workspace_id_of_another_account_is_refused(open_app, practice):
    account, _client_id = practice
    stranger = Store(account.engine, "oidc:https://accounts.example|sub:stranger")
    theirs = stranger.create_workspace("Not yours")
    seed_identifying(stranger.workspace(theirs.id), TODAY)
    app = open_app("app_pages/pipeline.py")
    app.session_state["workspace"] = theirs.id
    app.run()
    assert not app.exception
    assert COMPANY not in sent(app)
    assert "Not yours" not in sent(app)
    assert "isn't one of yours" in texts(app)
    assert OWN_COMPANY in sent(app)
    assert Store(account.engine, DEFAULT_OWNER).owner == account.owner


def _import(app, data: bytes, name: str) -> None:
    """Hand a backup file and a name to Settings' import, and press it."""
    app.file_uploader(key="workspaces:import:file").set_value(("backup.json", data, "text/json"))
    app.text_input(key="workspaces:import:name").input(name)
    button(app, "Import as a new workspace").click().run()


def test_a_clients_backup_imports_as_a_workspace_and_opens(open_app, practice):
    account, client_id = practice
    handed_over = backup.export_text(account.workspace(client_id))
    app = open_app("app_pages/settings.py")
    _import(app, handed_over.encode(), "Ada Again")
    assert not app.exception
    assert "Client: Ada Again" in _sidebar(app)
    made = next(item for item in account.workspaces() if item.name == "Ada Again")
    assert backup.export_text(account.workspace(made.id)) == handed_over
    app.switch_page("app_pages/pipeline.py").run()
    assert COMPANY in sent(app)
    assert OWN_COMPANY not in sent(app)


@pytest.mark.parametrize("data", [b"\xff\xfe not text", b'{"format": "something else"}'])
def test_a_file_that_is_no_backup_imports_nothing_and_says_so(open_app, practice, data):
    account, _client_id = practice
    app = open_app("app_pages/settings.py")
    _import(app, data, "Ada Again")
    assert not app.exception
    assert "Nothing was imported" in texts(app) or "isn't a bounceback backup" in texts(app)
    assert [item.name for item in account.workspaces()] == [CLIENT]
    assert "Your own search" in _sidebar(app)


def test_a_tab_still_in_a_workspace_archived_elsewhere_writes_nothing_more_to_it(
    open_app, practice
):
    account, client_id = practice
    app = open_app("app_pages/pipeline.py")
    app.sidebar.selectbox(key="workspaces:switch").select(client_id).run()
    assert COMPANY in sent(app)
    account.archive_workspace(client_id)  # in another tab
    app.run()
    assert not app.exception
    assert "was archived, so your own search is shown" in texts(app)
    assert "Your own search" in _sidebar(app)
    assert COMPANY not in sent(app)


def test_a_refused_backup_names_the_place_of_each_problem(open_app, practice):
    account, client_id = practice
    document = json.loads(backup.export_text(account.workspace(client_id)))
    document["applications"][0]["role"] = ""
    app = open_app("app_pages/settings.py")
    _import(app, json.dumps(document).encode(), "Ada Again")
    assert not app.exception
    assert "Nothing was imported. applications.0.role:" in texts(app)
    assert [item.name for item in account.workspaces()] == [CLIENT]
