"""Client workspaces with sign-in: each user sees only their own, on both backends."""

from __future__ import annotations

from bounceback.config import owner_for
from bounceback.storage import Store
from tests.conftest import TODAY, draft
from tests.identifying import COMPANY, seed_identifying
from tests.pages.conftest import sent, texts
from tests.pages.test_sign_in import ALICE, BOB, db_url, signed_in  # noqa: F401

CLIENT = "Ada Quill"


def _alices_client(db_url: str) -> int:  # noqa: F811
    """A client workspace of Alice's, full of identifying details; its id."""
    account = Store(Store.open(db_url).engine, owner_for(ALICE))
    made = account.create_workspace(CLIENT)
    client = account.workspace(made.id)
    seed_identifying(client, TODAY)
    # Still open, so its card is on the board (closed cards wait behind their expander).
    client.add_application(draft(company=COMPANY), today=TODAY)
    return made.id


def test_a_signed_in_user_switches_to_their_own_client(signed_in, db_url):  # noqa: F811
    client_id = _alices_client(db_url)
    app = signed_in(ALICE, "app_pages/pipeline.py")
    app.sidebar.selectbox(key="workspaces:switch").select(client_id).run()
    assert not app.exception
    assert COMPANY in sent(app)


def test_another_user_sees_no_client_of_alices_even_by_a_crafted_id(signed_in, db_url):  # noqa: F811
    client_id = _alices_client(db_url)
    app = signed_in(BOB, "app_pages/pipeline.py")
    assert "workspaces:switch" not in [box.key for box in app.sidebar.selectbox]
    app.session_state["workspace"] = client_id
    app.run()
    assert not app.exception
    assert "isn't one of yours" in texts(app)
    assert COMPANY not in sent(app)
    assert CLIENT not in sent(app)
