#!/usr/bin/env bash
# Install everything the tests need (Python packages, Chromium from apt and axe-core for the browser tests),
# then lint, type-check and run the whole suite: data layer, charts, exports, pages (AppTest) and end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh chromium haproxy
.venv/bin/python -m tests.e2e.axe  # axe-core for the accessibility tests: pinned, checked, into .cache/ (gitignored)
.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m mypy  # app.py, components/, app_pages/ and bench/, as set in pyproject.toml
.venv/bin/python -m components.data_layer check
exec .venv/bin/python -m pytest "$@"
