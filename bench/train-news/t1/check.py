#!/usr/bin/env python3
"""Verify t1: every gold substring is 3-10 words, occurs verbatim exactly once in one body
line of its article (header lines excluded), and in no other article."""
import json, os, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")


def body(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    return lines[4:] if lines[:1] and lines[0].startswith("title:") else lines


def main():
    errors = []
    arts = {f: body(os.path.join(ART, f)) for f in sorted(os.listdir(ART)) if f.endswith(".txt")}
    raws = {f: open(os.path.join(ART, f), encoding="utf-8").read() for f in arts}
    for f, us in arts.items():
        print(f"article {f}: {len(' '.join(us).split())} words of body text")
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]
    seen = set()
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        if list(q.keys()) != ["id", "q", "kind", "gold", "article"]:
            errors.append(f"{qid}: keys {list(q.keys())}")
        if qid != "t1-%03d" % i or qid in seen:
            errors.append(f"{qid}: id out of sequence or duplicate (expected t1-{i:03d})")
        seen.add(qid)
        if q.get("kind") != "answerable":
            errors.append(f"{qid}: kind must be answerable")
        art = q.get("article")
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
            for other in arts:
                if other != art and s in raws[other]:
                    errors.append(f"{qid}: {s!r} also in other article {other}")
    per = Counter(q["article"] for q in qs)
    for f in arts:
        if not 35 <= per[f] <= 45:
            errors.append(f"{f}: {per[f]} questions (want 35-45)")
    print("questions:", len(qs), dict(per))
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK: all gold substrings are 3-10 words, verbatim in their article's body, unique to it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
