#!/usr/bin/env bash
# Shared set-up for run_app.sh and run_tests.sh: Debian packages (a CJK font, so exported charts draw
# Chinese, plus any the caller names, e.g. chromium for the browser tests) and a virtual environment
# in .venv with the pinned requirements. Safe to run again: what is installed is skipped.
#   bash scripts/setup.sh [more Debian packages]
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for package in fonts-noto-cjk "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
