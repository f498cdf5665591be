"""Atomic output: write beside the target under a hidden name, then rename into place.

`temp_beside(path)` gives an open descriptor and the temporary name; `publish(tmp, path)` gives
the file the permissions a normal new file would have (mkstemp makes it private) and renames
it over the target, so a reader never sees a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def temp_beside(path: Path, suffix: str = "") -> tuple[int, str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)


def publish(tmp: str | Path, path: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    os.replace(tmp, path)
