"""Atomic writes: the old file stays whole when a write fails, and no temporary file is left."""

import errno
import os
from pathlib import Path

import pytest

from bounceback.files import WriteFailed, write_atomic


def test_a_write_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["backup.json"]


def test_a_new_file_is_private(tmp_path: Path) -> None:
    write_atomic(tmp_path / "copy.json", b"{}")
    assert (tmp_path / "copy.json").stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "backup.json"
    target.write_text('{"all": "here"}')

    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteFailed, match=r"the disk is full\. The file already there"):
        write_atomic(target, "x" * 10_000)
    assert target.read_text() == '{"all": "here"}'
    assert os.listdir(tmp_path) == ["backup.json"], "the temporary file is removed"


def test_a_missing_folder_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(WriteFailed, match="the folder does not exist"):
        write_atomic(tmp_path / "nowhere" / "backup.json", "{}")
