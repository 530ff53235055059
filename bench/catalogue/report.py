#!/usr/bin/env python3
"""Prints bench/compare.sh's results as a Markdown table, with gleaner's ratios.

Usage: report.py RESULTS.jsonl [--scale]

RESULTS.jsonl holds one object per run: {"tool", "pages", "wall_s", "cpu_s",
"peak_rss_kb"} and, for crawlers, "correct" and "expected"; one line
{"tool": "nginx", "cpu_s", "pages"} gives nginx's CPU over gleaner's runs.
Each figure in the table is the median of the tool's runs.

The 2-core ceiling is the throughput two cores could reach if crawling cost
nothing but parsing, fetching and serving: the lower of twice parse-only's
pages/s and 2000 / (CPU s per 1,000 pages of parse-only + fetch-only + nginx).
With --scale: gleaner's peak RSS per site size, and its growth.
"""

import json
import statistics
import sys
from collections import defaultdict

ORDER = ["gleaner", "scrapy", "aiohttp+bs4", "crawlee", "parse-only", "parse-only --arena",
         "parse+select", "fetch-only"]
# Row labels where the results' tool name is too terse for a reader.
LABELS = {"crawlee": "Crawlee (CheerioCrawler)"}


def median_of(runs, key):
    values = [run[key] for run in runs if run.get(key) is not None]
    return statistics.median(values) if values else None


def summarise(runs):
    pages = median_of(runs, "pages")
    wall = median_of(runs, "wall_s")
    per_run_cpu = [run["cpu_s"] / run["pages"] * 1000 for run in runs if run.get("pages")]
    return {
        "pages": pages,
        "pages_per_s": statistics.median(run["pages"] / run["wall_s"] for run in runs
                                         if run.get("wall_s")) if wall else None,
        "cpu_per_1000": statistics.median(per_run_cpu) if per_run_cpu else None,
        "rss_mb": median_of(runs, "peak_rss_kb") / 1024 if median_of(runs, "peak_rss_kb") else None,
        "correct": median_of(runs, "correct"),
        "expected": median_of(runs, "expected"),
        "runs": len(runs),
    }


def cell(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def main():
    path = sys.argv[1]
    by_tool = defaultdict(list)
    with open(path) as lines:
        for line in lines:
            if line.strip():
                run = json.loads(line)
                by_tool[run["tool"]].append(run)
    if "--scale" in sys.argv:
        return scale_report(by_tool)

    nginx = by_tool.pop("nginx", [])
    summary = {tool: summarise(runs) for tool, runs in by_tool.items()}
    print("| tool | pages | pages/s | CPU s per 1,000 pages | peak RSS MB | items correct |")
    print("|---|---:|---:|---:|---:|---:|")
    for tool in sorted(summary, key=lambda t: ORDER.index(t) if t in ORDER else len(ORDER)):
        s = summary[tool]
        correct = "–" if s["expected"] is None else f"{s['correct']:,.0f}/{s['expected']:,.0f}"
        print(f"| {LABELS.get(tool, tool)} | {cell(s['pages'], 0)} | {cell(s['pages_per_s'])} "
              f"| {cell(s['cpu_per_1000'], 2)} | {cell(s['rss_mb'])} | {correct} |")
    print(f"\nMedians of {max((s['runs'] for s in summary.values()), default=0)} run(s) per tool.")

    nginx_per_1000 = None
    if nginx and nginx[0].get("pages"):
        nginx_per_1000 = sum(n["cpu_s"] for n in nginx) / sum(n["pages"] for n in nginx) * 1000
        print(f"nginx (1 worker) CPU while gleaner crawled: {nginx_per_1000:.2f} s per 1,000 pages.")

    gleaner = summary.get("gleaner")
    if not gleaner or not gleaner["pages_per_s"]:
        return 0
    print("\ngleaner's pages/s:")
    for peer in ["scrapy", "aiohttp+bs4", "crawlee"]:
        if peer in summary and summary[peer]["pages_per_s"]:
            print(f"- vs {peer}: {gleaner['pages_per_s'] / summary[peer]['pages_per_s']:.1f}×")
    parse = [summary[t] for t in ["parse-only", "parse-only --arena"] if t in summary]
    fetch = summary.get("fetch-only")
    if parse and fetch and nginx_per_1000 is not None:
        best_parse = min(parse, key=lambda s: s["cpu_per_1000"])
        by_cpu = 2000 / (best_parse["cpu_per_1000"] + fetch["cpu_per_1000"] + nginx_per_1000)
        ceiling = min(2 * best_parse["pages_per_s"], by_cpu)
        print(f"- vs the 2-core ceiling of {ceiling:,.0f} pages/s "
              f"(min of 2 × parse-only {2 * best_parse['pages_per_s']:,.0f} and "
              f"2000 / ({best_parse['cpu_per_1000']:.2f} parse + {fetch['cpu_per_1000']:.2f} fetch "
              f"+ {nginx_per_1000:.2f} nginx) = {by_cpu:,.0f}): {gleaner['pages_per_s'] / ceiling:.0%}")
        print(f"\ngleaner's CPU per page: {gleaner['cpu_per_1000']:.2f} against "
              f"{best_parse['cpu_per_1000']:.2f} parse + {fetch['cpu_per_1000']:.2f} fetch: "
              f"{gleaner['cpu_per_1000'] / (best_parse['cpu_per_1000'] + fetch['cpu_per_1000']):.2f}×")
        paired_report(by_tool, nginx)
    else:
        print("- vs the 2-core ceiling: n/a (needs the parse-only and fetch-only baselines and nginx's CPU)")
    return 0


def cpu_per_1000(run):
    return run["cpu_s"] / run["pages"] * 1000


def paired_report(by_tool, nginx):
    """The same two figures taken run by run, each gleaner run against the
    baselines of its own run, then the median. Medians of separate tools mix
    moments, and this machine's speed drifts within minutes; a run's tools
    follow each other within a minute or two."""
    parses = [by_tool[t] for t in ["parse-only", "parse-only --arena"] if t in by_tool]
    runs = min([len(by_tool["gleaner"]), len(by_tool["fetch-only"]), len(nginx)] + [len(p) for p in parses])
    shares, ratios = [], []
    for i in range(runs):
        gleaner, fetch, serve = by_tool["gleaner"][i], by_tool["fetch-only"][i], nginx[i]
        parse = min((p[i] for p in parses), key=cpu_per_1000)
        base = cpu_per_1000(parse) + cpu_per_1000(fetch)
        ceiling = min(2 * parse["pages"] / parse["wall_s"], 2000 / (base + cpu_per_1000(serve)))
        shares.append(gleaner["pages"] / gleaner["wall_s"] / ceiling)
        ratios.append(cpu_per_1000(gleaner) / base)
    if runs == 0:
        return
    print(f"\nRun by run (gleaner against its own run's baselines), median of {runs}: "
          f"{statistics.median(shares):.0%} of the 2-core ceiling, "
          f"{statistics.median(ratios):.2f}× the CPU of parse + fetch")
    print("  per run: " + ", ".join(f"{share:.0%} / {ratio:.2f}×" for share, ratio in zip(shares, ratios)))


def scale_report(by_tool):
    rows = []
    for tool, runs in by_tool.items():
        s = summarise(runs)
        rows.append((s["pages"], tool, s))
    rows.sort()
    print("| run | pages | pages/s | CPU s per 1,000 pages | peak RSS MB | items correct |")
    print("|---|---:|---:|---:|---:|---:|")
    for _, tool, s in rows:
        correct = "–" if s["expected"] is None else f"{s['correct']:,.0f}/{s['expected']:,.0f}"
        print(f"| {tool} | {cell(s['pages'], 0)} | {cell(s['pages_per_s'])} | {cell(s['cpu_per_1000'], 2)} "
              f"| {cell(s['rss_mb'])} | {correct} |")
    if len(rows) == 2 and rows[0][2]["rss_mb"]:
        small, large = rows[0][2], rows[1][2]
        growth = (large["rss_mb"] / small["rss_mb"] - 1) * 100
        print(f"\ngleaner peak RSS: {small['rss_mb']:.1f} MB at {small['pages']:,.0f} pages, "
              f"{large['rss_mb']:.1f} MB at {large['pages']:,.0f} pages: {growth:+.0f}% "
              f"for {large['pages'] / small['pages']:.1f}× the pages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
