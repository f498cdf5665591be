"""Analysts' corrections, kept as data and applied on every build.

Takes the `*.jsonl` files of a corrections directory (default `data/corrections/`); gives a
`Corrections` object the recogniser and the resolver consult. One JSON object a line:

  {"action": "add",    "label": "杭州宇树科技有限公司", "class": "Enterprise", "aliases": ["宇树"]}
  {"action": "alias",  "label": "浙能集团", "alias": "浙能", "class": "Enterprise"}
  {"action": "merge",  "labels": ["北科交大机器人", "内蒙古北科交大机器人有限公司"]}
  {"action": "block",  "label": "链主企业"}
  {"action": "retype", "label": "南部科创中心", "class": "Park"}

Every entity a correction touches carries `pg:correctedBy "correction:FILE#LINE"` in the graph,
so the source of the fix is visible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .document import ENTITY_CLASSES
from .errors import CorrectionError
from .resources import LexiconEntry

ACTIONS = ("add", "alias", "merge", "block", "retype")


@dataclass
class Corrections:
    entries: list[LexiconEntry] = field(default_factory=list)   # add / alias with a class
    merges: list[tuple[str, str, str]] = field(default_factory=list)
    blocked: dict[str, str] = field(default_factory=dict)        # normalised label -> source
    retype: dict[str, str] = field(default_factory=dict)         # normalised label -> class
    touched: dict[str, list[str]] = field(default_factory=dict)  # normalised label -> sources

    def note(self, label: str, source: str) -> None:
        from .extract.resolve import norm_label

        self.touched.setdefault(norm_label(label), []).append(source)


def load_corrections(directory: Path | None) -> Corrections:
    from .extract.resolve import norm_label

    c = Corrections()
    if directory is None or not directory.exists():
        return c
    files = sorted(directory.glob("*.jsonl")) if directory.is_dir() else [directory]
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise CorrectionError(f, n, f"not valid JSON: {e.msg}") from None
            src = f"correction:{f.name}#{n}"
            action = row.get("action")
            if action not in ACTIONS:
                raise CorrectionError(f, n, f"'action' must be one of {', '.join(ACTIONS)}")
            cls = row.get("class")
            if cls is not None and cls not in ENTITY_CLASSES:
                raise CorrectionError(f, n, f"unknown class {cls!r}")
            if action == "merge":
                labels = row.get("labels")
                if not isinstance(labels, list) or len(labels) < 2:
                    raise CorrectionError(f, n, "'merge' needs 'labels': a list of two or more names")
                for other in labels[1:]:
                    c.merges.append((labels[0], other, src))
                for lab in labels:
                    c.note(lab, src)
                continue
            label = row.get("label")
            if not label:
                raise CorrectionError(f, n, f"'{action}' needs a 'label'")
            c.note(label, src)
            if action == "add":
                if cls is None:
                    raise CorrectionError(f, n, "'add' needs a 'class'")
                c.entries.append(LexiconEntry(label, cls, list(row.get("aliases", [])), src))
            elif action == "alias":
                alias = row.get("alias")
                if not alias:
                    raise CorrectionError(f, n, "'alias' needs an 'alias'")
                c.merges.append((label, alias, src))
                c.note(alias, src)
                if cls:
                    c.entries.append(LexiconEntry(label, cls, [alias], src))
            elif action == "block":
                c.blocked[norm_label(label)] = src
            elif action == "retype":
                if cls is None:
                    raise CorrectionError(f, n, "'retype' needs a 'class'")
                c.retype[norm_label(label)] = cls
    return c
