#!/usr/bin/env python3
"""Verify holdout-l (self-contained, adapted from fresh-i's checker description):
every gold/all substring is 3-10 words, occurs verbatim exactly once in its own
article's body text (within one line / one <p>, never across markup or line breaks),
in no other article, and in no boilerplate line. Also checks the question format.

Body text: .txt and .md are read raw (one line at a time; .txt header lines and .md
front matter excluded); .html is the text content of the <p> elements inside <article>.
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")


class ArticleP(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_article = 0
        self.in_p = False
        self.cur = []
        self.paras = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        elif tag == "p" and self.in_article:
            self.in_p = True
            self.cur = []

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        elif tag == "p" and self.in_p:
            self.paras.append("".join(self.cur))
            self.in_p = False

    def handle_data(self, data):
        if self.in_p:
            self.cur.append(data)


def body_lines(name):
    text = open(os.path.join(ART, name), encoding="utf-8").read()
    if name.endswith(".html"):
        p = ArticleP()
        p.feed(text)
        return p.paras
    lines = text.split("\n")
    if name.endswith(".md") and lines[0].strip() == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1:]
    elif name.endswith(".txt"):
        i = lines.index("")
        lines = lines[i + 1:]
    return lines


def main():
    errs = []
    arts = sorted(f for f in os.listdir(ART) if not f.startswith("."))
    bodies = {a: body_lines(a) for a in arts}
    boiler = [l.strip() for l in open(os.path.join(HERE, "boilerplate.txt"), encoding="utf-8") if l.strip()]
    for a in arts:
        words = sum(len(l.split()) for l in bodies[a])
        if not 600 <= words <= 1000:
            errs.append(f"{a}: body has {words} words")
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]
    counts = {}
    for n, q in enumerate(qs, 1):
        qid = q.get("id")
        if qid != f"h{n:02d}":
            errs.append(f"{qid}: expected id h{n:02d}")
        kind = q.get("kind")
        counts[kind] = counts.get(kind, 0) + 1
        keys = list(q)
        want = ["id", "q", "kind", "gold", "all", "article"] if kind == "attribution" else ["id", "q", "kind", "gold", "article"]
        if keys != want:
            errs.append(f"{qid}: keys {keys} != {want}")
        if kind in ("abstain", "smalltalk"):
            if q["gold"] or q["article"]:
                errs.append(f"{qid}: {kind} must have empty gold and article")
            continue
        if kind not in ("answerable", "attribution"):
            errs.append(f"{qid}: bad kind {kind}")
            continue
        art = q["article"]
        if art not in bodies:
            errs.append(f"{qid}: unknown article {art}")
            continue
        subs = list(q["gold"]) + list(q.get("all", []))
        if not q["gold"]:
            errs.append(f"{qid}: empty gold")
        if kind == "attribution":
            if not set(q["gold"]) <= set(q["all"]):
                errs.append(f"{qid}: gold not a subset of all")
        for s in subs:
            nw = len(s.split())
            if not 3 <= nw <= 10:
                errs.append(f"{qid}: '{s}' has {nw} words")
            hits = sum(l.count(s) for l in bodies[art])
            if hits != 1:
                errs.append(f"{qid}: '{s}' found {hits} times in {art}")
            for o in arts:
                if o != art and any(s in l for l in bodies[o]):
                    errs.append(f"{qid}: '{s}' also in {o}")
            if any(s in b for b in boiler):
                errs.append(f"{qid}: '{s}' in boilerplate")
        if kind == "attribution":
            # one substring per sentence: no two 'all' entries in the same sentence
            for l in bodies[art]:
                sents = re.split(r'(?<=[.?!])["”]?\s+(?=["“]?[A-Z])', l)
                for st in sents:
                    k = [s for s in q["all"] if s in st]
                    if len(k) > 1:
                        errs.append(f"{qid}: several 'all' entries in one sentence: {k}")
    # boilerplate lines must come from the .md/.html files
    raw = "".join(open(os.path.join(ART, a), encoding="utf-8").read() for a in arts if a.endswith((".md", ".html")))
    for b in boiler:
        if b not in raw:
            errs.append(f"boilerplate line not found verbatim in .md/.html: {b}")
    for e in errs:
        print(e)
    print(counts, len(qs))
    if errs:
        print(f"FAIL ({len(errs)})")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
