#!/usr/bin/env bash
# Installs the Crawlee peer's packages (package-lock.json, exactly) into
# bench/peers/crawlee/node_modules, which bench/compare.sh needs for its
# crawlee row. npm ci always starts from a clean node_modules, so this skips
# it when node_modules already matches the lock file: re-runs are instant.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "crawlee/install.sh: npm not found (install Node.js >= 16 and npm)" >&2; exit 1; }
# npm writes node_modules/.package-lock.json after every install; newer than
# package-lock.json means the install is current.
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "crawlee/install.sh: node_modules is up to date"
  exit 0
fi
npm ci --no-audit --no-fund
