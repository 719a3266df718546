"""Which English texts in the data have no Chinese yet. Each translatable field `x` may have an `x_zh`
beside it (data/schema.yaml); a missing one is a warning, not an error, so a new report can land in
English first and the app shows its English meanwhile. `check --strict` makes the warnings errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .problems import Problem
from .reading import OBSERVATIONS_DIR, OBSERVATIONS_SCHEMA, TOP_LEVEL_FILES, YamlDocument, read_yaml

ZH_SUFFIX = "_zh"

# Schema definition -> (where the mappings are, "*" standing for every item of a list; their
# translatable fields). One place for what "every label has both languages" covers.
TRANSLATABLE: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "themes_file": ((("themes", "*"), ("label", "description")),),
    "units_file": ((("units", "*"), ("label", "symbol")),),
    "sources_file": (
        (("sources", "*"), ("title", "outlet", "type", "summary", "date_note", "other_figures")),
        (("sources", "*", "dates", "*"), ("what",)),
    ),
    "indicators_file": (
        (("indicators", "*"), ("name", "description")),
        (("indicators", "*", "not_comparable_with"), ("reason",)),
    ),
    "observations_file": ((("observations", "*"), ("note",)),),
}


def zh(field: str) -> str:
    """The name of a field's Chinese counterpart: label -> label_zh."""
    return field + ZH_SUFFIX


def _mappings(node: Any, steps: tuple[str, ...], path: list[str | int]) -> Iterator[tuple[list[str | int], dict]]:
    """Every mapping `steps` leads to, with its path; anything of the wrong shape is the schema's to report."""
    if not steps:
        if isinstance(node, dict):
            yield path, node
    elif steps[0] == "*":
        for index, item in enumerate(node if isinstance(node, list) else []):
            yield from _mappings(item, steps[1:], [*path, index])
    elif isinstance(node, dict):
        yield from _mappings(node.get(steps[0]), steps[1:], [*path, steps[0]])


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def untranslated(document: YamlDocument, definition: str) -> list[Problem]:
    """A warning for each English text in `document` with no Chinese beside it, at the English field's line."""
    problems = []
    for steps, fields in TRANSLATABLE.get(definition, ()):
        for path, mapping in _mappings(document.data, steps, []):
            for field in fields:
                english, chinese = mapping.get(field), mapping.get(zh(field))
                if isinstance(english, list) and any(map(_has_text, english)):
                    if chinese is None:
                        problems.append(document.problem([*path, field], f"no Chinese: add {zh(field)!r}"))
                    elif isinstance(chinese, list) and len(chinese) != len(english):
                        message = f"{zh(field)!r} has {len(chinese)} item(s) for the {len(english)} of {field!r}"
                        problems.append(document.problem([*path, zh(field)], message))
                elif _has_text(english) and chinese is None:
                    problems.append(document.problem([*path, field], f"no Chinese: add {zh(field)!r}"))
    return sorted(problems, key=_line)


def _line(problem: Problem) -> int:
    """The line a problem is on, so a file's warnings read top to bottom."""
    found = re.match(r"line (\d+)", problem.location)
    return int(found[1]) if found else 0


def _documents(root: Path) -> Iterator[tuple[YamlDocument, str]]:
    """The data files that can be read, each with its schema definition (the loader reports the rest)."""
    named = [(root / name, definition) for name, definition in TOP_LEVEL_FILES.items()]
    named += [(path, OBSERVATIONS_SCHEMA) for path in sorted((root / OBSERVATIONS_DIR).glob("*.yaml"))]
    for path, definition in named:
        if path.is_file() and (document := read_yaml(path, f"{root}/{path.relative_to(root)}", [])):
            yield document, definition


def missing_translations(path: str | Path) -> list[Problem]:
    """Every English label in the data folder at `path` that has no Chinese, with its file and line."""
    return [
        problem for document, definition in _documents(Path(path)) for problem in untranslated(document, definition)
    ]
