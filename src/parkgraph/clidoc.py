"""The CLI reference (docs/cli.md), generated from the parsers' own --help text.

`python -m parkgraph.clidoc > docs/cli.md` regenerates it; a test fails when it is stale, so
the reference never disagrees with the program.
"""

from __future__ import annotations

import argparse
import io
import os
from contextlib import redirect_stdout


def _help(parser: argparse.ArgumentParser) -> str:
    buf = io.StringIO()
    with redirect_stdout(buf):
        parser.print_help()
    return buf.getvalue().rstrip()


def reference() -> str:
    from .cli.parser import parser as _parser

    os.environ["COLUMNS"] = "100"  # the same wrapping on every terminal
    ap = _parser()
    ap.prog = "parkgraph"
    sub = next(a for a in ap._actions if isinstance(a, argparse._SubParsersAction))
    out = ["# parkgraph command-line reference", "",
           "Generated from `--help` by `python -m parkgraph.clidoc > docs/cli.md`; "
           "`tests/test_cli.py` checks it is current.", "", "```text", _help(ap), "```"]
    for name, parser in sub.choices.items():
        out += ["", f"## parkgraph {name}", "", "```text", _help(parser), "```"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(reference(), end="")
