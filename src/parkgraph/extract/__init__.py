"""Extraction: entity mentions, then (in their own modules) relations and observations.

`recognizers/` holds one module per entity recogniser, each proposing candidate spans with a
source and a priority; `arbiter.py` is the only code that decides overlaps; `recognizer.py`
runs the recognisers in their listed order over one document.
"""
