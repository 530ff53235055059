#!/usr/bin/env bash
# Crawls the generated sample bookstore several times with config/books.json
# and reports medians: wall-clock pages/s, CPU seconds per 1,000 pages, and
# peak RSS. A person reads the numbers; nothing here passes or fails on speed.
#   bench/sample_site.sh [RUNS] [CONCURRENCY] [MODE]   (defaults: 5 runs, concurrency 8, plain)
# MODE: plain (no state file), state (each run starts a new state file: the
# cost of committing state), rerun (every run re-crawls against the state of
# a first, untimed run: the incremental path, all pages unchanged).
# Note: the sample server is cpp-httplib, which gzips every response itself
# (~6 ms each); wall-clock pages/s is bound by it, CPU figures are gleaner's own.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
concurrency="${2:-8}"
mode="${3:-plain}"
case "$mode" in plain|state|rerun) ;; *) echo "bench: MODE is plain, state or rerun" >&2; exit 2 ;; esac
build="${GLEANER_BUILD_DIR:-build}"
[ -x "$build/gleaner" ] || { echo "bench: build first (meson compile -C $build)" >&2; exit 1; }

scratch="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

"$build/samples/gleaner-sample-server" "$build/samples/books" >"$scratch/url" &
server_pid=$!
for _ in $(seq 100); do [ -s "$scratch/url" ] && break; sleep 0.1; done
url="$(head -1 "$scratch/url")"

sed "s/\"concurrency\": [0-9]*/\"concurrency\": $concurrency/" config/books.json >"$scratch/job.json"
state_args=()
if [ "$mode" = rerun ]; then
  state_args=(--state "$scratch/rerun.db")
  "$build/gleaner" run "$scratch/job.json" --start-url "${url}index.html" --output "$scratch/books.jsonl" \
    "${state_args[@]}" -q
fi
for run in $(seq "$runs"); do
  [ "$mode" = state ] && state_args=(--state "$scratch/state.$run.db")
  /usr/bin/time -f "%e %U %S %M" -o "$scratch/time.$run" \
    "$build/gleaner" run "$scratch/job.json" --start-url "${url}index.html" \
    --output "$scratch/books.jsonl" "${state_args[@]}" 2>"$scratch/log.$run"
  grep -o '[0-9]* pages fetched' "$scratch/log.$run" | cut -d' ' -f1 >"$scratch/pages.$run"
done

python3 - "$scratch" "$runs" "$concurrency" "$mode" <<'PY'
import statistics, sys
scratch, runs, concurrency, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rates, cpu_per_k, rss = [], [], []
for run in range(1, runs + 1):
    wall, user, system, kb = open(f"{scratch}/time.{run}").read().split()[-4:]
    pages = int(open(f"{scratch}/pages.{run}").read())
    rates.append(pages / float(wall))
    cpu_per_k.append((float(user) + float(system)) / pages * 1000)
    rss.append(int(kb) / 1024)
print(f"sample site, {runs} runs, concurrency {concurrency}, {pages} pages per run, mode {mode} (medians)")
print(f"  pages/s (wall):          {statistics.median(rates):8.0f}")
print(f"  CPU s per 1,000 pages:   {statistics.median(cpu_per_k):8.2f}")
print(f"  peak RSS:                {statistics.median(rss):8.1f} MiB")
PY
