"""Read news articles from ``.txt``, ``.jsonl`` and ``.jsonl.gz`` files, or folders of them.

Every input problem (bad encoding, broken JSON, duplicate ids, corrupt gzip, unreadable files, ...) is
yielded as an :class:`InputProblem` value alongside the articles, so one bad file or line never stops a
35k-article run and nothing is dropped silently. Stdlib only: this module knows nothing of NLP or RDF.
"""

from __future__ import annotations

import datetime as _dt
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LEGACY_ENCODING_MESSAGE",
    "MAX_ARTICLE_BYTES",
    "SUPPORTED_SUFFIXES",
    "Article",
    "InputProblem",
    "body_start",
    "looks_like_legacy_encoding",
    "read_articles",
]

SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz")
LEGACY_ENCODING_MESSAGE = "looks like legacy Vietnamese encoding (VNI/TCVN3); convert to UTF-8 first"
# Articles with more text than this (UTF-8 bytes) are skipped and reported: one monster record (a whole site
# dumped into one line) must not hold up the ordered pipeline. Real news articles are far below it.
MAX_ARTICLE_BYTES = 1_000_000

_BOM = b"\xef\xbb\xbf"
_ASCII_BYTES = bytes(range(128))
_CHUNK = 1 << 20  # characters scanned per regex pass, to bound memory on huge texts

# An article's date as crawls write it: ISO (2026-02-26), an ISO datetime (2026-02-26T05:26:26+00:00, the date
# as written, not moved to UTC), or day first (26/02/2026, 26-02-2026, 26.02.2026, with a time after it or not).
_ISO_DATE = (r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
             r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?")
_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})(?:[ ,T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")
# Optional leading "date …" header, on its own line or followed by the text on the same line.
# Anchored with .match and free of nested quantifiers, so it runs in linear time.
_HEADER_RE = re.compile(rf"\s*date:?[ \t]+({_ISO_DATE}|[0-9]{{1,2}}([/.-])[0-9]{{1,2}}\2[0-9]{{4}})(?!\S)\s*",
                        re.IGNORECASE)


def read_date(value: str) -> str | None:
    """An article's date as ``YYYY-MM-DD`` (forms above), or None when it is not a date that exists."""
    s = value.strip()
    try:
        if re.fullmatch(_ISO_DATE, s):
            return (_dt.date.fromisoformat(s) if len(s) == 10 else _dt.datetime.fromisoformat(s).date()).isoformat()
        m = _DAY_FIRST.fullmatch(s)
        if m:
            return _dt.date(int(m.group(4)), int(m.group(3)), int(m.group(1))).isoformat()
    except ValueError:
        return None
    return None

# Characters that genuine Vietnamese (NFC or NFD) text contains and legacy-encoded mojibake never does.
_VIET_RE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
                      "\u0300-\u036f\u1ea0-\u1ef9]")
# Characters typical of VNI or TCVN3 (ABC) bytes shown as Latin-1/cp1252: Latin-1 letters that Vietnamese
# does not use, TCVN3 vowel codes that show as symbols, and an uppercase Latin-1 letter right after a
# lowercase ASCII one ("ViÖt", "tØnh"), which Vietnamese spelling never produces.
_SUSPICIOUS_RE = re.compile("[ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïðñöøûüþÿ¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾]"
                            "|(?<=[a-z])[\xc0-\xde]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Article:
    """One news article; ``text`` is exactly what the user gave (decoded, not normalized, header kept)."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD publication date, if known
    url: str | None = None
    source: str | None = None
    origin: str = ""  # file path it came from
    line: int | None = None  # 1-based line number in a .jsonl(.gz) file


@dataclass(frozen=True)
class InputProblem:
    """A problem with the input, reported as a value; ``fatal`` means the article was skipped."""

    origin: str
    line: int | None
    message: str
    article_id: str | None = None
    fatal: bool = True

    def __str__(self) -> str:
        where = self.origin if self.line is None else f"{self.origin}:{self.line}"
        return f"{where}: {self.message}"


def body_start(article: Article) -> int:
    """Character offset where the body begins after a leading ``date YYYY-MM-DD`` header (0 if none).

    Offsets elsewhere refer to ``article.text`` as given, so extractors use this to skip the header
    rather than receiving a stripped copy.
    """
    m = _HEADER_RE.match(article.text)
    return m.end() if m else 0


def looks_like_legacy_encoding(text: str) -> bool:
    """True if ``text`` looks like VNI or TCVN3 (ABC) bytes decoded as Latin-1/cp1252.

    Such text has many letters Vietnamese never uses ("ñöôïc", "ViÖt") and none of the characters real
    Vietnamese needs (ư, ơ, đ, ệ, ... or their NFD combining marks). Linear time, bounded memory.
    """
    suspicious = genuine = 0
    for i in range(0, len(text), _CHUNK):
        # Overlap by one character so the one-character lookbehind sees across chunk borders.
        chunk = text[max(0, i - 1):i + _CHUNK]
        suspicious += len(_SUSPICIOUS_RE.findall(chunk, 1 if i else 0))
        genuine += len(_VIET_RE.findall(chunk, 1 if i else 0))
    return suspicious >= 4 and suspicious > genuine and suspicious * 50 >= len(text)


def read_articles(paths: Iterable[str | Path] | str | Path, *,
                  max_bytes: int | None = MAX_ARTICLE_BYTES) -> Iterator[Article | InputProblem]:
    """Yield the articles in ``paths`` (files or folders), with every input problem as an InputProblem.

    Folders are searched recursively in sorted path order (hidden entries and other file types are
    ignored; FIFOs, sockets and devices are reported, never opened). Files are streamed, so memory stays
    bounded by the largest single article. Warnings about an article are yielded just before it. An article
    with more than ``max_bytes`` of UTF-8 text (None: no bound) is skipped with an error. Ids must be unique
    across the whole run: the first record of an id wins, a later one is an error naming both places.
    Problems name paths as the user gave them (not resolved).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: dict[str, str] = {}
    for p in paths:
        for item in _expand(os.fspath(p)):
            if isinstance(item, InputProblem):
                yield item
                continue
            for problems, article in _read_file(item):
                if article is not None and max_bytes is not None and len(article.text) * 4 > max_bytes:
                    size = len(article.text.encode("utf-8"))
                    if size > max_bytes:
                        problems.append(InputProblem(article.origin, article.line, f"article text is {size:,} "
                                                     f"bytes, over the bound of {max_bytes:,} (--max-article-size);"
                                                     " skipped", article.id))
                        article = None
                if article is not None:
                    where = article.origin if article.line is None else f"{article.origin}:{article.line}"
                    first = seen.get(article.id)
                    if first is not None:
                        problems.append(InputProblem(article.origin, article.line,
                                                     f"duplicate id {article.id} (first seen at {first})",
                                                     article.id))
                        article = None
                    else:
                        seen[article.id] = where
                yield from problems
                if article is not None:
                    yield article


# --- files and folders -------------------------------------------------------------------------------


def _kind(name: str) -> str | None:
    lower = name.lower()
    for suffix in (".jsonl.gz", ".jsonl", ".txt"):
        if lower.endswith(suffix):
            return suffix
    return None


def _expand(origin: str) -> Iterator[str | InputProblem]:
    """Turn a user-given path into the files to read (paths as given), or problems explaining why not."""
    path = Path(origin)
    try:
        if path.is_dir():
            yield from _walk(origin)
        elif path.is_file():
            if _kind(path.name) is None:
                yield InputProblem(origin, None, f"unsupported file type (expected one of "
                                                 f"{', '.join(SUPPORTED_SUFFIXES)} or a folder)")
            else:
                yield origin
        elif path.is_symlink():
            yield InputProblem(origin, None, "broken symbolic link")
        elif not path.exists():
            yield InputProblem(origin, None, "no such file or folder")
        else:
            yield InputProblem(origin, None, f"{_special(origin)}, not a regular file or folder; skipped")
    except OSError as e:
        yield InputProblem(origin, None, f"cannot access: {_os_error(e)}")


def _special(path: str) -> str | None:
    """What a path is when it is not a regular file (reading a FIFO blocks for ever), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # gone or unreadable: the reader reports it
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")


def _walk(root: str) -> Iterator[str | InputProblem]:
    """Supported files under ``root``, sorted by path; unreadable folders and special files become problems."""
    errors: list[OSError] = []
    files: list[str] = []
    visited: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError as e:
            errors.append(e)
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:  # symlink cycle
            dirnames[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        files.extend(os.path.join(dirpath, f) for f in filenames if not f.startswith(".") and _kind(f))
    for e in sorted(errors, key=lambda e: str(e.filename)):
        yield InputProblem(str(e.filename or root), None, f"cannot read folder: {_os_error(e)}")
    for f in sorted(files, key=Path):  # Path order, as before: by path components
        special = _special(f)
        yield f if special is None else InputProblem(f, None, f"{special}, not a regular file; skipped")


def _os_error(e: OSError) -> str:
    return e.strerror or str(e) or type(e).__name__


_Item = tuple[list[InputProblem], Article | None]


def _read_file(origin: str) -> Iterator[_Item]:
    kind = _kind(os.path.basename(origin))
    if kind != ".txt" and origin.lower().endswith((".facts.jsonl", ".facts.jsonl.gz")):  # kg extract's output
        from kg.extract.facts_json import read_facts_file

        yield from read_facts_file(origin)  # type: ignore[misc]
    elif kind == ".txt":
        yield _read_txt(origin)
    else:
        yield from _read_jsonl(origin, gz=kind == ".jsonl.gz")


def _wide_encoding(raw: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when the bytes plainly are (a byte-order mark, or NULs in the high bytes of
    ASCII characters), else None. Looks at the first 4 KB only; a few stray NULs in UTF-8 do not count."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    n = min(len(raw), 4096) // 4 * 4
    sample = raw[:n]
    if n < 8 or sample.count(0) * 4 < n:
        return None
    lane = [sample[i::4].count(0) * 4 / n for i in range(4)]  # share of NULs at each position mod 4
    if min(lane[2], lane[3]) > 0.9 or min(lane[0], lane[1]) > 0.9:
        return "UTF-32"
    even, odd = (lane[0] + lane[2]) / 2, (lane[1] + lane[3]) / 2
    if max(even, odd) >= 0.3 and min(even, odd) <= 0.05:
        return "UTF-16"
    return None


def _wide_message(encoding: str) -> str:
    return f"{encoding} text; save it as UTF-8"


def _read_txt(origin: str) -> _Item:
    try:
        with open(origin, "rb") as fh:
            raw = fh.read()
    except OSError as e:
        return [InputProblem(origin, None, f"cannot read file: {_os_error(e)}")], None
    aid = os.path.basename(origin)[:-len(".txt")].strip()
    problems: list[InputProblem] = []
    if not aid:
        problems.append(InputProblem(origin, None, "empty article id (file name stem is blank)"))
        return problems, None
    if wide := _wide_encoding(raw):
        return [InputProblem(origin, None, _wide_message(wide), aid)], None
    text, legacy = _decode(raw, origin, None, aid, problems, where="")
    return problems, _finish(origin, None, aid, text, legacy, problems)


def _read_jsonl(origin: str, *, gz: bool) -> Iterator[_Item]:
    lineno = 0
    try:
        with (gzip.open(origin, "rb") if gz else open(origin, "rb")) as fh:
            for raw in fh:  # line by line: never the whole file in memory
                lineno += 1
                if lineno == 1 and (wide := _wide_encoding(raw)):  # the whole file is: one problem for it
                    yield [InputProblem(origin, None, _wide_message(wide))], None
                    return
                item = _parse_line(origin, lineno, raw)
                if item is not None:
                    yield item
    except (OSError, EOFError, zlib.error) as e:
        n = lineno + 1
        if isinstance(e, (EOFError, zlib.error, gzip.BadGzipFile)):
            message = f"corrupt or truncated gzip data while reading line {n} ({e}); earlier lines were read"
        elif lineno == 0:
            yield [InputProblem(origin, None, f"cannot read file: {_os_error(e)}")], None
            return
        else:
            message = f"read error at line {n}: {_os_error(e)}; lines before it were read"
        yield [InputProblem(origin, n, message)], None


# --- one article -------------------------------------------------------------------------------------


def _decode(raw: bytes, origin: str, line: int | None, aid: str | None, problems: list[InputProblem],
            *, where: str) -> tuple[str, bool]:
    """Decode UTF-8 (dropping a BOM); returns the text and whether the bytes look legacy-encoded.

    Invalid UTF-8 is decoded with U+FFFD and reported as a warning, unless nearly all non-ASCII bytes are
    invalid and, read as Latin-1, they look like VNI/TCVN3: then the caller reports a fatal problem.
    """
    skip = len(_BOM) if raw.startswith(_BOM) else 0
    try:
        return raw[skip:].decode("utf-8"), False
    except UnicodeDecodeError as e:
        bad = e.start + skip
    text = raw[skip:].decode("utf-8", errors="replace")
    high = len(raw.translate(None, _ASCII_BYTES))
    if text.count("\ufffd") * 2 > high and looks_like_legacy_encoding(raw.decode("latin-1")):
        return text, True
    problems.append(InputProblem(origin, line, f"invalid UTF-8 at byte {bad}{where}; decoded with U+FFFD "
                                               "replacement", aid, fatal=False))
    return text, False


def _clean(name: str, value: str, origin: str, line: int | None, aid: str | None,
           problems: list[InputProblem]) -> str:
    """Replace NULs with spaces and lone surrogates with U+FFFD (same length, so offsets stay valid)."""
    if "\x00" in value:
        n = value.count("\x00")
        value = value.replace("\x00", " ")
        problems.append(InputProblem(origin, line, f"{n} NUL character(s) in {name} replaced by spaces",
                                     aid, fatal=False))
    if _SURROGATE_RE.search(value):
        value, n = _SURROGATE_RE.subn("\ufffd", value)
        problems.append(InputProblem(origin, line, f"{n} lone UTF-16 surrogate(s) in {name} replaced by "
                                                   "U+FFFD", aid, fatal=False))
    return value


def _finish(origin: str, line: int | None, aid: str, text: str, legacy: bool, problems: list[InputProblem],
            *, date: str | None = None, **meta: str | None) -> Article | None:
    """Validate decoded text and build the Article; a fatal problem is appended instead if it is unusable."""
    if legacy:
        problems.append(InputProblem(origin, line, LEGACY_ENCODING_MESSAGE, aid))
        return None
    text = _clean("text", text, origin, line, aid, problems)
    if not text or text.isspace():
        problems.append(InputProblem(origin, line, "empty article text", aid))
        return None
    m = _HEADER_RE.match(text)
    if m and m.end() == len(text):
        problems.append(InputProblem(origin, line, "article has a date header but no text", aid))
        return None
    if looks_like_legacy_encoding(text):
        problems.append(InputProblem(origin, line, LEGACY_ENCODING_MESSAGE, aid))
        return None
    if m and date is None:
        date = read_date(m.group(1))
        if date is None:
            problems.append(InputProblem(origin, line, f"invalid date {m.group(1)!r} in header; date left "
                                                       "unknown", aid, fatal=False))
    return Article(aid, text, date=date, origin=origin, line=line, **meta)


_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number",
               bool: "boolean", type(None): "null"}


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _parse_line(origin: str, lineno: int, raw: bytes) -> _Item | None:
    """Parse one JSON line into an article; None for a blank line (which holds no article)."""
    if lineno == 1 and raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    raw = raw.rstrip(b"\r\n")
    if not raw or raw.isspace():
        return None
    problems: list[InputProblem] = []
    text, legacy = _decode(raw, origin, lineno, None, problems, where=" of the line")

    def fatal(message: str, aid: str | None = None) -> _Item:
        problems.append(InputProblem(origin, lineno, message, aid))
        return problems, None

    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as e:
        if legacy:
            return fatal(LEGACY_ENCODING_MESSAGE)
        if isinstance(e, json.JSONDecodeError):  # the line is one line: its column, not "line 1 column N"
            return fatal(f"invalid JSON at column {e.colno}: {e.msg}")
        return fatal(f"invalid JSON: {e}" if isinstance(e, ValueError) else "invalid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return fatal(f"JSON line is not an object (got {_json_type(obj)})")
    if "id" not in obj:
        return fatal("JSON object has no 'id'")
    aid = obj["id"]
    if isinstance(aid, int) and not isinstance(aid, bool):
        aid = str(aid)
    if not isinstance(aid, str):
        return fatal(f"'id' is not a string (got {_json_type(aid)})")
    aid = _clean("id", aid.strip(), origin, lineno, None, problems)
    if not aid:
        return fatal("'id' is empty")
    # Warnings raised before the id was known now name it.
    problems = [InputProblem(p.origin, p.line, p.message, aid, p.fatal) for p in problems]
    if "text" not in obj:
        keys = ", ".join(k[:30] for k in sorted(obj)[:8])
        return fatal(f"JSON object has no 'text' (keys: {keys}); is this an article file?", aid)
    body = obj["text"]
    if not isinstance(body, str):
        return fatal(f"'text' is not a string (got {_json_type(body)})", aid)

    meta: dict[str, str | None] = {}
    for key in ("title", "url", "source"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(InputProblem(origin, lineno, f"'{key}' is not a string (got {_json_type(value)});"
                                                         " ignored", aid, fatal=False))
            value = None
        meta[key] = _clean(key, value, origin, lineno, aid, problems) if value is not None else None
    date, problem = _parse_date(obj.get("date"))
    if problem:
        problems.append(InputProblem(origin, lineno, problem, aid, fatal=False))
    return problems, _finish(origin, lineno, aid, body, legacy, problems, date=date, **meta)


def _parse_date(value: object) -> tuple[str | None, str | None]:
    """An article's date (``read_date``) → "YYYY-MM-DD"; otherwise (None, warning). Missing/null/"" is unknown."""
    if value is None or value == "":
        return None, None
    if isinstance(value, str) and (d := read_date(value)) is not None:
        return d, None
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    return None, (f"invalid 'date' {shown} (expected YYYY-MM-DD, an ISO datetime or DD/MM/YYYY); "
                  "date left unknown")

