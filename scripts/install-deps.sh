#!/usr/bin/env bash
# Installs everything gleaner needs to build, test and run its demo on Debian 12.
# Idempotent; works as root or through sudo. Used by the README, .ci/run and developers.
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build cmake python3
  libcurl4-openssl-dev libgumbo-dev nlohmann-json3-dev libre2-dev libuchardet-dev
  libcli11-dev doctest-dev libcpp-httplib-dev zlib1g-dev libpsl-dev
  libexpat1-dev libsqlite3-dev openssl nghttp2-server
)

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: run as root or install sudo" >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
