#!/usr/bin/env bash
# Builds gleaner and runs every test twice: a plain build, then one under
# AddressSanitizer and UBSan. Ends with one line "N passed, M failed" (doctest
# test cases, summed) and exits non-zero if anything failed or did not build.
#   scripts/test.sh            both builds
#   scripts/test.sh --quick    the plain build only
set -uo pipefail
cd "$(dirname "$0")/.."

builds=("build:" "build-sanitize:-Db_sanitize=address,undefined -Db_lundef=false")
if [ "${1:-}" = "--quick" ]; then builds=("${builds[0]}"); fi

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
jobs="$(nproc 2>/dev/null || echo 2)"

total_passed=0
total_failed=0

for build in "${builds[@]}"; do
  dir="${build%%:*}"
  setup_args="${build#*:}"
  echo "== $dir =="
  if [ ! -f "$dir/build.ninja" ]; then
    # shellcheck disable=SC2086 # setup_args holds several words on purpose
    meson setup "$dir" $setup_args >/dev/null || { echo "meson setup failed in $dir"; total_failed=$((total_failed + 1)); continue; }
  fi
  if ! meson compile -C "$dir" -j "$jobs" >"$dir/compile.log" 2>&1; then
    grep -E "error|FAILED" "$dir/compile.log" | head -40
    echo "build failed in $dir (full log: $dir/compile.log)"
    total_failed=$((total_failed + 1))
    continue
  fi

  mapfile -t tests < <(meson introspect "$dir" --tests |
    python3 -c 'import json,sys; [print(t["name"] + "\t" + t["cmd"][0]) for t in json.load(sys.stdin)]')
  for entry in "${tests[@]}"; do
    name="${entry%%$'\t'*}"
    binary="${entry#*$'\t'}"
    log="$dir/test-$name.log"
    timeout 900 "$binary" --no-colors >"$log" 2>&1
    status=$?
    summary="$(grep -E '^\[doctest\] test cases:' "$log" | tail -1)"
    passed="$(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$summary")"
    failed="$(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$summary")"
    if [ -z "$summary" ]; then
      passed=0
      failed=1  # crashed, hung or was killed before doctest could report
    elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
      failed=1  # a sanitizer report after the last test, or a bad exit
    fi
    if [ "$failed" -ne 0 ]; then
      echo "FAIL $name (exit $status), log $log:"
      tail -40 "$log"
    else
      echo "ok   $name: $passed test cases"
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
  done
done

echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
