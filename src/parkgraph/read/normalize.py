"""Stage 1: raw article text in, normalised text with an offset map and paragraphs out.

Takes a `Document` whose `raw` is set; fills `text`, `offsets`, `paragraphs`, `title`, `date`.

What it repairs (the sample articles are PDF extractions):
- lines wrapped at a fixed column, often in the middle of a name (杭州高\\n新区): a line that
  runs to the column width and does not end a sentence is joined to the next one;
- blank lines between every wrapped line; markdown heading marks;
- half-width punctuation in Chinese context (, ; : ( ) ! ?) becomes full-width, full-width
  digits and Latin letters become ASCII, so that rules see one form;
- spaces between a Chinese character and a digit or another Chinese character.

Each kept character remembers its raw offset, so evidence can always be mapped back.
"""

from __future__ import annotations

import re
from collections import Counter

from ..document import Document
from .docdate import document_date

SENTENCE_END = "。！？；…"
CLOSERS = "”’」』）)》"
_HALF_TO_FULL = {",": "，", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_NARROW = re.compile("[\x00-\u1fff]")
_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")


def display_width(s: str) -> float:
    """Columns a line takes: a Latin character is half a Chinese one."""
    return len(s) - 0.5 * len(_NARROW.findall(s))


def _wrap_width(lines: list[str]) -> float | None:
    """The column width at which the text was wrapped, or None for paragraph-per-line text."""
    widths = [display_width(x) for x in lines if x and not x.startswith("#")]
    if len(widths) < 8:
        return None
    common = Counter(round(w) for w in widths).most_common()
    top, _ = common[0]
    near = sum(1 for w in widths if abs(w - top) <= 3)
    if top > 40 or near < 0.4 * len(widths):
        return None
    return float(top)


def _ends_sentence(line: str) -> bool:
    s = line.rstrip(CLOSERS + " ")
    return bool(s) and s[-1] in SENTENCE_END + "!?"


def normalize(doc: Document) -> Document:
    raw = doc.raw
    if raw.startswith("\ufeff"):
        raw_start = 1
    else:
        raw_start = 0
    # Lines with their raw start offsets.
    lines: list[tuple[int, str]] = []
    pos = raw_start
    for part in raw[raw_start:].split("\n"):
        lines.append((pos, part))
        pos += len(part) + 1
    stripped = [ln.strip() for _, ln in lines]
    width = _wrap_width(stripped)

    out_chars: list[str] = []
    out_offsets: list[int] = []
    paragraphs: list[tuple[int, int]] = []
    para_start = 0
    headings: list[str] = []
    joining = False

    def close_paragraph() -> None:
        nonlocal para_start
        while out_chars and out_chars[-1] == " ":
            out_chars.pop()
            out_offsets.pop()
        if len(out_chars) > para_start:
            paragraphs.append((para_start, len(out_chars)))
            out_chars.append("\n")
            out_offsets.append(out_offsets[-1] + 1 if out_offsets else 0)
        para_start = len(out_chars)

    for i, (start, line) in enumerate(lines):
        text = line.rstrip("\r")
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            if width is None and not joining:
                close_paragraph()
            continue
        joining = False
        is_heading = body.startswith("#")
        if is_heading:
            close_paragraph()
            hashes = len(body) - len(body.lstrip("#"))
            lead += hashes + (len(body[hashes:]) - len(body[hashes:].lstrip()))
            body = body[hashes:].strip()
            headings.append(body)
        out_chars.extend(body)
        out_offsets.extend(range(start + lead, start + lead + len(body)))
        if is_heading:
            close_paragraph()
            continue
        if width is None:
            # paragraph-per-line text: a long line broken by a single newline mid-sentence
            # (over a blank line too when the line is paragraph-long: PDF page breaks)
            nxt_raw = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
            nxt_any = next((x for x in stripped[i + 1:] if x), "")
            joined = (nxt_raw and display_width(body) > 20) or (nxt_any and display_width(body) > 40)
            joining = bool(joined and not (nxt_raw or nxt_any).startswith("#") and not _ends_sentence(body))
            if not joining:
                close_paragraph()
            continue
        full = display_width(body) >= 0.8 * width
        nxt = next((s for s in stripped[i + 1:] if s), "")
        if full and not _ends_sentence(body) and nxt and not nxt.startswith("#"):
            continue  # a wrapped line: join with nothing between (a fixed column splits 36|86 too)
        close_paragraph()
    close_paragraph()

    chars, offsets = _clean_characters(out_chars, out_offsets)
    doc.text = "".join(chars)
    simplify(doc)
    doc.offsets = offsets
    doc.paragraphs = _paragraph_spans(doc.text)
    if headings:
        doc.title = "".join(_clean_characters(list(headings[0]), list(range(len(headings[0]))))[0])
    else:
        doc.title = _guess_title(doc.text, doc.paragraphs)
    # the metadata's date (JSONL, HTML) wins; else the date line the text dates itself with
    if not (doc.date and _ISO_DATE.fullmatch(doc.date)):
        doc.date = document_date(raw)
    return doc


_T2S = None


def simplify(doc: Document) -> Document:
    """Traditional Chinese becomes Simplified, character by character so offsets stay valid; the
    original is kept in `doc.original` for evidence."""
    global _T2S
    if not _CJK.search(doc.text):
        return doc
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    converted = _T2S.convert(doc.text)
    if converted == doc.text:
        return doc
    cjk = len(_CJK.findall(doc.text))
    if len(converted) != len(doc.text):  # a phrase rule changed the length: convert char by char
        converted = "".join(_T2S.convert(c) if len(_T2S.convert(c)) == 1 else c for c in doc.text)
    changed = sum(1 for a, b in zip(doc.text, converted, strict=True) if a != b)
    if changed >= max(2, 0.01 * cjk):
        doc.original, doc.text = doc.text, converted
    return doc


_SPECIAL = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a％＋．\u3000\t\xa0 ,;!?():]")
_SPACE_NEIGHBOURS = "，。、；：（）“”%"


def _clean_characters(chars: list[str], offsets: list[int]) -> tuple[list[str], list[int]]:
    """Full-width digits and letters become ASCII, ASCII punctuation between Chinese becomes
    full-width, and the spaces PDF extraction puts between Chinese characters go. Only the
    characters that may change are looked at one by one."""
    text = "".join(chars)
    out: list[str] = []
    offs: list[int] = []
    last = 0
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i > last:
            out.extend(text[last:i])
            offs.extend(offsets[last:i])
        last = i + 1
        ch = text[i]
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A or ch in "％＋．":
            ch = chr(o - 0xFEE0)
        elif ch == "\u3000" or ch == "\t" or ch == "\xa0":
            ch = " "
        prev = out[-1] if out else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == " ":
            # drop spaces that PDF extraction puts between Chinese and digits/Chinese
            if not prev or prev == "\n" or prev == " " or is_cjk(prev) or prev in _SPACE_NEIGHBOURS \
                    or is_cjk(nxt) or nxt in _SPACE_NEIGHBOURS + "\n" or nxt == "":
                continue
        elif ch in _HALF_TO_FULL:
            if ch in ",:" and prev.isdigit() and nxt.isdigit():
                pass  # 1,000 or 10:30
            else:
                ch = _HALF_TO_FULL[ch]
        elif ch == ":":
            if not (prev.isdigit() and nxt.isdigit()):
                ch = "："
        out.append(ch)
        offs.append(offsets[i])
    if last < len(text):
        out.extend(text[last:])
        offs.extend(offsets[last:])
    return out, offs


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer("\n", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _guess_title(text: str, paragraphs: list[tuple[int, int]]) -> str | None:
    for s, e in paragraphs[:3]:
        p = text[s:e]
        if 4 <= len(p) <= 40 and not _ends_sentence(p):
            return p
    return None
