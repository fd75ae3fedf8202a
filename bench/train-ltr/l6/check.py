#!/usr/bin/env python3
"""Verify this training set: every gold substring is 3-10 words, occurs verbatim exactly
once in its article's body lines (one line at a time, never across line breaks), in no
other article; ids in sequence; abstain has empty gold and article; kinds and keys valid.
Standalone version adapted from tests/data/fresh-i/check.py."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "L6"
KINDS = {"answerable", "attribution", "abstain"}
KEYS = ["id", "q", "kind", "gold", "article"]


def body_lines(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i = lines.index("")  # header ends at first blank line
    head = lines[:i]
    assert head[0].startswith("title: ") and head[1].startswith("date: ") and head[2].startswith("url: "), path
    return [l for l in lines[i + 1:] if l.strip()]


def main():
    errs = []
    adir = os.path.join(HERE, "articles")
    arts = {f: body_lines(os.path.join(adir, f)) for f in sorted(os.listdir(adir)) if f.endswith(".txt")}
    for f, ls in arts.items():
        if not re.match(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.txt$", f):
            errs.append(f"bad filename {f}")
        n = sum(len(l.split()) for l in ls)
        if not 550 <= n <= 900:
            errs.append(f"{f}: body has {n} words")
    counts = {}
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as fh:
        rows = [json.loads(l) for l in fh if l.strip()]
    for n, r in enumerate(rows, 1):
        rid = r.get("id")
        if list(r.keys()) != KEYS:
            errs.append(f"{rid}: keys {list(r.keys())}")
        if rid != f"{PREFIX}-{n:03d}":
            errs.append(f"{rid}: expected {PREFIX}-{n:03d}")
        k = r.get("kind")
        counts[k] = counts.get(k, 0) + 1
        if k not in KINDS:
            errs.append(f"{rid}: bad kind {k}")
            continue
        if k == "abstain":
            if r["gold"] != [] or r["article"] != "":
                errs.append(f"{rid}: abstain must have empty gold and article")
            continue
        if r["article"] not in arts:
            errs.append(f"{rid}: unknown article {r['article']}")
            continue
        if not r["gold"]:
            errs.append(f"{rid}: empty gold")
        for g in r["gold"]:
            w = len(g.split())
            if not 3 <= w <= 10:
                errs.append(f"{rid}: gold {g!r} has {w} words")
            c = sum(l.count(g) for l in arts[r["article"]])
            if c != 1:
                errs.append(f"{rid}: gold {g!r} occurs {c} times in {r['article']}")
            for f, ls in arts.items():
                if f != r["article"] and any(g in l for l in ls):
                    errs.append(f"{rid}: gold {g!r} also in {f}")
        if len(set(r["gold"])) != len(r["gold"]):
            errs.append(f"{rid}: duplicate gold")
    qs = [r["q"] for r in rows]
    if len(set(qs)) != len(qs):
        errs.append("duplicate questions")
    for e in errs:
        print(e)
    print(counts, "total", len(rows))
    if errs:
        print(f"FAIL ({len(errs)} problems)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
