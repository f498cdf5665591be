"""The progress bar: rate and ETA on a terminal, silent otherwise."""

import io

from parkgraph.progress import Progress, format_seconds


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_count_rate_and_eta_on_a_terminal():
    out = Tty()
    p = Progress(stream=out, min_interval=0)
    p(1, 4, "a.txt")
    p(4, 4, "d.txt")
    text = out.getvalue()
    assert "1/4 documents" in text and "ETA" in text and "/s" in text and text.endswith("\n")


def test_progress_is_silent_when_not_a_terminal_or_disabled():
    out = io.StringIO()
    Progress(stream=out)(1, 2)
    Progress(stream=Tty(), enabled=False)(1, 2)
    assert out.getvalue() == ""


def test_progress_format_seconds():
    assert format_seconds(75) == "1:15" and format_seconds(3725) == "1:02:05"
