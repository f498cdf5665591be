"""Atomic output: write beside the target under a hidden name, then rename into place.

`temp_beside(path)` gives an open descriptor and the temporary name; `publish(tmp, path)` gives
the file the permissions a normal new file would have (mkstemp makes it private) and renames
it over the target, so a reader never sees a half-written file.

`save_pickle(path, value)` / `load_pickle(path)`: the cache's entries and build states, as
zlib-compressed pickles written the same way; a missing, corrupt or stale file loads as None.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zlib
from pathlib import Path


def temp_beside(path: Path, suffix: str = "") -> tuple[int, str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)


def publish(tmp: str | Path, path: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    os.replace(tmp, path)


def save_pickle(path: Path, value: object) -> None:
    """Writes a compressed pickle atomically (raises OSError when it cannot)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_pickle(path: Path) -> object | None:
    """A pickle written by `save_pickle`, or None when it is missing or cannot be read (written
    by other code, cut short)."""
    try:
        return pickle.loads(zlib.decompress(path.read_bytes()))
    except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
