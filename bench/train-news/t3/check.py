#!/usr/bin/env python3
"""Verify t3: every gold substring is 3-10 words, occurs verbatim within one line of its
article's body, exactly once, and in no other article."""
import json, os, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")


def main():
    errors = []
    arts = {f: open(os.path.join(ART, f), encoding="utf-8").read().splitlines()
            for f in sorted(os.listdir(ART)) if f.endswith(".txt")}
    for f, us in arts.items():
        body = us[4:]
        print(f"article {f}: {len(' '.join(body).split())} words of body text")
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]
    seen = set()
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        if list(q.keys()) != ["id", "q", "kind", "gold", "article"]:
            errors.append(f"{qid}: bad keys {list(q.keys())}")
        if qid != "t3-%03d" % i or qid in seen:
            errors.append(f"{qid}: id out of sequence (expected t3-{i:03d})")
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
            hits = sum(u.count(s) for u in arts[art][4:])
            if hits == 0:
                errors.append(f"{qid}: {s!r} not found in body of {art}")
            elif hits > 1:
                errors.append(f"{qid}: {s!r} occurs {hits} times in {art}")
            for other, us in arts.items():
                if other != art and s in "\n".join(us):
                    errors.append(f"{qid}: {s!r} also in other article {other}")
    print("questions:", len(qs), dict(Counter(q["article"] for q in qs)))
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
