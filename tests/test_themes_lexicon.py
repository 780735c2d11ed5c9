"""The theme lexicon file: broken files are reported by line, advisors' overrides extend it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bounceback import themes
from bounceback.domain import BouncebackError
from bounceback.themes import (
    Lexicon,
    LexiconError,
    classify,
    explain,
    load_lexicon,
    load_lexicon_safely,
    override_path,
)

OVERRIDE = """\
themes:
  - id: skills_gap
    phrases:
      - kubeflow
    next_steps:
      - Try the Kubeflow tutorials.
  - id: portfolio
    label: Portfolio
    description: The work samples you showed.
    phrases:
      - (thin|weak|small) portfolio
    next_steps:
      - Add two recent pieces of work to your portfolio.
"""


def write(folder: Path, text: str, name: str = "override.yaml") -> Path:
    """A lexicon file with this text."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    """The shipped lexicon plus an advisor's override, loaded once for the module."""
    return load_lexicon(override=write(tmp_path_factory.mktemp("lexicon"), OVERRIDE))


def test_an_override_adds_phrases_to_an_existing_theme(extended: Lexicon) -> None:
    assert "skills_gap" not in classify("We wanted Kubeflow.")
    assert classify("We wanted Kubeflow.", extended) == ["skills_gap"]
    assert "Try the Kubeflow tutorials." in extended.theme("skills_gap").next_steps
    assert extended.theme("skills_gap").label == "Skills gap"


def test_an_override_adds_a_whole_new_theme(extended: Lexicon) -> None:
    theme = extended.theme("portfolio")
    assert (theme.label, theme.description) == ("Portfolio", "The work samples you showed.")
    assert theme.next_steps == ("Add two recent pieces of work to your portfolio.",)
    assert extended.ids[-1] == "portfolio"
    (match,) = explain("Your portfolio felt a bit thin, sorry. A thin portfolio.", extended)
    assert (match.theme, match.phrase) == ("portfolio", "thin portfolio")


def test_the_shipped_themes_keep_their_labels() -> None:
    lexicon = load_lexicon()
    labels = {theme.id: theme.label for theme in lexicon.themes}
    assert labels["confidence"] == "Nerves and confidence"
    assert labels["first_impression"] == "Presentation and manner"
    assert labels["no_detail"] == "No specific reason"


def test_a_yaml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "themes:\n  - id: portfolio\n    label: [unclosed\n")
    with pytest.raises(LexiconError, match=r"override\.yaml, line \d+: not valid YAML"):
        load_lexicon(override=path)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("themes:\n  - label: No id\n    phrases: [x]\n", 2, "no 'id'"),
        ("themes:\n  - id: portfolio\n    label: P\n    phrases: thin portfolio\n", 4, "list"),
        ("themes:\n  - id: portfolio\n    label: P\n    phrase: [x]\n", 4, "unknown key"),
        ("themes:\n  - id: portfolio\n    phrases: [x]\n", 2, "needs a 'label'"),
        ("themes:\n  - id: Portfolio\n    label: P\n", 2, "lowercase"),
        (
            "themes:\n  - id: portfolio\n    label: P\n    phrases:\n      - '(unclosed'\n",
            5,
            "pattern",
        ),
        (
            "themes:\n  - id: portfolio\n    label: P\n    phrases:\n      - '@nowhere'\n",
            5,
            "fragment",
        ),
        (
            "themes:\n  - id: portfolio\n    label: P\n    phrases:\n      - '(very)?thin'\n",
            5,
            "glues the optional group '(very)?'",
        ),
        ("themes: portfolio\n", 1, "list"),
        ("- id: portfolio\n", 1, "mapping"),
    ],
    ids=[
        "no id",
        "phrases not a list",
        "unknown key",
        "new theme without label",
        "bad id",
        "bad regex",
        "unknown fragment",
        "optional word glued to the next",
        "themes not a list",
        "not a mapping",
    ],
)
def test_a_badly_shaped_file_names_the_line_to_fix(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as raised:
        load_lexicon(override=path)
    message = str(raised.value)
    assert f"{path}, line {line}:" in message
    assert problem in message


def test_a_missing_override_file_is_a_lexicon_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot be read"):
        load_lexicon(override=tmp_path / "absent.yaml")


def test_lexicon_errors_are_bounceback_errors() -> None:
    assert issubclass(LexiconError, BouncebackError)


def test_a_broken_override_falls_back_to_the_shipped_lexicon_with_a_warning(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "themes:\n  - id: portfolio\n    label: P\n    phrases: thin\n")
    lexicon, warning = load_lexicon_safely(path)
    assert warning is not None
    assert str(path) in warning and "line 4" in warning
    assert "portfolio" not in lexicon.ids
    assert classify("You rambled.", lexicon) == ["answer_quality"]


def test_a_good_override_is_used_without_a_warning(tmp_path: Path) -> None:
    lexicon, warning = load_lexicon_safely(write(tmp_path, OVERRIDE))
    assert warning is None
    assert "portfolio" in lexicon.ids


def test_without_an_override_the_cached_shipped_lexicon_is_used() -> None:
    first, warning = load_lexicon_safely(None)
    second, _ = load_lexicon_safely(None)
    assert warning is None
    assert first is second
    assert len(first.ids) == 13


def test_the_override_path_comes_from_the_environment_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(themes.OVERRIDE_ENV, str(tmp_path / "mine.yaml"))
    assert override_path() == tmp_path / "mine.yaml"


def test_the_default_override_is_used_only_if_it_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(themes.OVERRIDE_ENV, raising=False)
    monkeypatch.setattr(themes, "DEFAULT_OVERRIDE", tmp_path / "themes.override.yaml")
    assert override_path() is None
    write(tmp_path, OVERRIDE, "themes.override.yaml")
    assert override_path() == tmp_path / "themes.override.yaml"


def test_a_lexicon_file_of_its_own_can_replace_the_shipped_one(tmp_path: Path) -> None:
    text = OVERRIDE.replace("  - id: skills_gap\n", "  - id: skills_gap\n    label: Skills\n")
    lexicon = load_lexicon(path=write(tmp_path, text, "own.yaml"))
    assert lexicon.ids == ("skills_gap", "portfolio")
    with pytest.raises(KeyError):
        lexicon.theme("experience")


SMALL = """\
themes:
  - id: confidence
    label: Nerves
    phrases:
      - (nervous|flustered)
  - id: no_detail
    label: No specific reason
    phrases:
      - unsuccessful
"""


def test_a_compiled_lexicon_is_cached_and_the_next_load_needs_no_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(themes.CACHE_ENV, str(tmp_path / "cache"))
    path = write(tmp_path, SMALL, "small.yaml")
    first = load_lexicon(path)
    assert classify("You seemed flustered.", first) == ["confidence"]
    (cached,) = (tmp_path / "cache").glob("themes-*.bin")
    again = load_lexicon(path)
    assert "_compiled" in again.__dict__  # restored, not waiting to be compiled
    assert again == first
    assert [m.theme for m in explain("Nervous. Unsuccessful.", again)] == ["confidence"]
    assert classify("Unsuccessful.", again) == ["no_detail"]
    write(tmp_path, SMALL.replace("flustered", "shaky"), "small.yaml")
    changed = load_lexicon(path)
    assert "_compiled" not in changed.__dict__  # other bytes, another key
    assert classify("You seemed shaky.", changed) == ["confidence"]
    assert cached.exists()


def test_a_damaged_cache_file_only_means_compiling_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(themes.CACHE_ENV, str(tmp_path / "cache"))
    path = write(tmp_path, SMALL, "small.yaml")
    classify("warm", load_lexicon(path))
    (cached,) = (tmp_path / "cache").glob("themes-*.bin")
    cached.write_bytes(cached.read_bytes()[:-100])
    lexicon = load_lexicon(path)
    assert "_compiled" not in lexicon.__dict__
    assert classify("You seemed nervous.", lexicon) == ["confidence"]


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = write(tmp_path, "not a folder", "blocked")
    monkeypatch.setenv(themes.CACHE_ENV, str(blocked))
    lexicon = load_lexicon(write(tmp_path, SMALL, "small.yaml"))
    assert classify("You seemed nervous.", lexicon) == ["confidence"]
    assert list(tmp_path.glob(".themes-*")) == []


def test_warm_up_compiles_the_advisors_lexicon_into_the_cache_before_any_page_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(themes.CACHE_ENV, str(tmp_path / "cache"))
    path = write(tmp_path, OVERRIDE)
    monkeypatch.setenv(themes.OVERRIDE_ENV, str(path))
    themes.warm_up().join()
    assert list((tmp_path / "cache").glob("themes-*.bin"))
    lexicon, warning = load_lexicon_safely(path)
    assert warning is None
    assert "_compiled" in lexicon.__dict__  # read ready-compiled: the page waits for nothing
    assert classify("A thin portfolio.", lexicon) == ["portfolio"]
