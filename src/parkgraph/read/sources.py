"""Stage 0: files in, `Document`s out — whatever formats and encodings analysts have.

Takes files and folders; gives `Document`s with raw text and metadata (title, date, URL), and a
list of `Skipped` files with the reason, so one bad file never stops a corpus:

| format | read with |
|---|---|
| .txt .md | the text itself: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK |
| .html .htm | trafilatura: the article's text without scripts, navigation and boilerplate, plus its metadata |
| .pdf | pdfminer.six (it maps the CID fonts of Chinese newspaper PDFs to text) |
| .jsonl | one article a line: {"id", "title", "date", "text", "url"} |

Reasons to skip: empty, binary, over the size limit, unreadable, not decodable (naming the
encodings tried), not valid JSON, and the same content already read under another name.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..errors import InputError

FORMATS = (".txt", ".md", ".html", ".htm", ".pdf", ".jsonl")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
ENCODINGS_TRIED = "UTF-8, UTF-16 (with BOM), GB18030"


@dataclass
class Skipped:
    path: str
    reason: str


class SkipFile(Exception):
    """A file that cannot become a document; the build goes on without it."""


def collect_inputs(paths: list[str | Path]) -> list[tuple[Path, str]]:
    """(file, path relative to its corpus root) for every supported file under the given paths."""
    out: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in FORMATS and not f.name.startswith("."):
                    out.append((f, f.relative_to(p).as_posix()))
        elif p.is_file():
            out.append((p, p.name))
        else:
            raise InputError(p, "no such file or directory")
    return out


def decode(data: bytes, path: Path | str) -> str:
    """Text from bytes in UTF-8 (BOM or not), UTF-16 with BOM, or GB18030 (which includes GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "has a UTF-16 byte-order mark but is not valid UTF-16") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(path, f"is not text in any encoding tried ({ENCODINGS_TRIED})") from None
    # GB18030 decodes almost any bytes: accept it only if the result reads as Chinese text
    non_ascii = [c for c in text if ord(c) > 127]
    cjk = sum(1 for c in non_ascii
              if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    if non_ascii and cjk / len(non_ascii) < 0.8:
        raise InputError(path, f"is not text in any encoding tried ({ENCODINGS_TRIED})")
    return text


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text is full of zero bytes
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > 0.05


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def _html_to_document(data: bytes, path: Path, rel: str) -> Document:
    import trafilatura

    xml = data.lstrip()[:20].lower().startswith(b"<?xml")
    html = data.decode("utf-8", "replace") if xml else decode(data, path)
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        raise SkipFile("no article text found in the HTML")
    doc = Document(rel, text)
    meta = trafilatura.extract_metadata(html)
    if meta is not None:
        doc.title = meta.title or None
        doc.date = meta.date or None
        doc.url = meta.url or None
    return doc


def _pdf_to_document(path: Path, rel: str) -> Document:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        text = extract_text(str(path))
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as e:
        raise SkipFile(f"not a readable PDF ({type(e).__name__})") from None
    if not text.strip():
        raise SkipFile("the PDF has no text layer (a scan?)")
    return Document(rel, text.replace("\f", "\n"))


def _jsonl_documents(data: bytes, path: Path, rel: str) -> Iterator[Document | Skipped]:
    text = decode(data, path)
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skipped(f"{rel}#L{n}", f"not valid JSON ({e.msg})")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
            yield Skipped(f"{rel}#L{n}", "no 'text' in the JSON line")
            continue
        ident = str(row.get("id") or f"L{n}")
        doc = Document(f"{rel}#{ident}", row["text"])
        doc.title = row.get("title") or None
        doc.date = _iso_date(row.get("date"))
        doc.url = row.get("url") or None
        doc.sha256 = hashlib.sha256(row["text"].encode("utf-8")).hexdigest()
        yield doc


def _iso_date(value) -> str | None:
    if not value:
        return None
    m = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", str(value))
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def read_documents(path: Path, rel: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Skipped]:
    """The documents in one file, or a `Skipped` saying why not."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Skipped(rel, f"larger than the size limit ({size:,} > {max_bytes:,} bytes; see --max-bytes)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Skipped(rel, f"unreadable ({e.strerror or e})")
        return
    ext = path.suffix.lower()
    if not data.strip():
        yield Skipped(rel, "empty")
        return
    try:
        if ext == ".pdf":
            if not data.startswith(b"%PDF"):
                yield Skipped(rel, "not a PDF (no %PDF header)")
                return
            doc = _pdf_to_document(path, rel)
        elif _looks_binary(data):
            yield Skipped(rel, "binary, not text")
            return
        elif ext == ".jsonl":
            yield from _jsonl_documents(data, path, rel)
            return
        elif ext in (".html", ".htm"):
            doc = _html_to_document(data, path, rel)
        else:
            doc = Document(rel, decode(data, path))
    except InputError as e:
        yield Skipped(rel, e.problem)
        return
    except SkipFile as e:
        yield Skipped(rel, str(e))
        return
    if not doc.raw.strip():
        yield Skipped(rel, "empty")
        return
    doc.sha256 = hashlib.sha256(data).hexdigest()
    yield doc


def read_corpus(paths: list[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
                inputs: list[tuple[Path, str]] | None = None) -> Iterator[Document | Skipped]:
    """Every document under the paths (or of `inputs`, from `collect_inputs`), in a stable
    order, with duplicates reported."""
    seen: dict[str, str] = {}
    for f, rel in collect_inputs(paths) if inputs is None else inputs:
        for item in read_documents(f, rel, max_bytes):
            if isinstance(item, Document):
                digest = hashlib.sha256(item.raw.encode("utf-8")).hexdigest()
                if digest in seen:
                    yield Skipped(item.path, f"duplicate of {seen[digest]} (same content)")
                    continue
                seen[digest] = item.path
            yield item
