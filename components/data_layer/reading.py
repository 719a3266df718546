"""Read the YAML files safely, check them against the JSON Schema, and say where each problem is."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .problems import Problem

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data" / "schema.yaml"

# File name -> schema definition. Observations live one file per source under observations/.
TOP_LEVEL_FILES = {
    "themes.yaml": "themes_file",
    "units.yaml": "units_file",
    "sources.yaml": "sources_file",
    "indicators.yaml": "indicators_file",
}
OBSERVATIONS_DIR = "observations"
OBSERVATIONS_SCHEMA = "observations_file"


class _Loader(yaml.CSafeLoader):
    """The C safe loader, minus timestamp parsing (dates stay text so the schema sees what was
    written), and refusing a key written twice in one mapping, which YAML would silently resolve
    to the last value."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"the key {key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """One parsed file. Line numbers are worked out only when a problem needs one (parsing twice costs)."""

    file: str
    text: str
    data: Any
    _root: yaml.Node | None = field(default=None, repr=False)

    def where(self, path: list[str | int] | tuple) -> str:
        """The line of the deepest part of `path` that exists, plus the path itself."""
        node = self._root = self._root or yaml.compose(self.text, Loader=_Loader)
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        line = f"line {node.start_mark.line + 1}" if node is not None else "start of file"
        return f"{line} ({format_path(path)})" if path else line

    def problem(self, path: list[str | int] | tuple, message: str) -> Problem:
        return Problem(self.file, self.where(path), message)


def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key, value in node.value if key.value == step), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]
    return None


def format_path(path) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "(document)"


def read_yaml(path: Path, shown_as: str, problems: list[Problem]) -> YamlDocument | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(shown_as, "file", f"cannot be read: {error}"))
        return None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        reason = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        kind = "not allowed" if isinstance(error, yaml.constructor.ConstructorError) else "YAML syntax error"
        problems.append(Problem(shown_as, where, f"{kind}: {reason}" + (f" ({context})" if context else "")))
        return None
    if data is None:
        problems.append(Problem(shown_as, "file", "the file is empty"))
        return None
    return YamlDocument(shown_as, text, data)


@lru_cache(maxsize=1)
def _schema() -> dict:
    return yaml.load(SCHEMA_PATH.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506


def _schema_for(definition: str) -> dict:
    """The schema of one kind of file, its references to shared definitions written in place: the
    same schema to jsonschema, which then resolves no reference for each field of each item (on a
    large layer that resolving is much of the check's time: bench.data_layer_load measures it)."""
    schema = _schema()
    return {**schema, **_inlined(schema["$defs"][definition], schema["$defs"], frozenset({definition}))}


_ANNOTATIONS = frozenset({"description", "title", "default", "examples", "$comment", "deprecated"})


def _inlined(node: Any, definitions: dict, expanding: frozenset[str]) -> Any:
    """`node` with each `$ref` to a definition replaced by the definition, where that means the same:
    beside the `$ref` only annotations (a description), and no definition inside itself."""
    if isinstance(node, list):
        return [_inlined(item, definitions, expanding) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    name = ref.removeprefix("#/$defs/") if isinstance(ref, str) else ""
    beside = {key: value for key, value in node.items() if key != "$ref"}
    if name in definitions and name not in expanding and set(beside) <= _ANNOTATIONS:
        return {**_inlined(definitions[name], definitions, expanding | {name}), **beside}
    return {key: _inlined(value, definitions, expanding) for key, value in node.items()}


@cache
def _validator(definition: str) -> jsonschema.Draft202012Validator:
    # `format` is an annotation in 2020-12 and the schema uses none; say so rather than rely on the default.
    return jsonschema.Draft202012Validator(_schema_for(definition), format_checker=None)


_TYPE_WORDS = {
    "object": "a mapping (key: value lines)", "array": "a list", "string": "text", "number": "a number",
    "integer": "a whole number", "boolean": "true or false", "null": "empty",
}  # fmt: skip


def _python_type_words(value) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number"}
    return _TYPE_WORDS.get(names.get(type(value), ""), type(value).__name__)


def _unknown_fields(error: jsonschema.ValidationError) -> list[str]:
    """The fields an `additionalProperties` error is about: neither named by the schema nor matching
    one of its patterns (a translation such as label_zh)."""
    patterns = [re.compile(pattern) for pattern in error.schema.get("patternProperties", {})]
    named = error.schema.get("properties", {})
    return [key for key in error.instance if key not in named and not any(p.search(str(key)) for p in patterns)]


def _describe(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        hints = []
        for key in _unknown_fields(error):
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hints.append(f"unknown field {key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        translated = " and their translations (<field>_<language>)" if error.schema.get("patternProperties") else ""
        return "; ".join(hints) + f"; allowed fields: {', '.join(allowed)}{translated}"
    if error.validator == "enum":
        return f"{error.instance!r} is not allowed; use one of: {', '.join(map(str, error.validator_value))}"
    if error.validator == "type":
        expected = error.validator_value
        expected = (
            " or ".join(_TYPE_WORDS[kind] for kind in expected) if isinstance(expected, list) else _TYPE_WORDS[expected]
        )
        return f"{error.instance!r} should be {expected}, not {_python_type_words(error.instance)}"
    return error.message


def missing_fields(error: jsonschema.ValidationError) -> list[str]:
    """The names a `required` error is about, from its fields rather than its English message."""
    if error.validator != "required" or not isinstance(error.instance, dict):
        return []
    return [name for name in error.validator_value if name not in error.instance]


def check_schema(document: YamlDocument, definition: str, problems: list[Problem]) -> bool:
    """Add a problem per schema violation; return True when the document is valid."""
    errors = sorted(_validator(definition).iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path)))
    # A misspelt field shows up twice (unknown 'perod', missing 'period'): keep the one with the hint.
    # `seen` also holds each missing field once reported: jsonschema raises one `required` error per
    # missing name, each carrying the whole list.
    seen = {
        (tuple(error.absolute_path), name)
        for error in errors
        if error.validator == "additionalProperties"
        for key in _unknown_fields(error)
        for name in difflib.get_close_matches(str(key), list(error.schema.get("properties", {})), n=1)
    }
    for error in errors:
        path = list(error.absolute_path)
        if error.validator in ("if", "then"):
            continue  # the nested `required` error carries the message
        if error.validator != "required":
            problems.append(document.problem(path, _describe(error)))
            continue
        for name in missing_fields(error):
            if (tuple(path), name) not in seen:
                seen.add((tuple(path), name))
                problems.append(document.problem(path, f"missing field: {name!r}"))
    return not errors
