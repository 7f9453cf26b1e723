"""Safe YAML reading that remembers where each value stood (file and line).

Only the plain YAML types are built (SafeLoader): no Python tags, no custom tags, so a
ruleset or a case can never run code. Mappings and lists carry the line they start on and
the line of each key, so validation errors can name the line.
"""
from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

import yaml

from .errors import RulesetError

MAX_BYTES = 5 * 1024 * 1024  # a ruleset or case larger than this is refused, not parsed
# libyaml's safe loader where PyYAML has it (several times faster), for the package's own files
# read at start-up that need no line numbers: the label catalogue, the rulesets' headers
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping from YAML that knows its own line and each key's line."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key: Any) -> int | None:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list from YAML that knows its line and each item's line."""

    line: int | None = None
    item_lines: list

    def line_of(self, index: int) -> int | None:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


MAX_DEPTH = 64  # mappings and lists nested deeper than this are refused (a case nests 3 deep)
MAX_EXPANDED_NODES = 200_000  # values a document may hold once its aliases are expanded
# Characters (of all text values, aliases expanded) a document may hold beyond its own length:
# aliases that repeat a long text multiply the output as surely as aliases of lists do.
MAX_ALIAS_CHARS = 256 * 1024
MAX_INT_DIGITS = 100  # no count in a case or a ruleset comes near; Python refuses over 4,300

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_VALUE = "tag:yaml.org,2002:value"


class LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences remember their lines; duplicate keys are errors.

    Plain scalars are read as YAML 1.2 reads them, never by YAML 1.1's wider rules: an integer
    is plain decimal (`30`, `-2`), a float is plain decimal with a point, a boolean is
    true/false. Anything else stays text exactly as written: `030` (octal 24 in YAML 1.1),
    `1:00` (sexagesimal 60), `0x1F`, `0b1`, `1_000`, `yes`, `on`. A field that wants a
    number then refuses the text with its name; a field that wants text keeps it as written
    (docket ids `001` and `010` stay "001" and "010").

    Guards: nesting deeper than MAX_DEPTH is refused while composing (before Python's own
    recursion limit); a document whose aliases would expand to more than MAX_EXPANDED_NODES
    values ("billion laughs"), or to more than its own length plus MAX_ALIAS_CHARS characters
    of text, is refused before anything is built; an integer of more than MAX_INT_DIGITS
    digits is refused.
    """

    _depth = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise RulesetError(f"nested more than {MAX_DEPTH} levels deep", line=mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def flatten_mapping(self, node):  # noqa: D102 - PyYAML hook, replaced
        """Resolve merge keys (<<) as YAML says: the mapping's own keys override merged ones,
        and among merged mappings the first given wins. Afterwards `node.value` is the merged
        pairs (one per key) followed by the own pairs, and `node.own_pairs` counts the latter.
        (PyYAML's own version lets a merged mapping's merged key beat its own key.)"""
        if hasattr(node, "own_pairs"):
            return
        merge_tag = "tag:yaml.org,2002:merge"
        own = [(k, v) for k, v in node.value if k.tag != merge_tag]
        sources: list[yaml.MappingNode] = []
        merges = 0
        for key_node, value_node in node.value:
            if key_node.tag != merge_tag:
                continue
            merges += 1
            if merges > 1:
                raise RulesetError("duplicate key '<<'", line=key_node.start_mark.line + 1)
            subnodes = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for sub in subnodes:
                if not isinstance(sub, yaml.MappingNode):
                    raise RulesetError("a merge key (<<) takes a mapping or a list of mappings",
                                       line=sub.start_mark.line + 1)
                sources.append(sub)
        seen = {_key_id(k) for k, _ in own}
        merged = []
        for sub in sources:
            self.flatten_mapping(sub)
            for k, v in sub.value:
                if _key_id(k) not in seen:
                    seen.add(_key_id(k))
                    merged.append((k, v))
        node.value = merged + own
        node.own_pairs = len(own)

    def compose_document(self):  # noqa: D102 - PyYAML hook
        node = super().compose_document()
        check_expansion(node, max_chars=len(self.buffer) + MAX_ALIAS_CHARS)
        return node


# The YAML 1.1 resolvers for numbers and booleans are replaced (see LineLoader).
LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT, _BOOL, _VALUE)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
LineLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
LineLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"),
)
LineLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def expansion(root: yaml.Node, max_chars: int | None = None) -> tuple[int, int]:
    """(values, characters) under `root` once aliases are expanded: the number of nodes of
    the tree, and the characters of its text values. Refuses (RulesetError with the line) a
    tree of more than MAX_EXPANDED_NODES values, of more than `max_chars` characters (when
    given), or whose alias contains itself.

    Sizes are memoised per node, so the check is linear in the distinct nodes however
    often an alias repeats them.
    """
    size: dict[int, int] = {}
    chars: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are still being sized
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in size:
            continue
        children = (
            [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
            else node.value if isinstance(node, yaml.SequenceNode) else []
        )
        if not done:
            if id(node) in open_:
                raise RulesetError("a YAML alias refers to a value that contains it", line=node.start_mark.line + 1)
            if any(id(c) not in size for c in children):
                open_.add(id(node))
                stack.append((node, True))
                stack.extend((c, False) for c in children if id(c) not in size)
                continue
        open_.discard(id(node))
        total = 1 + sum(size.get(id(c), 0) for c in children)
        text = len(node.value) if isinstance(node, yaml.ScalarNode) else sum(chars.get(id(c), 0) for c in children)
        if total > MAX_EXPANDED_NODES:
            aliased = total > len(size) + 1  # some node is counted more than once
            raise RulesetError(
                f"more than {MAX_EXPANDED_NODES} values once YAML aliases are expanded (an alias bomb?)"
                if aliased else f"more than {MAX_EXPANDED_NODES} values",
                line=node.start_mark.line + 1,
            )
        if max_chars is not None and text > max_chars:
            raise RulesetError(
                f"more than {max_chars} characters of text once YAML aliases are expanded "
                "(aliases that repeat a long text?)",
                line=node.start_mark.line + 1,
            )
        size[id(node)] = total
        chars[id(node)] = text
    return size[id(root)], chars[id(root)]


def check_expansion(root: yaml.Node, max_chars: int | None = MAX_ALIAS_CHARS) -> int:
    """The number of values under `root` once aliases are expanded (see `expansion`); by
    default its text may not exceed MAX_ALIAS_CHARS characters (one docket entry, one case)."""
    return expansion(root, max_chars)[0]


def _key_id(key_node: yaml.Node):
    """What makes two keys the same key, before they are built: a scalar's tag and text."""
    return (key_node.tag, key_node.value) if isinstance(key_node, yaml.ScalarNode) else id(key_node)


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> LineDict:
    # flatten_mapping puts the merged pairs (<<) first, then the mapping's own: an own key
    # overrides a merged one, as YAML's merge key says; only an own key given twice is an error.
    loader.flatten_mapping(node)
    merged = len(node.value) - node.own_pairs
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    own_keys: set = set()
    for i, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise RulesetError("a mapping key must be a plain value", line=key_node.start_mark.line + 1) from None
        if i >= merged:
            if key in own_keys:
                raise RulesetError(f"duplicate key '{key}'", line=key_node.start_mark.line + 1)
            own_keys.add(key)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_int(loader: LineLoader, node: yaml.ScalarNode) -> int:
    """A plain decimal integer (the resolver admits no other form), refused when absurdly long."""
    digits = len(node.value.lstrip("+-"))
    if digits > MAX_INT_DIGITS:
        raise RulesetError(
            f"a number of {digits} digits is too long to be read (at most {MAX_INT_DIGITS})",
            line=node.start_mark.line + 1,
        )
    return int(node.value)


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode):
    """A date-like scalar that is no real date (2026-02-30) stays text, for the validator to name."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return node.value


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
LineLoader.add_constructor(_INT, _construct_int)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def check_keys(node: LineDict, allowed, what: str, file: str | None) -> None:
    """Refuse a key of `node` that is not in `allowed`, naming `what`, the file and the key's line."""
    for key in node:
        if key not in allowed:
            raise RulesetError(
                f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})", file, node.line_of(key)
            )


def load_text(text: str, file: str) -> Any:
    """Parse YAML text safely; any problem becomes a RulesetError naming file and line."""
    try:
        return yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except RulesetError as e:
        raise RulesetError(e.reason, file, e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        reason = (e.problem or str(e)).strip()
        if isinstance(e, yaml.constructor.ConstructorError):
            reason = f"unsupported YAML tag or value ({reason}); only plain YAML is read"
        raise RulesetError(reason, file, line) from None
    except yaml.YAMLError as e:
        raise RulesetError(f"not valid YAML: {e}", file) from None
    except RecursionError:
        raise RulesetError(f"nested too deeply (at most {MAX_DEPTH} levels)", file) from None
    except ValueError as e:  # e.g. an integer of more digits than Python converts
        raise RulesetError(f"a value cannot be read: {e}", file) from None


def read_bytes(path: Path | str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file, refusing one that is too large (RulesetError naming the file).

    The size is checked before reading (stat), and again while reading, so a file that is
    not what stat said (a device, a growing file) is never read past the limit.
    """
    p = Path(path)
    name = one_line(str(p))
    try:
        st = p.stat()
    except OSError as e:
        raise RulesetError(f"cannot read: {e.strerror or e}", name) from None
    if stat.S_ISDIR(st.st_mode):
        raise RulesetError("is a directory, not a file", name)
    if st.st_size > max_bytes:
        raise RulesetError(f"file is {st.st_size} bytes, over the limit of {max_bytes} bytes", name)
    try:
        with p.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise RulesetError(f"cannot read: {e.strerror or e}", name) from None
    if len(data) > max_bytes:
        raise RulesetError(f"file is over the limit of {max_bytes} bytes", name)
    return data


def read_file(path: Path | str, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file (a ruleset, an ordinance), refusing one that is too large or
    not UTF-8 (RulesetError naming the line and the byte)."""
    data = read_bytes(path, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RulesetError(not_utf8(data, e), one_line(str(path))) from None


def read_text(path: Path | str, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Read a text file in whatever encoding `decode` can be sure of: (text, encoding)."""
    data = read_bytes(path, max_bytes)
    return decode(data, one_line(str(path)))


# -- encodings (编码) -----------------------------------------------------------------------

ASSUMED = "gb18030"  # the one encoding `decode` assumes rather than knows


def decode_text(data: bytes, file: str) -> str:
    """The text of a file's bytes (see `decode`), without the encoding."""
    return decode(data, file)[0]


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Decode a case file, docket or CSV: (text, encoding), or a RulesetError naming the file,
    the line and the byte (counted from 1) and what the bytes look like.

    Certain: a byte-order mark (UTF-8, UTF-16, UTF-32; the mark is removed), else valid UTF-8.
    Assumed: bytes that are not UTF-8, not mostly UTF-8 (a damaged UTF-8 file is refused, not
    read as gibberish), but valid GB18030 (GBK is its subset: what Excel and Chinese office
    systems save) that decodes to no private-use character; the encoding is then "gb18030"
    (ASSUMED) and the caller must say so (`assumed_note`). Anything else is refused.
    """
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError as e:
                name = codec.removesuffix("-sig").upper()
                raise RulesetError(
                    f"starts with a {name} byte-order mark but is not {name} text (byte {e.start + 1})", file
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:  # valid UTF-8 perhaps, but never text
        line = data.count(b"\n", 0, nul) + 1
        raise RulesetError(
            f"not text: a NUL byte (line {line}, byte {nul + 1}), as in UTF-16 or UTF-32 "
            "without a byte-order mark; save it as UTF-8 (or UTF-16 with a byte-order mark)", file
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    if _mostly_utf8(data):  # a damaged UTF-8 file would decode as GB18030 gibberish
        raise RulesetError(
            f"{not_utf8(data, utf8_error)}: the rest of the file is UTF-8, so it looks damaged there "
            "(it is not read as GB18030); correct that byte", file
        )
    try:
        text = data.decode(ASSUMED)
    except UnicodeDecodeError:
        text = None
    if text is not None and not any("\ue000" <= c <= "\uf8ff" for c in text):
        return text, ASSUMED
    raise RulesetError(f"{not_utf8(data, utf8_error)}, nor GB18030 (GBK) text; save it as UTF-8", file)


def _mostly_utf8(data: bytes) -> bool:
    """More valid UTF-8 characters beyond ASCII than invalid bytes: UTF-8 with a flaw, not GBK
    (GBK text holds a few byte pairs that happen to be valid UTF-8, far fewer than the others)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - bad
    return good > bad


def assumed_note(encoding: str) -> str | None:
    """The one-line note a reader must show when `decode` assumed the encoding (else None)."""
    return "not UTF-8: read as GB18030 (GBK) text" if encoding == ASSUMED else None


def not_utf8(data: bytes, e: UnicodeDecodeError, what: str = "") -> str:
    """'not UTF-8 text (line L, byte B)': the line and the byte of the file, both counted from 1."""
    line = data.count(b"\n", 0, e.start) + 1
    return f"not UTF-8 text (line {line}, byte {e.start + 1}{what})"


def one_line(text: str) -> str:
    """Escape line breaks and other unprintable characters so a message stays one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
