#!/usr/bin/env python3
"""Verify l2: every gold substring is 3-10 words, occurs verbatim exactly once in its
article's body lines (after the header), in no other article; ids in sequence;
abstain has empty gold and article."""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")
PREFIX = "l2"


def body(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    i = lines.index("")  # header ends at first blank line
    return [l for l in lines[i + 1:] if l.strip()]


def main():
    errors = []
    arts = {f: body(os.path.join(ART, f)) for f in sorted(os.listdir(ART))}
    for f, us in arts.items():
        n = len(" ".join(us).split())
        print(f"article {f}: {n} words of body text")
        if not 550 <= n <= 900:
            errors.append(f"{f}: {n} words, want 550-900")
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]
    seen_q = set()
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        if list(q.keys()) != ["id", "q", "kind", "gold", "article"]:
            errors.append(f"{qid}: keys {list(q.keys())}")
        if qid != "%s-%03d" % (PREFIX, i):
            errors.append(f"{qid}: id out of sequence (expected {PREFIX}-{i:03d})")
        if q["q"] in seen_q:
            errors.append(f"{qid}: duplicate question text")
        seen_q.add(q["q"])
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
        for s in q["gold"]:
            nw = len(s.split())
            if not 3 <= nw <= 10:
                errors.append(f"{qid}: {s!r} has {nw} words")
            hits = sum(u.count(s) for u in arts[art])
            if hits == 0:
                errors.append(f"{qid}: {s!r} not found in body of {art}")
            elif hits > 1:
                errors.append(f"{qid}: {s!r} occurs {hits} times in {art}")
            for other, us in arts.items():
                if other != art and s in open(os.path.join(ART, other), encoding="utf-8").read():
                    errors.append(f"{qid}: {s!r} also in other article {other}")
    c = Counter(q["kind"] for q in qs)
    print("questions:", len(qs), dict(c))
    if not 230 <= len(qs) <= 270:
        errors.append(f"{len(qs)} questions, want 230-270")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
