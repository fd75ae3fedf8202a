#!/usr/bin/env python3
"""Verify this training set: every gold substring is 3-10 words and occurs verbatim
exactly once in its article's body lines (one line at a time, never across line breaks),
in no other article; ids run in sequence; keys in order; abstain has empty gold and article.

Body text: the lines after the header (title/date/url) and the blank line that follows it.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "L7"
KINDS = {"answerable", "attribution", "abstain"}
KEYS = ["id", "q", "kind", "gold", "article"]


def body_lines(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    errs = []
    if not (lines[0].startswith("title: ") and lines[1].startswith("date: ")
            and lines[2].startswith("url: https://example-news.test/") and lines[3] == ""):
        errs.append(f"{os.path.basename(path)}: bad header")
    return [l for l in lines[4:] if l.strip()], errs


def main():
    errs = []
    adir = os.path.join(HERE, "articles")
    arts = {}
    for name in sorted(os.listdir(adir)):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.txt", name):
            errs.append(f"bad article name {name}")
            continue
        body, e = body_lines(os.path.join(adir, name))
        errs += e
        words = sum(len(l.split()) for l in body)
        if not 550 <= words <= 900:
            errs.append(f"{name}: {words} words (want 550-900)")
        arts[name] = body
    if len(arts) != 6:
        errs.append(f"{len(arts)} articles (want 6)")

    counts = {k: 0 for k in KINDS}
    n = 0
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                errs.append(f"line {ln}: blank")
                continue
            obj = json.loads(line)
            n += 1
            qid = obj.get("id")
            if list(obj.keys()) != KEYS:
                errs.append(f"{qid}: keys {list(obj.keys())}")
            if qid != f"{PREFIX}-{n:03d}":
                errs.append(f"line {ln}: id {qid} != {PREFIX}-{n:03d}")
            kind = obj.get("kind")
            if kind not in KINDS:
                errs.append(f"{qid}: bad kind {kind}")
                continue
            counts[kind] += 1
            if not obj["q"].strip():
                errs.append(f"{qid}: empty q")
            gold, art = obj["gold"], obj["article"]
            if kind == "abstain":
                if gold != [] or art != "":
                    errs.append(f"{qid}: abstain must have empty gold and article")
                continue
            if art not in arts:
                errs.append(f"{qid}: unknown article {art}")
                continue
            if not gold:
                errs.append(f"{qid}: empty gold")
            for g in gold:
                nw = len(g.split())
                if not 3 <= nw <= 10:
                    errs.append(f"{qid}: gold {g!r} has {nw} words")
                c = sum(l.count(g) for l in arts[art])
                if c != 1:
                    errs.append(f"{qid}: gold {g!r} occurs {c}x in {art}")
                for other, body in arts.items():
                    if other != art and any(g in l for l in body):
                        errs.append(f"{qid}: gold {g!r} also in {other}")
            if len(set(gold)) != len(gold):
                errs.append(f"{qid}: duplicate gold")
    print(f"{n} questions: " + ", ".join(f"{k}={counts[k]}" for k in sorted(KINDS)))
    if errs:
        print("\n".join(errs))
        print(f"FAIL ({len(errs)} problems)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
