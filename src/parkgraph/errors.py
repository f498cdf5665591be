"""One catalogue of the errors parkgraph reports, so messages stay consistent and testable.

Every error names the file and the problem; the CLI turns them into exit code 2.
"""

from __future__ import annotations

from pathlib import Path


class ParkgraphError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    code = "E000"

    def __str__(self) -> str:
        return f"{self.code} {super().__str__()}"


class DataFileError(ParkgraphError):
    code = "E001"

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"cannot use data file {path}: {problem}")
        self.path, self.problem = str(path), problem


class InputError(ParkgraphError):
    code = "E002"

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"cannot read {path}: {problem}")
        self.path, self.problem = str(path), problem


class OutputError(ParkgraphError):
    code = "E003"

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"cannot write {path}: {problem}")
        self.path, self.problem = str(path), problem


class GraphError(ParkgraphError):
    code = "E004"

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"cannot load graph {path}: {problem}")
        self.path, self.problem = str(path), problem


class CorrectionError(ParkgraphError):
    code = "E005"

    def __init__(self, path: Path | str, line: int, problem: str):
        super().__init__(f"{path}, line {line}: {problem}")
        self.path, self.line, self.problem = str(path), line, problem
