#!/usr/bin/env python3
"""Verify t2: every gold substring is 3-10 words, occurs verbatim in exactly one line of
its article's body text (after the 3 header lines), and in no other article."""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")
W = "t2"


def units(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    return lines[3:]


def main():
    errors = []
    arts = {f: units(os.path.join(ART, f)) for f in sorted(os.listdir(ART)) if f.endswith(".txt")}
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]
    for f, us in arts.items():
        n = len(" ".join(us).split())
        print(f"article {f}: {n} words of body text")
        if not 450 <= n <= 800:
            errors.append(f"{f}: {n} words, want 450-800")
    seen = set()
    per = Counter()
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        if list(q.keys()) != ["id", "q", "kind", "gold", "article"]:
            errors.append(f"{qid}: keys {list(q.keys())}")
        if qid != "%s-%03d" % (W, i) or qid in seen:
            errors.append(f"{qid}: id out of sequence or duplicate (expected {W}-{i:03d})")
        seen.add(qid)
        if q.get("kind") != "answerable":
            errors.append(f"{qid}: kind {q.get('kind')}")
        art = q["article"]
        if art not in arts:
            errors.append(f"{qid}: unknown article {art}")
            continue
        per[art] += 1
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
            for other in arts:
                if other != art and s in open(os.path.join(ART, other), encoding="utf-8").read():
                    errors.append(f"{qid}: {s!r} also in other article {other}")
    for f in arts:
        if not 35 <= per[f] <= 45:
            errors.append(f"{f}: {per[f]} questions, want 35-45")
    print("questions:", len(qs), dict(per))
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
