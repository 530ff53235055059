#!/usr/bin/env bash
# The comparison benchmark (gleaner issue 7): gleaner against Scrapy, an
# aiohttp + BeautifulSoup crawler and Crawlee's CheerioCrawler (Node.js) on
# one generated shop catalogue (about 10,500 pages of 30-60 KB) served by
# nginx on 127.0.0.1, plus the C++ baselines that bound what a crawler on this
# machine could do.
#   bench/compare.sh [RUNS] [CONCURRENCY]     (defaults: 3 runs, concurrency 32)
#   bench/compare.sh --scale [RUNS]           gleaner's peak RSS at 10k and ~100k pages (default 1 run)
# Prints a Markdown table of medians: pages/s, CPU s per 1,000 pages, peak
# RSS, items correct against the ground truth; then gleaner's ratios.
# Environment:
#   GLEANER_BUILD_DIR  build directory with gleaner and bench/ (default: build)
#   BASELINE_BUILD_DIR where bench/bench-parse-only and bench/bench-fetch-only are (default: GLEANER_BUILD_DIR)
#   BENCH_TOOLS        which rows, default "gleaner scrapy aiohttp crawlee parse-only fetch-only"
#   BENCH_PRODUCTS     products in the catalogue (default 10000; fewer for a quick try)
#   TMPDIR             the generated sites are cached in $TMPDIR/gleaner-bench-cache
# The crawlee row needs bench/peers/crawlee/install.sh run once (npm); without
# its node_modules the row is skipped with a note.
# Nothing here passes or fails on speed; a person reads the numbers. Time:
# one run of every tool is about 50 min on 2 busy cores (Scrapy and
# aiohttp+bs4 take ~20 min each, Crawlee ~5 min), so the default 3 runs take
# over 2.5 hours; --scale about 17 min. BENCH_TOOLS="gleaner parse-only fetch-only"
# takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=0
if [ "${1:-}" = --scale ]; then scale=1; shift; fi
runs="${1:-$([ "$scale" = 1 ] && echo 1 || echo 3)}"
concurrency="${2:-32}"
build="${GLEANER_BUILD_DIR:-build}"
baselines="${BASELINE_BUILD_DIR:-$build}/bench"
tools="${BENCH_TOOLS:-gleaner scrapy aiohttp crawlee parse-only fetch-only}"
products="${BENCH_PRODUCTS:-10000}"
python=/usr/bin/python3  # Debian's, where python3-scrapy, -aiohttp, -bs4 and -lxml live
crawlee_dir=bench/peers/crawlee  # its node_modules comes from install.sh
cache="${TMPDIR:-/tmp}/gleaner-bench-cache"
[ -x "$build/gleaner" ] || { echo "compare: build first (meson compile -C $build gleaner)" >&2; exit 1; }

scratch="$(mktemp -d)"
export NGINX_SCRATCH="$scratch/nginx"
cleanup() {
  bench/nginx/serve.sh stop || true
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wants() { case " $tools " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
note() { echo "compare: $*" >&2; }

# The site for PRODUCTS and VARIANTS, generated once per generator version.
site_dir() {
  local products="$1" variants="$2" version
  version="$(cat bench/catalogue/generate_catalogue.py bench/catalogue/catalogue_data.py \
             bench/catalogue/catalogue_html.py | md5sum | cut -c1-12)"
  local dir="$cache/catalogue-$products-$variants-$version"
  if [ ! -s "$dir/expected.jsonl" ]; then
    note "generating the catalogue ($products products, $variants variant(s)) in $dir"
    rm -rf "$cache/catalogue-$products-$variants-"*  # this site from older generators
    mkdir -p "$cache"
    "$python" bench/catalogue/generate_catalogue.py "$dir" --products "$products" --variants "$variants" >&2
  fi
  echo "$dir"
}

serve() {
  bench/nginx/serve.sh stop
  bench/nginx/serve.sh start "$1/site" "$scratch/port"
  base_url="http://127.0.0.1:$(cat "$scratch/port")"
}

# nginx worker's CPU seconds so far (utime + stime from /proc/PID/stat).
nginx_cpu() {
  local pid
  pid="$(bench/nginx/serve.sh worker-pid)"
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$pid/stat"
}

# Appends one result line: TOOL PAGES, the /usr/bin/time file, and the score of OUT.
record_crawl() {
  local tool="$1" pages="$2" time_file="$3" out="$4" expected="$5"
  "$python" - "$tool" "$pages" "$time_file" "$out" "$expected" >>"$scratch/results.jsonl" <<'PY'
import json, subprocess, sys
tool, pages, time_file, out, expected = sys.argv[1:]
wall, user, system, rss = open(time_file).read().split()[-4:]
score = json.loads(subprocess.run([sys.executable, "bench/catalogue/score.py", "--json", expected, out],
                                  capture_output=True, text=True).stdout)
print(json.dumps({"tool": tool, "pages": int(pages), "wall_s": float(wall),
                  "cpu_s": float(user) + float(system), "peak_rss_kb": int(rss),
                  "correct": score["correct"], "expected": score["expected"]}))
PY
}

timed() { /usr/bin/time -f "%e %U %S %M" -o "$scratch/time" "$@"; }

run_gleaner() {
  local site="$1" label="$2"
  sed -e "s/\"concurrency\": [0-9]*/\"concurrency\": $concurrency/" \
      -e "s/\"per_host_concurrency\": [0-9]*/\"per_host_concurrency\": $concurrency/" \
      bench/catalogue/job.json >"$scratch/job.json"
  timed "$build/gleaner" run "$scratch/job.json" --start-url "$base_url/" \
    --output "$scratch/gleaner.jsonl" --stats "$scratch/stats.json" -q
  local pages
  pages="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"]["fetched"])' "$scratch/stats.json")"
  record_crawl "$label" "$pages" "$scratch/time" "$scratch/gleaner.jsonl" "$site/expected.jsonl"
  echo "$pages"
}

run_scrapy() {
  local site="$1"
  timed scrapy runspider bench/peers/scrapy_spider.py -a "start_url=$base_url/" -a "stats=$scratch/scrapy-stats.json" \
    -s "CONCURRENT_REQUESTS=$concurrency" -s "CONCURRENT_REQUESTS_PER_DOMAIN=$concurrency" \
    -s "FEEDS={\"$scratch/scrapy.jsonl\": {\"format\": \"jsonlines\", \"overwrite\": true}}" 2>"$scratch/scrapy.log"
  local pages
  pages="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"])' "$scratch/scrapy-stats.json")"
  record_crawl scrapy "$pages" "$scratch/time" "$scratch/scrapy.jsonl" "$site/expected.jsonl"
}

run_aiohttp() {
  local site="$1"
  timed "$python" bench/peers/aiohttp_bs4.py "$base_url/" "$scratch/aiohttp.jsonl" "$concurrency" --parser lxml \
    >"$scratch/aiohttp.out"
  local pages
  pages="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"])' "$scratch/aiohttp.out")"
  record_crawl aiohttp+bs4 "$pages" "$scratch/time" "$scratch/aiohttp.jsonl" "$site/expected.jsonl"
}

run_crawlee() {
  local site="$1"
  timed node "$crawlee_dir/crawlee_cheerio.mjs" "$base_url/" "$scratch/crawlee.jsonl" "$concurrency" \
    >"$scratch/crawlee.out"
  local pages
  pages="$(tail -n 1 "$scratch/crawlee.out" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["pages"])')"
  record_crawl crawlee "$pages" "$scratch/time" "$scratch/crawlee.jsonl" "$site/expected.jsonl"
}

# A baseline binary's JSON line, tagged with its row name.
record_baseline() {
  local tool="$1"; shift
  local line
  if ! line="$("$@")"; then note "$tool failed; row skipped"; return 0; fi
  "$python" -c 'import json,sys; r=json.loads(sys.argv[2]); r["tool"]=sys.argv[1]; print(json.dumps(r))' \
    "$tool" "$(echo "$line" | tail -1)" >>"$scratch/results.jsonl"
}

# The files and URLs a crawl fetches: home, listings, products (not /d/).
write_page_lists() {
  local site="$1"
  (cd "$site/site" && find . -name '*.html' ! -path './d/*' | sed 's|^\./||' | LC_ALL=C sort) >"$scratch/paths"
  sed "s|^|$site/site/|" "$scratch/paths" >"$scratch/files"
  sed -e "s|^index\.html$||" -e "s|^|$base_url/|" "$scratch/paths" >"$scratch/urls"
}

compare() {
  local site
  site="$(site_dir "$products" 1)"
  serve "$site"
  write_page_lists "$site"
  : >"$scratch/results.jsonl"
  local nginx_before pages
  for run in $(seq "$runs"); do
    note "run $run of $runs"
    if wants gleaner; then
      # nginx's share: its worker's CPU while gleaner crawled.
      nginx_before="$(nginx_cpu)"
      pages="$(run_gleaner "$site" gleaner)"
      awk -v before="$nginx_before" -v after="$(nginx_cpu)" -v pages="$pages" \
        'BEGIN { printf "{\"tool\": \"nginx\", \"cpu_s\": %.3f, \"pages\": %d}\n", after - before, pages }' \
        >>"$scratch/results.jsonl"
    fi
    wants scrapy && run_scrapy "$site"
    wants aiohttp && run_aiohttp "$site"
    if wants crawlee; then
      if [ -d "$crawlee_dir/node_modules" ] && command -v node >/dev/null; then
        run_crawlee "$site"
      else
        [ "$run" = 1 ] && note "no node or no $crawlee_dir/node_modules (run bench/install-deps.sh): crawlee row skipped"
      fi
    fi
    if wants parse-only; then
      if [ -x "$baselines/bench-parse-only" ]; then
        record_baseline parse-only "$baselines/bench-parse-only" --list "$scratch/files"
        record_baseline "parse-only --arena" "$baselines/bench-parse-only" --list "$scratch/files" --arena
      else
        [ "$run" = 1 ] && note "no $baselines/bench-parse-only: parse-only rows skipped"
      fi
    fi
    if wants fetch-only; then
      if [ -x "$baselines/bench-fetch-only" ]; then
        record_baseline fetch-only "$baselines/bench-fetch-only" --urls "$scratch/urls" --concurrency "$concurrency"
      else
        [ "$run" = 1 ] && note "no $baselines/bench-fetch-only: fetch-only row skipped"
      fi
    fi
  done
  echo
  echo "Catalogue: $(wc -l <"$scratch/paths") pages, $(du -sh "$site/site" | cut -f1) ($site); concurrency $concurrency."
  echo
  "$python" bench/catalogue/report.py "$scratch/results.jsonl"
}

scale() {
  : >"$scratch/results.jsonl"
  local variants site
  for variants in 1 10; do
    site="$(site_dir "$products" "$variants")"
    serve "$site"
    for run in $(seq "$runs"); do
      note "gleaner on the $variants-variant site, run $run of $runs"
      run_gleaner "$site" "gleaner, $variants variant(s)" >/dev/null
    done
  done
  echo
  "$python" bench/catalogue/report.py "$scratch/results.jsonl" --scale
}

if [ "$scale" = 1 ]; then scale; else compare; fi
