#!/usr/bin/env python3
"""The checker every training folder under bench/train-ltr shares (each folder's check.py
calls it on its own folder; `python3 bench/train-ltr/check_train.py bench/train-ltr/l3`
does the same, and tests/test_train_data.py runs it on every folder).

A folder holds articles/*.txt (named YYYY-MM-DD-slug.txt: `title:`, `date:` and `url:`
header lines, a blank line, then one paragraph a line, 550-900 words of body) and
questions.jsonl (230-270 questions, keys id, q, kind, gold, article in that order; ids
the folder's name and a running number, l1-001 or L4-001, in sequence; kinds
answerable, attribution, abstain; no question asked twice). An abstain question has no
gold and no article; every other names a known article and one or more distinct gold
substrings, each 3-10 words, verbatim exactly once in its article's body (within one
line) and nowhere in another article's file.
"""

import json
import os
import re
import sys
from collections import Counter

KEYS = ["id", "q", "kind", "gold", "article"]
KINDS = ("answerable", "attribution", "abstain")
HEADER = ("title: ", "date: ", "url: ")
FILE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.txt")
BODY_WORDS = (550, 900)
QUESTIONS = (230, 270)


def read_article(path, errors):
    """The article's body lines (its header checked); its raw text."""
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    lines = raw.splitlines()
    end = lines.index("") if "" in lines else 0
    head = lines[:end]
    if len(head) != len(HEADER) or not all(
        h.startswith(p) for h, p in zip(head, HEADER, strict=True)
    ):
        errors.append(f"{os.path.basename(path)}: header {head}, want title/date/url lines")
    return [line for line in lines[end + 1 :] if line.strip()], raw


def main(here):
    """Check the training folder ``here``: 0 when it is sound, 1 (and the problems) if
    not."""
    art_dir = os.path.join(here, "articles")
    errors = []
    bodies, raws = {}, {}
    for name in sorted(os.listdir(art_dir)):
        if not FILE_NAME.fullmatch(name):
            errors.append(f"{name}: file name is not YYYY-MM-DD-slug.txt")
        bodies[name], raws[name] = read_article(os.path.join(art_dir, name), errors)
        n = len(" ".join(bodies[name]).split())
        print(f"article {name}: {n} words of body text, {len(bodies[name])} paragraphs")
        if not BODY_WORDS[0] <= n <= BODY_WORDS[1]:
            errors.append(f"{name}: {n} words, want {BODY_WORDS[0]}-{BODY_WORDS[1]}")

    with open(os.path.join(here, "questions.jsonl"), encoding="utf-8") as lines:
        qs = [json.loads(line) for line in lines if line.strip()]
    if not QUESTIONS[0] <= len(qs) <= QUESTIONS[1]:
        errors.append(f"{len(qs)} questions, want {QUESTIONS[0]}-{QUESTIONS[1]}")
    folder = os.path.basename(os.path.abspath(here))
    prefix = str(qs[0].get("id", "")).rpartition("-")[0] if qs else folder
    if prefix.casefold() != folder.casefold():
        errors.append(f"ids start {prefix!r}, want the folder's name {folder!r}")
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        if list(q) != KEYS:
            errors.append(f"{qid}: keys {list(q)} != {KEYS}")
            continue
        if qid != f"{prefix}-{i:03d}":
            errors.append(f"{qid}: id out of sequence or duplicate (expected {prefix}-{i:03d})")
        kind = q["kind"]
        if kind not in KINDS:
            errors.append(f"{qid}: unknown kind {kind}")
            continue
        if kind == "abstain":
            if q["gold"] or q["article"] != "":
                errors.append(f"{qid}: abstain must have empty gold and article")
            continue
        art = q["article"]
        if art not in bodies:
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
            hits = sum(line.count(s) for line in bodies[art])
            if hits != 1:
                errors.append(f"{qid}: {s!r} occurs {hits} times in the body of {art}")
            for other, raw in raws.items():
                if other != art and s in raw:
                    errors.append(f"{qid}: {s!r} also in other article {other}")
    for text, n in Counter(q.get("q") for q in qs).items():
        if n > 1:
            errors.append(f"question asked {n} times: {text!r}")

    print("questions:", len(qs), dict(Counter(q.get("kind") for q in qs)))
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
