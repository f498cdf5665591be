"""What a build to an N-Quads file leaves behind for the next build of the same file.

Takes, at the end of a build: for each document, its cache key, the short company names it
gives to and takes from other documents, the surface forms its graph depends on, its byte range
in the output and its counts; for the corpus, the form table, the resolution and the byte range
of the entity quads. Gives them back to the next build of that output (`load_state`), which then
copies the graphs of unchanged documents from the old file instead of making them again
(docs/decisions/0005-incremental-output.md).

Stored in the cache directory, one file per output (a zlib-compressed pickle written
atomically). A state is not used when it cannot be read, comes from another pipeline version,
or the output was changed or replaced since it was written (size or modification time differ).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.resolve import Entity, FormTable
from ..files import load_pickle, save_pickle


@dataclass
class DocRecord:
    """One document's part of an output."""

    key: str                       # the cache key of the read document (path, content, version)
    short_forms: frozenset[str]    # short names of its companies, offered to other documents
    extra: frozenset[str]          # short names of other documents' companies found in it
    forms: tuple[str, ...]         # the surface forms its graph depends on (FormTable.signature)
    offset: int                    # its graph's bytes in the output
    length: int
    count: int                     # quads
    relations: int
    observations: int


@dataclass
class BuildState:
    version: str
    output: str                    # the output's absolute path
    size: int = 0                  # the output as this build left it
    mtime_ns: int = 0
    table: FormTable = field(default_factory=FormTable)
    entities: dict[str, Entity] = field(default_factory=dict)
    form_entity: dict[str, str] = field(default_factory=dict)
    head: tuple[int, int, int] = (0, 0, 0)   # offset, length, quads of the entity quads
    docs: list[DocRecord] = field(default_factory=list)

    @property
    def short_forms(self) -> frozenset[str]:
        out: set[str] = set()
        for rec in self.docs:
            out |= rec.short_forms
        return frozenset(out)


def state_path(cache_dir: str | Path, output: str | Path) -> Path:
    name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:24]
    return Path(cache_dir) / "state" / f"{name}.pkl.z"


def load_state(cache_dir: str | Path, output: str | Path, version: str) -> BuildState | None:
    """The state the last build of `output` left, if it still describes the file there."""
    state = load_pickle(state_path(cache_dir, output))
    try:
        st = Path(output).stat()
    except OSError:
        return None
    if not isinstance(state, BuildState) or state.version != version or state.output != str(Path(output).resolve()):
        return None
    if (st.st_size, st.st_mtime_ns) != (state.size, state.mtime_ns):
        return None
    return state


def save_state(cache_dir: str | Path, state: BuildState) -> None:
    """Records the state of a finished output (its size and time are read here)."""
    path = state_path(cache_dir, state.output)
    try:
        st = Path(state.output).stat()
        state.size, state.mtime_ns = st.st_size, st.st_mtime_ns
        _intern_forms(state)
        save_pickle(path, state)
    except OSError:
        pass  # without a state the next build is a full one, nothing worse


def _intern_forms(state: BuildState) -> None:
    """One string object per form, so that pickle stores each form once, not once per document."""
    seen: dict[str, str] = {}
    for rec in state.docs:
        rec.forms = tuple(seen.setdefault(f, f) for f in rec.forms)
        rec.short_forms = frozenset(seen.setdefault(f, f) for f in rec.short_forms)
