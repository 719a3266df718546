#!/usr/bin/env bash
# Install what the app needs and serve it on http://127.0.0.1:8501 (PORT=... to change).
#   --dev   reload the app when a source file changes (off by default: it costs CPU per visit), and
#           show error details in the browser
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
port="${PORT:-8501}"
extra=()
if [ "${1:-}" = "--dev" ]; then
  extra=(--server.fileWatcherType auto --server.runOnSave true --client.showErrorDetails full)
fi
echo "Shanxi Transformation Monitor: http://127.0.0.1:${port}"
exec .venv/bin/python -m streamlit run app.py --server.address 127.0.0.1 --server.port "$port" "${extra[@]}"
