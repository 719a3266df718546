"""The schema check as its users rely on it: messages built from what jsonschema found, not from its
English, and loading that never changes the data it reads."""

from __future__ import annotations

from pathlib import Path

import yaml

from components import data_layer
from components.data_layer import reading
from tests.conftest import DATA
from tests.test_data_layer import (
    PLAN,
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
