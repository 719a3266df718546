"""Shared fixtures. Behaviour tests run on FIXTURE, a small invented data folder, so adding a report to
the real data/ changes no expectation but the golden test's (tests/test_golden_real_data.py)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from components import i18n
from components.data_layer import DataLayer, load_data_layer
from components.views.common import Choice

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
FIXTURE = REPO / "tests" / "fixtures" / "small"


def choice_for(layer: DataLayer, themes: tuple[str, ...] = ()) -> Choice:
    """The reader's Choice for `layer` as the frame resolves it: its edition (and whether that is the
    newest), its language, and the chosen `themes`."""
    newest = layer.editions["date"].max().date()
    return Choice(layer.as_of, layer.as_of >= newest, layer.lang, tuple(themes))


def english_method_notes_from(monkeypatch: pytest.MonkeyPatch, readme: Path) -> None:
    """Read the English notes on method from `readme`'s method section, as locales/en/language.yaml
    reads them from the repository's README."""
    real = i18n.language

    def language(code: str) -> i18n.LanguageRecord:
        record = real(code)
        return replace(record, folder=readme.parent, method=f"{readme.name}#method") if code == "en" else record

    monkeypatch.setattr(i18n, "language", language)


@pytest.fixture(scope="session")
def fixture_layer() -> DataLayer:
    """The fixture folder, loaded once. Frames are shared across tests: read them, never edit them."""
    return load_data_layer(FIXTURE)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh copy of the fixture folder under tmp_path, for a test to break one thing in."""
    copy = tmp_path / "data"
    shutil.copytree(FIXTURE, copy)
    return copy
