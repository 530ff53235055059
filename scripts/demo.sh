#!/usr/bin/env bash
# The README's first command: installs what gleaner needs, builds it, serves the
# generated sample bookstore on 127.0.0.1 and scrapes it with config/books.json
# into out/books.jsonl. Exits non-zero, saying why, if any step fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

build="${GLEANER_BUILD_DIR:-build}"  # another build directory, for trying the script
site="$build/samples/books"
server_bin="$build/samples/gleaner-sample-server"
gleaner_bin="$build/gleaner"
dataset=out/books.jsonl
url_timeout_tenths=100  # the server prints its URL once listening: 10 s is plenty

fail() {
  echo "demo: $*" >&2
  exit 1
}

./scripts/install-deps.sh

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build"
fi
meson compile -C "$build"

[ -x "$server_bin" ] || fail "$server_bin was not built"
[ -f "$site/index.html" ] || fail "$site/index.html was not generated"
[ -x "$gleaner_bin" ] || fail "$gleaner_bin was not built"

scratch="$(mktemp -d)"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

: >"$scratch/url"  # exists before the server's own redirection opens it
"$server_bin" "$site" >"$scratch/url" 2>"$scratch/server.log" &
server_pid=$!

url=""
for ((i = 0; i < url_timeout_tenths; i++)); do
  if IFS= read -r url <"$scratch/url" && [ -n "$url" ]; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$scratch/server.log" >&2
    server_pid=""
    fail "the sample server exited before printing its URL"
  fi
  sleep 0.1
done
[ -n "$url" ] || fail "the sample server printed no URL within 10 s"
case "$url" in
  http://127.0.0.1:*/) ;;
  *) fail "the sample server printed \"$url\", expected http://127.0.0.1:PORT/" ;;
esac
echo "demo: serving $site at $url"

mkdir -p "$(dirname "$dataset")"
"$gleaner_bin" run config/books.json --start-url "${url}index.html" --output "$dataset" ||
  fail "gleaner run failed (exit $?)"

[ -f "$dataset" ] || fail "gleaner wrote no $dataset"
records=$(wc -l <"$dataset")
echo "dataset: $dataset ($((records)) records)"
