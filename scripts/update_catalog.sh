#!/usr/bin/env bash
# Extract the interface's messages into locales/messages.pot and merge them into each language's
# catalog (locales/<lang>/LC_MESSAGES/messages.po). Then translate the new or changed messages in
# the .po file; tests/test_i18n.py fails while any message has no translation.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --omit-header -o locales/messages.pot .
.venv/bin/pybabel update -i locales/messages.pot -d locales --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
