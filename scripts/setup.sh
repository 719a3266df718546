#!/usr/bin/env bash
# Shared set-up for run_app.sh and run_tests.sh: a virtual environment in .venv with the pinned
# requirements. Safe to run again; pip skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
