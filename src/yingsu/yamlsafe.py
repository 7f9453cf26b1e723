"""Safe YAML reading that remembers where each value stood (file and line).

Only the plain YAML types are built (SafeLoader): no Python tags, no custom tags, so a
ruleset or a case can never run code. Mappings and lists carry the line they start on and
the line of each key, so validation errors can name the line.
"""
from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from .errors import RulesetError

MAX_BYTES = 5 * 1024 * 1024  # a ruleset or case larger than this is refused, not parsed


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


class LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences remember their lines; duplicate keys are errors.

    Guards: nesting deeper than MAX_DEPTH is refused while composing (before Python's own
    recursion limit), and a document whose aliases would expand to more than
    MAX_EXPANDED_NODES values ("billion laughs") is refused before anything is built.
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

    def compose_document(self):  # noqa: D102 - PyYAML hook
        node = super().compose_document()
        check_expansion(node)
        return node


def check_expansion(root: yaml.Node) -> int:
    """The number of values under `root` once aliases are expanded; refuses a node graph
    whose tree exceeds MAX_EXPANDED_NODES or whose alias contains itself.

    Sizes are memoised per node, so the check is linear in the distinct nodes however
    often an alias repeats them.
    """
    size: dict[int, int] = {}
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
        if total > MAX_EXPANDED_NODES:
            aliased = total > len(size) + 1  # some node is counted more than once
            raise RulesetError(
                f"more than {MAX_EXPANDED_NODES} values once YAML aliases are expanded (an alias bomb?)"
                if aliased else f"more than {MAX_EXPANDED_NODES} values",
                line=node.start_mark.line + 1,
            )
        size[id(node)] = total
    return size[id(root)]


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise RulesetError("a mapping key must be a plain value", line=key_node.start_mark.line + 1) from None
        if key in out:
            raise RulesetError(f"duplicate key '{key}'", line=key_node.start_mark.line + 1)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode):
    """A date-like scalar that is no real date (2026-02-30) stays text, for the validator to name."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return node.value


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
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


def read_file(path: Path | str, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file, refusing one that is too large or not UTF-8 (RulesetError).

    The size is checked before reading (stat), and again while reading, so a file that is
    not what stat said (a device, a growing file) is never read past the limit.
    """
    p = Path(path)
    try:
        st = p.stat()
    except OSError as e:
        raise RulesetError(f"cannot read: {e.strerror or e}", str(p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise RulesetError("is a directory, not a file", str(p))
    if st.st_size > max_bytes:
        raise RulesetError(f"file is {st.st_size} bytes, over the limit of {max_bytes} bytes", str(p))
    try:
        with p.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise RulesetError(f"cannot read: {e.strerror or e}", str(p)) from None
    if len(data) > max_bytes:
        raise RulesetError(f"file is over the limit of {max_bytes} bytes", str(p))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RulesetError(f"not UTF-8 text (byte {e.start})", str(p)) from None
