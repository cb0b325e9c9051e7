#!/usr/bin/env python3
"""Prints a JMH JSON result file (run with -prof gc) as Markdown: ops/s and B/op per benchmark,
then ours/svix and ours/stripe throughput ratios, each within the same run.

Usage: python3 bench/jmh/summarize.py bench/jmh/out/results.json
"""
import json
import sys


def main(path):
    rows = {}
    for result in json.load(open(path)):
        name = result["benchmark"].rsplit(".", 1)[1]
        params = result.get("params", {})
        key = (int(params["size"]), params.get("text", "-"))
        primary = result["primaryMetric"]
        alloc = result["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score")
        rows[(name, key)] = (primary["score"], primary["scoreError"], alloc)

    print("| benchmark | size | text | ops/s | ± (99.9%) | B/op |")
    print("|---|---:|---|---:|---:|---:|")
    for (name, (size, text)), (score, error, alloc) in sorted(rows.items()):
        error_text = "-" if error != error else f"{error:,.0f}"  # NaN with a single iteration
        alloc_text = "-" if alloc is None else f"{alloc:,.0f}"
        print(f"| {name} | {size} | {text} | {score:,.0f} | {error_text} | {alloc_text} |")

    print()
    print("| size | text | standardWebhooks ours ÷ svix | banata ours ÷ stripe |")
    print("|---:|---|---:|---:|")
    for key in sorted({key for (_, key) in rows}):
        def ratio(ours, theirs):
            if (ours, key) in rows and (theirs, key) in rows:
                return f"{rows[(ours, key)][0] / rows[(theirs, key)][0]:.2f}×"
            return "-"
        print(f"| {key[0]} | {key[1]} | {ratio('standardWebhooks_ours', 'standardWebhooks_svix')} "
              f"| {ratio('banata_ours', 'banata_stripe')} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/jmh/out/results.json")
