#!/usr/bin/env bash
# What bench/compare.sh needs beyond gleaner's own build (scripts/install-deps.sh):
# nginx to serve the catalogue, and the peers' Python libraries, all from Debian.
set -euo pipefail
packages=(nginx-light python3-scrapy python3-aiohttp python3-bs4 python3-lxml)
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"
