"""Reading a docket file (读取案件清单): YAML or JSON lists of cases, CSV through yingsu.docket.tabular."""
from __future__ import annotations

import json
import re
import stat
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import yaml
from pydantic import ValidationError

from ..catalogue import DEADLINES
from ..caseio import DuplicateKeyError, case_error, json_object_pairs
from ..errors import CaseError, RulesetError
from ..models import Case, plain_line
from ..yamlsafe import MAX_EXPANDED_NODES, LineDict, LineList, LineLoader, check_expansion, load_text
from .compact import SharedFieldSets
from .models import DocketEntry, trusted

MAX_DOCKET_BYTES = 64 * 1024 * 1024  # thousands of cases fit easily; a larger file is refused unread


def load_docket(path: str | Path, *, progress: Callable[[int, int], None] | None = None) -> list[DocketEntry]:
    """Read a docket: a YAML or JSON list of cases (or of ``{id, case}``), a CSV or an .xlsx file.

    Every error is a CaseError naming the file, the entry or row (and line) and the field.
    `progress(done, total)` is called while reading (YAML: characters; JSON: entries; CSV: lines).
    """
    entries = open_docket(path, progress=progress)
    return entries if isinstance(entries, list) else list(entries)


def open_docket(path: str | Path, *, progress: Callable[[int, int], None] | None = None) -> Sequence[DocketEntry]:
    """The entries of a docket file, validated when iterated (a JSON docket: one entry at a time,
    so a large docket never holds all its cases at once). Errors as load_docket's."""
    p = Path(path)
    return parse_docket_bytes(_read_bytes(p), str(p), progress=progress)


def _read_bytes(p: Path) -> bytes:
    """The file's bytes, refusing a directory or a file over MAX_DOCKET_BYTES before reading it."""
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise CaseError("is a directory, not a file", source=str(p))
        if st.st_size > MAX_DOCKET_BYTES:
            raise CaseError(f"file is {st.st_size} bytes, over the limit of {MAX_DOCKET_BYTES} bytes", source=str(p))
        with p.open("rb") as f:
            data = f.read(MAX_DOCKET_BYTES + 1)
    except OSError as e:
        raise CaseError(f"cannot read: {e.strerror or e}", source=str(p)) from None
    if len(data) > MAX_DOCKET_BYTES:
        raise CaseError(f"file is over the limit of {MAX_DOCKET_BYTES} bytes", source=str(p))
    return data


def parse_docket_bytes(data: bytes, name: str, *, progress: Callable[[int, int], None] | None = None
                       ) -> Sequence[DocketEntry]:
    """A docket from a file's bytes; the format from the name's extension (or a media type):
    .csv (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with BOM), .xlsx, .json, .yaml/.yml."""
    kind = _format(name)
    if kind == "xlsx":
        from .tabular import parse_docket_xlsx

        return parse_docket_xlsx(data, name, progress=progress)
    text = decode_text(data, name, legacy=kind == "csv")
    del data  # the bytes are not read again: a large docket is validated without them in memory
    if not text.strip():
        raise CaseError("the file is empty", source=name)
    if kind == "csv":
        from .tabular import parse_docket_csv

        return parse_docket_csv(text, name, progress=progress)
    if kind == "json":
        return JsonDocket(text, name, progress)
    try:
        loaded = load_yaml_docket(text, name, progress)
    except RulesetError as e:
        where = f" (line {e.line})" if e.line else ""
        raise CaseError(f"not a valid YAML docket{where}: {e.reason}", source=name) from None
    return _entries(loaded, name, lambda i: (loaded[i], loaded.line_of(i)) if isinstance(loaded, LineList) else (None, None))


_MEDIA = {"text/csv": "csv", "application/json": "json", "application/yaml": "yaml", "text/yaml": "yaml",
          "application/x-yaml": "yaml",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}


def _format(name: str) -> str:
    low = name.lower().split(";")[0].strip()
    if low in _MEDIA:
        return _MEDIA[low]
    suffix = Path(low).suffix
    return {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}.get(suffix, "yaml")


def decode_text(data: bytes, name: str, *, legacy: bool = False) -> str:
    """UTF-8 (a byte-order mark dropped), UTF-16 with its BOM; with `legacy` (CSV, as Excel and
    office systems save it) GB18030, the superset of GBK and GB2312, when the bytes are not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise CaseError(f"not UTF-16 text (byte {e.start + 1})", source=name) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        first = e
    line = data.count(b"\n", 0, first.start) + 1
    if legacy:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            raise CaseError(f"line {line}: neither UTF-8 nor GB18030 (GBK) text (byte {e.start + 1})",
                            source=name) from None
    hint = ""
    try:
        data.decode("gb18030")
        hint = "; it looks like GB18030 (GBK): save it as UTF-8"
    except UnicodeDecodeError:
        pass
    raise CaseError(f"line {line}: not UTF-8 text (byte {first.start + 1}){hint}", source=name)


class JsonDocket(Sequence):
    """A JSON docket, its entries validated once in order (yingsu.docket.load._Entries keeps the
    first KEEP_VALIDATED validated; any other is validated again when a later pass reads it).

    The array is decoded whole, by the json module's C parser in one call: it shares one
    object per distinct key across the entries, as `json.load` does, so the docket is read as
    cheaply as its cases one by one. Each decoded entry is let go of once it is kept validated.
    Where the whole text does not decode (bad JSON, a repeated key, nesting too deep, …), the
    array is scanned entry by entry instead, each entry validated as soon as it is decoded, and
    the error names its line and column. An entry's line (for a validation error) comes from
    that same scan, run when first asked for."""

    def __init__(self, text: str, source: str, progress: Callable[[int, int], None] | None = None):
        self.text, self.source = text, source
        self.spans: list[tuple[int, int, int]] = []  # (start, end, line) of each entry, once scanned
        self.decoded = _decoded_list(text)  # the entries, each None once kept validated; None: scanned
        self._entries = _Entries(_Items(self), source, self.locate)
        self._entries.release = self._release
        self._entries.check(self._scan(progress) if self.decoded is None else self._taken(progress))

    def _taken(self, progress) -> Iterator[Any]:
        """Each decoded entry in order; those that will be kept validated are let go of as read."""
        decoded, n = self.decoded, len(self.decoded)
        for i in range(n):
            value = decoded[i]
            if i < KEEP_VALIDATED:
                decoded[i] = None
            yield value
            if progress is not None:
                progress(i + 1, n)

    def _fail(self, msg: str, pos: int) -> CaseError:
        line = self.text.count("\n", 0, pos) + 1
        col = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return CaseError(f"not valid JSON (line {line}, column {col}): {msg}", source=self.source)

    def _decode(self, pos: int) -> tuple[Any, int]:
        try:
            return _DECODER.raw_decode(self.text, pos)
        except json.JSONDecodeError as e:
            raise self._fail(e.msg, e.pos) from None
        except DuplicateKeyError as e:
            raise self._fail(f"duplicate key {e.key!r}", pos) from None
        except RecursionError:
            raise self._fail("nested too deeply", pos) from None
        except ValueError:  # an integer of more digits than Python converts (4,300)
            raise self._fail(f"a number has more than {sys.get_int_max_str_digits()} digits", pos) from None

    def _scan(self, progress) -> Iterator[Any]:
        """Each entry's decoded value, in order (its span recorded first, for `locate`)."""
        text, ws = self.text, _WS.match
        pos = ws(text, 0).end()
        if not text.startswith("[", pos):
            data, end = self._decode(pos)
            raise CaseError(f"a docket must be a list of cases (or of {{id, case}}), not {_kind(data)}",
                            source=self.source)
        pos = ws(text, pos + 1).end()
        line, counted = 1, 0
        n = len(text)
        spans = self.spans
        if text.startswith("]", pos):
            pos += 1
        else:
            while True:
                value, end = self._decode(pos)
                line += text.count("\n", counted, pos)
                counted = pos
                spans.append((pos, end, line))
                yield value
                if progress is not None:
                    progress(end, n)
                pos = ws(text, end).end()
                if text.startswith(",", pos):
                    pos = ws(text, pos + 1).end()
                elif text.startswith("]", pos):
                    pos += 1
                    break
                else:
                    raise self._fail("Expecting ',' delimiter" if pos < n else "the list is not closed", pos)
        if ws(text, pos).end() != n:
            raise self._fail("Extra data", ws(text, pos).end())

    def __len__(self) -> int:
        return len(self.spans) if self.decoded is None else len(self.decoded)

    def __getitem__(self, i):
        raise TypeError("a JSON docket is read in order: iterate over it")

    def item(self, i: int) -> Any:
        """Entry i for a later pass, beyond the entries kept validated: as decoded, or decoded again."""
        if self.decoded is not None:
            return self.decoded[i]
        return _DECODER.raw_decode(self.text, self.spans[i][0])[0]

    def locate(self, i: int) -> tuple[Any, int | None]:
        """Entry i with the line of every field: that entry alone, read with the line-keeping reader."""
        if not self.spans:  # decoded whole: the entries' places come from a scan, made once
            for _ in self._scan(None):
                pass
        start, end, line = self.spans[i]
        try:
            return load_text("\n" * (line - 1) + self.text[start:end], self.source), line
        except RulesetError:
            return None, line

    def __iter__(self):
        return iter(self._entries)

    def _release(self) -> None:
        """Every entry is kept validated (yingsu.docket.load._Entries): the file's text is no longer read."""
        self.text = None


class _Items(Sequence):
    def __init__(self, docket: JsonDocket):
        self.docket = docket

    def __len__(self) -> int:
        return len(self.docket)

    def __getitem__(self, i):
        return self.docket.item(i)


_DECODER = json.JSONDecoder(object_pairs_hook=json_object_pairs)


def _decoded_list(text: str) -> list | None:
    """The docket's array decoded whole; None where it does not decode as one, or is not an
    array (the entry-by-entry scan then names the problem and its place)."""
    try:
        data = _DECODER.decode(text)
    except (ValueError, RecursionError):  # JSONDecodeError, DuplicateKeyError, too many digits
        return None
    return data if isinstance(data, list) else None


_WS = re.compile(r"[ \t\n\r]*")


def load_yaml_docket(text: str, file: str, progress: Callable[[int, int], None] | None = None) -> Any:
    """A YAML docket read entry by entry, with yingsu.yamlsafe's reader and its guards.

    yamlsafe caps one document at MAX_EXPANDED_NODES values, which a docket of a few thousand
    cases exceeds. Here the cap applies to each entry, and the values of all entries together
    (aliases expanded) may not exceed the file's length in characters plus that cap: a docket
    without aliases always fits, an alias bomb spread over many entries does not.
    """
    loader = LineLoader(text)
    budget = len(text) + MAX_EXPANDED_NODES
    try:
        loader.get_event()  # stream start
        loader.get_event()  # document start
        if not loader.check_event(yaml.SequenceStartEvent):
            return load_text(text, file)  # not a list: read whole, for its error
        start = loader.get_event()
        out = LineList()
        out.line, out.item_lines = start.start_mark.line + 1, []
        total = 0
        while not loader.check_event(yaml.SequenceEndEvent):
            node = loader.compose_node(None, None)
            total += check_expansion(node)  # per entry: alias cycles, MAX_EXPANDED_NODES; its expanded size
            if total > budget:
                raise RulesetError("more values than the file's size allows once YAML aliases are expanded "
                                   "(an alias bomb?)", line=node.start_mark.line + 1)
            out.item_lines.append(node.start_mark.line + 1)
            out.append(loader.construct_document(node))
            if progress is not None:
                progress(node.end_mark.index, len(text))
        loader.get_event()  # sequence end
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise RulesetError("a docket is one YAML document", line=loader.peek_event().start_mark.line + 1)
        return out
    except RulesetError as e:
        raise RulesetError(e.reason, file, e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        reason = (e.problem or str(e)).strip()
        if isinstance(e, yaml.constructor.ConstructorError):
            reason = f"unsupported YAML tag or value ({reason}); only plain YAML is read"
        raise RulesetError(reason, file, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise RulesetError(f"not valid YAML: {e}", file) from None
    except (RecursionError, ValueError) as e:
        raise RulesetError(f"a value cannot be read: {type(e).__name__}", file) from None
    finally:
        loader.dispose()


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


KEEP_VALIDATED = 120_000  # validated cases kept between passes (about 3 KB each, compact); the rest are validated again
COMPACT_ABOVE = 25_000  # a docket of more entries keeps them compact (a few µs a case; a smaller one needs no saving)
_COMPACT_BATCH = 4_096  # kept entries made compact together (yingsu.docket.compact works a batch at a time)


class _Entries(Sequence):
    """Validated entries. The first pass (`check`, or the first iteration) validates every entry
    and checks the ids; it keeps the first KEEP_VALIDATED validated entries (compact once there
    are more than COMPACT_ABOVE: yingsu.docket.compact), and later passes validate only the rest
    again, so memory stays bounded however long the docket is."""

    def __init__(self, data: Sequence, source: str, locate: Callable[[int], tuple[Any, int | None]]):
        self.data, self.source, self.locate = data, source, locate
        self._kept: list[DocketEntry] | None = None  # set once a pass has checked every entry
        self.release: Callable[[], None] | None = None  # called when every entry is kept: the source is done

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, i):
        raise TypeError("docket entries are read in order: iterate over them")

    def __iter__(self):
        if self._kept is None:
            yield from self._first(self.data)
            return
        kept = self._kept
        yield from kept
        source, locate, data = self.source, self.locate, self.data
        for i in range(len(kept), len(data)):
            cid, case, done = _entry(data[i], source, i, locate)
            yield trusted(DocketEntry, id=f"#{i + 1}" if cid is None else cid, case=case, done=done)

    def check(self, values: Iterable[Any]) -> None:
        """The first pass over `values` (the entries' raw values, in order, each read once)."""
        for _ in self._first(values):
            pass

    def _first(self, values: Iterable[Any]) -> Iterator[DocketEntry]:
        keep: list[DocketEntry] = []
        shared = SharedFieldSets()
        compacted = 0  # the kept entries made compact so far
        seen: dict[str, int] = {}
        source, locate = self.source, self.locate
        for i, raw in enumerate(values):
            n = i + 1
            cid, case, done = _entry(raw, source, i, locate)
            if cid is None:
                cid = f"#{n}"
            if cid in seen:
                line = locate(i)[1]
                where = f"{source}: entry {n}" + (f" (line {line})" if line else "")
                raise CaseError(f"id: '{cid}' is already the id of entry {seen[cid]}", source=where)
            seen[cid] = n
            # the parts are checked (the id is text, the case a validated Case, done parsed): built
            # without a second validation, which would run the Case's own checks again
            entry = trusted(DocketEntry, id=cid, case=case, done=done)
            if i < KEEP_VALIDATED:
                keep.append(entry)
                if n > COMPACT_ABOVE and n - compacted >= _COMPACT_BATCH:
                    # a large docket: the cases kept so far, and the rest, compact
                    compacted = _compact(shared, keep, compacted)
            yield entry
        if len(keep) > COMPACT_ABOVE:
            _compact(shared, keep, compacted)
        self._kept = keep
        if len(keep) == len(self.data) and self.release is not None:
            self.release()


def _compact(shared: SharedFieldSets, keep: list[DocketEntry], start: int) -> int:
    """The kept entries from `start` on made compact; returns how many are compact now."""
    if start < len(keep):
        shared.share([e.case for e in keep[start:]])
    return len(keep)


def _entries(data: Any, source: str, locate: Callable[[int], tuple[Any, int | None]]) -> list[DocketEntry]:
    """The entries of a parsed docket, validated now (a list)."""
    if not isinstance(data, (list, Sequence)) or isinstance(data, (str, bytes)):
        raise CaseError(
            f"a docket must be a list of cases (or of {{id, case}}), not {_kind(data)}", source=source
        )
    return list(_Entries(data, source, locate))


def _entry(item: Any, source: str, i: int, locate: Callable[[int], tuple[Any, int | None]]
           ) -> tuple[str | None, Case, dict[str, date | None]]:
    """Entry i of the docket `source`: (its id or None, its case, its done record)."""
    if item.__class__ is dict and "case" not in item:  # the common form, a case alone: no error, no place needed
        try:
            return None, Case.model_validate(item), {}
        except (ValidationError, RecursionError):
            pass  # validated again below, for the error with its place
    return _placed_entry(item, f"{source}: entry {i + 1}", lambda: locate(i))


def _placed_entry(item: Any, where: str, locate: Callable[[], tuple[Any, int | None]]
                  ) -> tuple[str | None, Case, dict[str, date | None]]:
    def here() -> str:
        line = locate()[1]
        return where + (f" (line {line})" if line else "")

    if not isinstance(item, dict):
        raise CaseError(f"an entry must be a case or {{id, case}}, not {_kind(item)}", source=here())
    if "case" not in item:
        return None, _validate(item, where, locate), {}
    extra = sorted(str(k) for k in item if k not in ("id", "case", "done"))
    if extra:
        raise CaseError(f"unknown key(s) {', '.join(extra)} beside 'case' (allowed: id, case, done)", source=here())
    cid = item.get("id")
    if cid is None or isinstance(cid, bool) or not isinstance(cid, (str, int)) or not str(cid).strip():
        raise CaseError("id: must be non-empty text or a number", source=here())
    try:  # an id is printed in the report, the agenda and the .ics: one line of plain text
        plain_line(str(cid), what="an id")
    except ValueError as e:
        raise CaseError(f"id: {e}", source=here()) from None

    def inner() -> tuple[Any, int | None]:
        node, line = locate()
        if isinstance(node, LineDict) and "case" in node:
            return node["case"], node.line_of("case")
        return None, line

    return str(cid).strip(), _validate(item["case"], where, inner), parse_done(item.get("done"), here)


def parse_done(value: Any, here: Callable[[], str]) -> dict[str, date | None]:
    """The `done` record: {deadline id: the date it was met, or true}, or a list of deadline ids."""
    if value is None:
        return {}
    if isinstance(value, list):
        value = {k: True for k in value} if all(isinstance(k, str) for k in value) else None
    if not isinstance(value, dict):
        raise CaseError("done: must map deadline ids to the date each was met (or true)", source=here())
    out: dict[str, date | None] = {}
    for key, when in value.items():
        if key not in DEADLINES:
            raise CaseError(f"done: '{key}' is not a deadline id (known: {', '.join(DEADLINES)})", source=here())
        if when is True:
            out[key] = None
        elif isinstance(when, date) and not isinstance(when, datetime):
            out[key] = when
        elif isinstance(when, str) and _ISO_DATE.fullmatch(when):
            try:
                out[key] = date.fromisoformat(when)
            except ValueError:
                raise CaseError(f"done.{key}: '{when}' is not a date", source=here()) from None
        else:
            raise CaseError(f"done.{key}: must be the date it was met (YYYY-MM-DD) or true", source=here())
    return out


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _validate(raw: Any, where: str, locate: Callable[[], tuple[Any, int | None]] | None = None) -> Case:
    """Validate one case; the error names the entry and, when known, the line of the field."""
    if not isinstance(raw, dict):
        line = locate()[1] if locate else None
        raise CaseError(f"a case must be a mapping of fields, not {_kind(raw)}",
                        source=where + (f" (line {line})" if line else ""))
    try:
        return Case.model_validate(raw)
    except RecursionError:
        raise CaseError("the case is nested too deeply", source=where) from None
    except ValidationError as e:
        line = None
        if locate is not None:
            node, line = locate()
            line = _line_of(node, e.errors()[0]["loc"]) or line
        raise case_error(e, where + (f" (line {line})" if line else "")) from None


def _line_of(node: Any, loc: Sequence[Any]) -> int | None:
    if node is None:
        return None
    line = getattr(node, "line", None)
    for key in loc:
        if isinstance(node, LineDict) and key in node:
            line, node = node.line_of(key), node[key]
        elif isinstance(node, LineList) and isinstance(key, int) and key < len(node):
            line, node = node.line_of(key), node[key]
        else:
            break
    return line

