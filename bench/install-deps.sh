#!/usr/bin/env bash
# What bench/compare.sh needs beyond gleaner's own build (scripts/install-deps.sh):
# nginx to serve the catalogue, the peers' Python libraries, all from Debian,
# and Node.js with npm for the Crawlee peer, whose packages come from the npm
# registry (bench/peers/crawlee/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(nginx-light python3-scrapy python3-aiohttp python3-bs4 python3-lxml)
# Debian 12's nodejs is 18, enough for Crawlee 3 (Node >= 16). A Node.js
# already installed from elsewhere (NodeSource's 20, say) stays: Debian's
# packages would downgrade it, and Debian's npm conflicts with NodeSource's
# nodejs, which bundles its own npm.
node_ok=0
if command -v node >/dev/null; then
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$node_major" -ge 16 ] && command -v npm >/dev/null; then
    node_ok=1
  else
    echo "bench/install-deps.sh: found node $(node --version)$(command -v npm >/dev/null || echo ' without npm');" \
         "the Crawlee peer needs Node.js >= 16 with npm: upgrade it where it came from," \
         "or remove it and install Debian's nodejs and npm" >&2
  fi
else
  packages+=(nodejs npm)
  node_ok=1
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"
if [ "$node_ok" = 1 ]; then
  bench/peers/crawlee/install.sh
else
  echo "bench/install-deps.sh: Crawlee peer not installed; bench/compare.sh skips its row" >&2
fi
