#!/usr/bin/env python3
"""Verify the L4 training set: every gold substring is 3-10 words, occurs verbatim exactly
once in its article's body lines (lines after the header's blank line), in no other article;
ids in sequence; keys in order; abstain has empty gold and article."""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")
PREFIX = "L4"


def body(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    i = lines.index("")
    return [l for l in lines[i + 1:] if l.strip()], lines[:i]


def main():
    errors = []
    arts = {}
    for f in sorted(os.listdir(ART)):
        b, head = body(os.path.join(ART, f))
        arts[f] = b
        n = len(" ".join(b).split())
        print(f"article {f}: {n} words of body text, {len(b)} paragraphs")
        if not 550 <= n <= 900:
            errors.append(f"{f}: {n} words (want 550-900)")
        if [h.split(":")[0] for h in head] != ["title", "date", "url"]:
            errors.append(f"{f}: bad header {head}")
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        if list(q.keys()) != ["id", "q", "kind", "gold", "article"]:
            errors.append(f"{qid}: keys {list(q.keys())}")
        if qid != f"{PREFIX}-{i:03d}":
            errors.append(f"{qid}: id out of sequence (expected {PREFIX}-{i:03d})")
        kind = q.get("kind")
        if kind == "abstain":
            if q["gold"] or q["article"] != "":
                errors.append(f"{qid}: abstain must have empty gold and article")
            continue
        if kind not in ("answerable", "attribution"):
            errors.append(f"{qid}: unknown kind {kind}")
            continue
        art = q["article"]
        if art not in arts:
            errors.append(f"{qid}: unknown article {art}")
            continue
        if not q["gold"]:
            errors.append(f"{qid}: empty gold")
        if len(set(q["gold"])) != len(q["gold"]):
            errors.append(f"{qid}: duplicate gold")
        for s in q["gold"]:
            nw = len(s.split())
            if not 3 <= nw <= 10:
                errors.append(f"{qid}: {s!r} has {nw} words")
            hits = sum(u.count(s) for u in arts[art])
            if hits != 1:
                errors.append(f"{qid}: {s!r} occurs {hits} times in {art}")
            for other, us in arts.items():
                if other != art and any(s in u for u in us):
                    errors.append(f"{qid}: {s!r} also in other article {other}")
    qtexts = Counter(q["q"] for q in qs)
    for t, c in qtexts.items():
        if c > 1:
            errors.append(f"duplicate question text: {t!r}")
    print("questions:", len(qs), dict(Counter(q["kind"] for q in qs)))
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
