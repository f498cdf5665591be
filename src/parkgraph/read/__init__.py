"""Reading: files in, normalised `Document`s with sentences out.

`sources` reads files and folders (.txt .md .html .pdf .jsonl; encodings, metadata), `normalize`
repairs PDF extractions and keeps every character's raw offset, `docdate` finds the date the
article gives itself, `sentences` splits the text (with a bound on a sentence's length).
"""
