"""The command line: a thin layer over the pipeline, validation, queries and export.

`main` (the `parkgraph` entry point) parses the arguments (`parser`) and runs the command's
function (`build`, `checks`, `explore`, `serve`), turning a `ParkgraphError` into a message
and exit code 2.

Exit codes: 0 success; 1 the graph does not conform / a quality floor is not met; 2 a usage
error or a fatal problem with an input (named in the message, no traceback); 3 the graph was
built but some files were skipped (each reported with its reason; --strict makes that fatal).
"""

from __future__ import annotations

import sys

from ..errors import ParkgraphError
from .build import cmd_build, cmd_check
from .checks import cmd_eval, cmd_validate
from .explore import cmd_explain, cmd_export, cmd_query, cmd_report, cmd_stats
from .parser import parser as _parser
from .serve import cmd_push, cmd_serve

COMMANDS = {"build": cmd_build, "eval": cmd_eval, "validate": cmd_validate, "query": cmd_query,
            "export": cmd_export, "check": cmd_check, "stats": cmd_stats, "explain": cmd_explain,
            "report": cmd_report, "serve": cmd_serve, "push": cmd_push}


def main(argv: list[str] | None = None) -> int:
    ap = _parser()
    a = ap.parse_args(argv)
    try:
        return COMMANDS[a.command](a)
    except ParkgraphError as e:
        print(f"parkgraph {a.command}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `parkgraph stats g.ttl | head`: the reader left, which is fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


__all__ = ["COMMANDS", "main"]
