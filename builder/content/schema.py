"""Declared schemas for YAML content, in the manner of MkDocs' ``config_options``.

``load_yaml`` keeps the line of every mapping and key, so ``validate`` can say
``content/glossary.yml:212: 'status' must be one of …`` instead of a bare KeyError.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError

LINE = "__line__"
KEY_LINES = "__key_lines__"


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it: 5x faster


class _DuplicateKey(yaml.constructor.ConstructorError):
    def __init__(self, key: str, first: int, mark):
        super().__init__(None, None, f"duplicate key {key!r}", mark)
        self.key, self.first = key, first  # first: 0-based line in the YAML text


class _LineLoader(_Base):
    """A safe loader whose mappings remember their 1-based line and the line of each key.

    It refuses what PyYAML lets through or turns into a traceback: a key given twice in one mapping
    (PyYAML keeps the last silently), a date that does not exist (``2021-02-30``: ValueError) and
    aliases (``*name``): content never needs them, and nine nested aliases of a ten-item list expand
    to a billion items for whatever walks the value next (the "billion laughs").
    """

    def construct_object(self, node, deep=False):
        # PyYAML hands an alias back as the node it names, already constructed or being constructed:
        # the only way a node is met twice.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "an alias (*name) repeats the value anchored here (&name): write the value out",
                node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise _DuplicateKey(key_node.value, seen[key_node.value], key_node.start_mark)
                seen[key_node.value] = key_node.start_mark.line
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        mapping[KEY_LINES] = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        return mapping

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, f"the date {node.value!r} does not exist (write a real date as YYYY-MM-DD)",
                node.start_mark) from None


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)


def load_yaml(text: str, path: str | Path, first_line: int = 1) -> Any:
    """Parse YAML ``text`` read from ``path`` (starting at ``first_line`` of that file).

    Mappings come back as dicts with two extra keys, ``__line__`` and ``__key_lines__``.
    Raises ContentError with the file and line of a syntax error, or of a duplicate key.
    """
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a safe loader subclass)
    except _DuplicateKey as exc:
        raise ContentError(path, exc.problem_mark.line + first_line,
                           f"duplicate key {exc.key!r} (first at line {exc.first + first_line}): keep one") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        raise ContentError(path, line, f"malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ContentError(path, None, f"malformed YAML: {exc}") from None


@dataclass(frozen=True)
class Field:
    """One declared key: its type(s), whether it is required, and the values allowed."""

    name: str
    types: type | tuple[type, ...] = str
    required: bool = True
    choices: tuple[Any, ...] | None = None
    default: Any = None


def line_of(mapping: dict, key: str | None = None, offset: int = 0) -> int | None:
    if key is not None and key in mapping.get(KEY_LINES, {}):
        return mapping[KEY_LINES][key] + offset
    line = mapping.get(LINE)
    return line + offset if line else None


def validate(mapping: Any, fields: list[Field], path: str | Path, what: str, offset: int = 0,
             line: int | None = None) -> dict:
    """Check ``mapping`` against ``fields``; return a plain dict of the declared keys.

    Raises ContentError naming the file and the line of the offending key (or of the mapping):
    a missing required key, an unknown key, a wrong type, a value outside ``choices``, an empty string.
    ``offset`` is added to YAML line numbers (front matter starts below line 1 of its file).
    """
    if not isinstance(mapping, dict):
        raise ContentError(path, line, f"{what} must be a mapping of keys to values, not {type(mapping).__name__}")
    known = {f.name for f in fields}
    for key in mapping:
        if key in (LINE, KEY_LINES):
            continue
        if key not in known:
            raise ContentError(path, line_of(mapping, key, offset), f"unknown key {key!r} in {what} (known: {', '.join(sorted(known))})")
    out = {}
    for f in fields:
        if f.name not in mapping or mapping[f.name] is None:
            if f.required:
                raise ContentError(path, line_of(mapping, None, offset), f"{what} is missing the required key {f.name!r}")
            out[f.name] = f.default
            continue
        value = mapping[f.name]
        if dt.date in _as_tuple(f.types) and not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ContentError(path, line_of(mapping, f.name, offset),
                               f"{f.name!r} in {what} must be a date written YYYY-MM-DD (e.g. 2021-09-17), not {str(value)!r}")
        if not isinstance(value, f.types) or isinstance(value, bool) and bool not in _as_tuple(f.types):
            expected = " or ".join(t.__name__ for t in _as_tuple(f.types))
            raise ContentError(path, line_of(mapping, f.name, offset), f"{f.name!r} in {what} must be {expected}, not {type(value).__name__}")
        if isinstance(value, str) and not value.strip():
            raise ContentError(path, line_of(mapping, f.name, offset), f"{f.name!r} in {what} is empty")
        if f.choices is not None and value not in f.choices:
            raise ContentError(path, line_of(mapping, f.name, offset), f"{f.name!r} in {what} must be one of {', '.join(map(repr, f.choices))}, not {value!r}")
        out[f.name] = value
    return out


def _as_tuple(types):
    return types if isinstance(types, tuple) else (types,)
