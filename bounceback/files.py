"""Writing files so a failure never leaves half of one: the old file stays whole or is replaced."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from bounceback.domain import BouncebackError

# Errors that mean "no room": a full disk, a quota, or a file-size limit.
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}


class WriteFailed(BouncebackError):
    """A file could not be written; the message says why and that the old one is intact."""


def reason(error: OSError) -> str:
    """Why a write failed, in plain words."""
    if error.errno in _NO_ROOM:
        return "the disk is full"
    if error.errno in _NOT_ALLOWED:
        return "this folder can't be written to (read-only or no permission)"
    if error.errno == errno.ENOENT:
        return "the folder does not exist"
    return error.strerror or str(error)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside the target, fsync it, then rename it over the target.

    A rename is all or nothing, so a reader (or a crash, or a full disk) sees the old file or
    the new one, never a truncated mix. On failure the temporary file goes and WriteFailed says
    what happened to the old file.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    existed = path.exists()
    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as output:
            output.write(payload)
            output.flush()
            os.fsync(output.fileno())
        if existed:
            # The new file keeps the old one's permissions; a new one is private (0600).
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        os.replace(temp, path)
        temp = None
        _sync_folder(path.parent)
    except OSError as error:
        kept = f"The file already there, {path.name}, is unchanged." if existed else ""
        raise WriteFailed(f"Couldn't write {path}: {reason(error)}. {kept}".strip()) from error
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems can't sync a folder, and that's fine."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
