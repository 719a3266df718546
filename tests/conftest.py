"""Shared fixtures: a throwaway copy of the real data/ folder, so a test can break one thing in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh copy of data/ under tmp_path; edit it freely, the real folder is never touched."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy
