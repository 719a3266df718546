"""Where the benchmark's figures come from: the commit, uncommitted changes, and a fingerprint of the
app's files to tell whether they changed during a run."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from tests.e2e.app_server import REPO

# Folders whose files the app does not run from.
NOT_THE_APP = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "bench", "tests", "docs", "scripts"}


def _git(*arguments: str) -> str:
    result = subprocess.run(["git", *arguments], cwd=REPO, capture_output=True, text=True, check=False)
    return result.stdout.strip()


def commit() -> str:
    return _git("rev-parse", "HEAD")


def uncommitted_changes() -> list[str]:
    return _git("status", "--porcelain", "--untracked-files=no").splitlines()


def code_version() -> str:
    """A fingerprint (name, size, mtime) of the files the app runs from: its Python, YAML, TOML and
    Markdown outside NOT_THE_APP."""
    entries = []
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = sorted(name for name in subfolders if name not in NOT_THE_APP)
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix in {".py", ".yaml", ".yml", ".toml", ".md"}:
                status = path.stat()
                entries.append(f"{path.relative_to(REPO)} {status.st_size} {status.st_mtime_ns}")
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()
