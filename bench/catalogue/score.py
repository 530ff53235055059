#!/usr/bin/env python3
"""Scores a crawler's records against the catalogue's ground truth.

Usage: score.py EXPECTED.jsonl ACTUAL.jsonl

A record is correct when its URL (compared by path and query, so any origin
matches) is in the ground truth and every expected field equals exactly:
numbers as numbers (1299 == 1299.0), booleans as booleans, strings as
strings, null as null. Prints "correct/expected" and, for wrong records, a
count per wrong field with the first few examples. Always exits 0: it reports,
it does not judge. With --json, prints one JSON object instead.
"""

import json
import math
import sys
from collections import Counter, defaultdict
from urllib.parse import urlsplit

EXAMPLES_PER_FIELD = 3


def url_key(url):
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def same(expected, actual):
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-9)
    return type(expected) is type(actual) and expected == actual


def read_records(path, problems):
    records = {}
    with open(path, encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                key = url_key(record["url"])
            except (ValueError, KeyError, TypeError) as error:
                problems["unreadable line"] += 1
                if problems["unreadable line"] == 1:
                    print(f"score: {path}:{number}: {error}", file=sys.stderr)
                continue
            if key in records:
                problems["duplicate url"] += 1
            records.setdefault(key, record)
    return records


def main():
    arguments = [a for a in sys.argv[1:] if a != "--json"]
    if len(arguments) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 0
    problems = Counter()
    expected = read_records(arguments[0], Counter())
    try:
        actual = read_records(arguments[1], problems)
    except OSError as error:
        print(f"score: {error}", file=sys.stderr)
        actual = {}
    wrong_fields = Counter()
    examples = defaultdict(list)
    correct = 0
    for key, want in expected.items():
        got = actual.get(key)
        if got is None:
            problems["missing record"] += 1
            continue
        bad = [name for name, value in want.items() if name != "url" and not same(value, got.get(name))]
        if not bad:
            correct += 1
        for name in bad:
            wrong_fields[name] += 1
            if len(examples[name]) < EXAMPLES_PER_FIELD:
                examples[name].append((key, want[name], got.get(name)))
    problems["unexpected record"] = sum(1 for key in actual if key not in expected)
    if "--json" in sys.argv:
        print(json.dumps({"correct": correct, "expected": len(expected),
                          "wrong_fields": dict(wrong_fields), "problems": {k: v for k, v in problems.items() if v}}))
        return 0
    print(f"{correct}/{len(expected)} correct")
    for name, count in problems.items():
        if count:
            print(f"  {name}: {count}")
    for name, count in wrong_fields.most_common():
        print(f"  {name} wrong in {count} records, e.g.")
        for key, want, got in examples[name]:
            print(f"    {key}: expected {json.dumps(want, ensure_ascii=False)}, got {json.dumps(got, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
