"""Shared fixtures. Behaviour tests run on FIXTURE, a small invented data folder, so adding a report to
the real data/ changes no expectation but the golden test's (tests/test_golden_real_data.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from components.data_layer import DataLayer, load_data_layer

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
FIXTURE = REPO / "tests" / "fixtures" / "small"


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
