"""The schema check as its users rely on it: messages built from what jsonschema found, not from its
English; loading that never changes the data it reads; and a fast path that agrees with jsonschema."""

from __future__ import annotations

from pathlib import Path

import fastjsonschema
import pytest
import yaml

from components import data_layer
from components.data_layer import reading
from tests.conftest import DATA
from tests.test_data_layer import (
    FAULTS,
    FILE_FAULTS,
    PLAN,
    break_data,
    edit,
    line_of,
    problems_in,
    snapshot,
)


def _definition(data: Path, path: Path) -> str | None:
    """The schema definition the loader checks `path` against, or None for a file it does not check."""
    if path.parent == data / reading.OBSERVATIONS_DIR:
        return reading.OBSERVATIONS_SCHEMA if path.suffix == ".yaml" else None
    return reading.TOP_LEVEL_FILES.get(path.name) if path.parent == data else None


# --- required fields: named from the error's fields ------------------------------------------


def test_two_missing_fields_in_one_entry_are_both_named_once(data_copy):
    entry = "fx1-smart-mines-built-2024"
    edit(data_copy / PLAN, "    kind: target\n", "", entry)
    edit(data_copy / PLAN, '    period: "2024"\n', "", entry)
    problems = problems_in(data_copy)
    line = line_of(data_copy / PLAN, f"- id: {entry}")
    assert sorted(problem.message for problem in problems) == ["missing field: 'kind'", "missing field: 'period'"]
    assert all(problem.location.startswith(f"line {line} (observations[") for problem in problems), problems


def test_missing_fields_are_named_without_reading_jsonschemas_message(data_copy, monkeypatch):
    """Each error's English text is blanked; the fields must still be named, and a misspelt one still
    gives one problem with its hint."""
    real = reading._validator

    class Blanked:
        def __init__(self, validator):
            self.validator = validator

        def iter_errors(self, instance):
            for error in self.validator.iter_errors(instance):
                error.message = "(withheld)"
                yield error

    monkeypatch.setattr(reading, "_validator", lambda definition: Blanked(real(definition)))
    edit(data_copy / PLAN, "    kind: target\n", "", "fx1-smart-mines-built-2024")
    edit(data_copy / PLAN, 'period: "2024"', 'perod: "2024"', "fx1-clean-power-share-2024")
    messages = sorted(problem.message for problem in problems_in(data_copy))
    assert len(messages) == 2, messages
    assert messages[0] == "missing field: 'kind'"
    assert messages[1].startswith("unknown field 'perod' (did you mean 'period'?)")


def test_missing_fields_come_from_the_required_list_not_the_message():
    error = next(reading._validator("units_file").iter_errors({"units": [{"label": "Yuan"}]}))
    assert reading.missing_fields(error) == ["id", "symbol"]


# --- loading never changes what it reads -----------------------------------------------------


def test_loading_never_writes_schema_defaults_into_the_data(data_copy, monkeypatch):
    """`headline` and `period_inferred` have `default: false` in the schema; a file that leaves them
    out must come out of the load as it was written, and the files on disk must not change."""
    documents = []

    def recording_read_yaml(*args, **kwargs):
        document = real_read_yaml(*args, **kwargs)
        documents.append(document)
        return document

    real_read_yaml = data_layer.read_yaml
    monkeypatch.setattr(data_layer, "read_yaml", recording_read_yaml)
    before = snapshot(data_copy)
    data_layer.load_data_layer(data_copy)
    assert snapshot(data_copy) == before

    by_file = {Path(document.file).name: document for document in documents}
    indicators = by_file["indicators.yaml"].data["indicators"]
    written = yaml.safe_load((data_copy / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    assert any("headline" not in item for item in written), "every indicator sets headline: test needs updating"
    assert indicators == written
    for document in documents:
        fresh = yaml.load(document.text, Loader=reading._Loader)  # noqa: S506 - a SafeLoader subclass
        assert document.data == fresh, f"{document.file} changed while being checked"


def test_checking_a_document_leaves_it_as_written():
    for path in [DATA / "indicators.yaml", *sorted((DATA / reading.OBSERVATIONS_DIR).glob("*.yaml"))]:
        problems = []
        document = reading.read_yaml(path, str(path), problems)
        written = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert reading.check_schema(document, _definition(DATA, path), problems), problems
        assert document.data == written, path.name


# --- the fast path agrees with jsonschema ----------------------------------------------------


def _verdicts(data: Path) -> dict[str, tuple[bool, bool]]:
    """For every file the loader would schema-check: (fastjsonschema says valid, jsonschema says valid)."""
    verdicts = {}
    for path in sorted(data.rglob("*")):
        definition = _definition(data, path)
        if definition is None or not path.is_file():
            continue
        document = reading.read_yaml(path, str(path), [])
        if document is None:
            continue  # unreadable or not YAML: neither validator sees it
        try:
            reading._fast_check(definition)(document.data)
            fast = True
        except fastjsonschema.JsonSchemaException:
            fast = False
        verdicts[str(path.relative_to(data))] = (fast, reading._validator(definition).is_valid(document.data))
    return verdicts


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_fast_path_agrees_with_jsonschema_on_each_fault(data_copy, fault):
    break_data(data_copy, fault)
    verdicts = _verdicts(data_copy)
    assert verdicts, "no file was checked"
    disagree = {name: verdict for name, verdict in verdicts.items() if verdict[0] != verdict[1]}
    assert not disagree, f"(fastjsonschema, jsonschema) valid: {disagree}"


@pytest.mark.parametrize("break_it", FILE_FAULTS.values(), ids=FILE_FAULTS.keys())
def test_fast_path_agrees_with_jsonschema_on_each_file_fault(data_copy, break_it):
    break_it(data_copy)
    disagree = {name: verdict for name, verdict in _verdicts(data_copy).items() if verdict[0] != verdict[1]}
    assert not disagree, f"(fastjsonschema, jsonschema) valid: {disagree}"


def test_fast_path_agrees_with_jsonschema_on_the_real_data():
    verdicts = _verdicts(DATA)
    assert len(verdicts) == len(data_layer.data_files(DATA))
    assert all(verdict == (True, True) for verdict in verdicts.values()), verdicts


# Keywords whose meaning fastjsonschema (drafts 4 to 7) does not share with 2020-12: it ignores the
# first group, and reads `items: [...]` and the siblings of `$ref` by the older rules.
NEWER_THAN_DRAFT_7 = {
    "prefixItems", "unevaluatedProperties", "unevaluatedItems", "dependentRequired", "dependentSchemas",
    "$dynamicRef", "$dynamicAnchor", "$anchor", "minContains", "maxContains",
}  # fmt: skip
ANNOTATIONS = {"description", "title", "$comment", "examples", "default", "deprecated"}


def _schemas(node, where="schema"):
    """Every mapping in the schema with where it is, properties' names included (harmless here)."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _schemas(value, f"{where}.{key}")
    elif isinstance(node, list):
        for at, value in enumerate(node):
            yield from _schemas(value, f"{where}[{at}]")


def test_schema_means_the_same_to_both_validators():
    """The agreement above holds for these faults; this keeps it from breaking silently when the
    schema grows a keyword the fast path would read differently."""
    schema = reading._schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    wrong = []
    for where, node in _schemas(schema):
        wrong += [f"{where}: {key}" for key in NEWER_THAN_DRAFT_7 & set(node)]
        if "$ref" in node and set(node) - {"$ref"} - ANNOTATIONS:
            wrong.append(f"{where}: $ref beside {sorted(set(node) - {'$ref'} - ANNOTATIONS)}")
        if isinstance(node.get("items"), list):
            wrong.append(f"{where}: items as a list")
    assert not wrong, "fastjsonschema would read these differently from jsonschema 2020-12:\n" + "\n".join(wrong)
