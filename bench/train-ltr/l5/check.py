#!/usr/bin/env python3
"""Verify the L5 training set (adapted from the fresh-i template): every gold substring is
3-10 words, occurs verbatim exactly once in its article's body lines (within one line),
in no other article (body or raw file); ids L5-001.. in sequence; keys in order;
abstain has empty gold and article."""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")


def body_lines(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    # header: title/date/url, then a blank line; body is everything after it
    i = lines.index("")
    return lines[i + 1:]


def main():
    errors = []
    arts = {f: body_lines(os.path.join(ART, f)) for f in sorted(os.listdir(ART))}
    raws = {f: open(os.path.join(ART, f), encoding="utf-8").read() for f in arts}
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]

    for f, us in arts.items():
        n = len(" ".join(us).split())
        print(f"article {f}: {n} words of body text")
        if not 550 <= n <= 900:
            errors.append(f"{f}: {n} words, want 550-900")
        head = open(os.path.join(ART, f), encoding="utf-8").read().splitlines()[:3]
        if not (head[0].startswith("title: ") and head[1].startswith("date: ") and head[2].startswith("url: https://example-news.test/")):
            errors.append(f"{f}: bad header")

    seen = set()
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        want_keys = ["id", "q", "kind", "gold", "article"]
        if list(q.keys()) != want_keys:
            errors.append(f"{qid}: keys {list(q.keys())} != {want_keys}")
        if qid != "L5-%03d" % i or qid in seen:
            errors.append(f"{qid}: id out of sequence or duplicate (expected L5-{i:03d})")
        seen.add(qid)
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
            errors.append(f"{qid}: duplicate gold entries")
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

    print("questions:", len(qs), dict(Counter(q["kind"] for q in qs)))
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK: all gold substrings are 3-10 words, verbatim once in their article's body, "
          "unique to it; ids in sequence; abstain empty")
    return 0


if __name__ == "__main__":
    sys.exit(main())
