#!/usr/bin/env python3
"""The checker every news data set under tests/data shares (each set's check.py calls it
on its own folder; `python3 tests/data/check_set.py tests/data/fresh-k` does the same):
every gold/all substring is 3-10 words, occurs verbatim in its article's body text
(within one line / one <p>, never across markup or line breaks), in no other article, and
in no boilerplate line.

Body text: .txt and .md are read raw (one line at a time); .html is the text content of
the <p> elements inside <article>, via html.parser.
"""
import json
import re
import os
import sys
from collections import Counter
from html.parser import HTMLParser



class ArticleParas(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.in_p = False
        self.cur = []
        self.paras = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        elif tag == "p" and self.in_article:
            self.in_p, self.cur = True, []

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        elif tag == "p" and self.in_p:
            self.paras.append("".join(self.cur))
            self.in_p = False

    def handle_data(self, data):
        if self.in_p:
            self.cur.append(data)


def units(path):
    """Text units (lines or paragraphs) a substring must fit inside."""
    raw = open(path, encoding="utf-8").read()
    if path.endswith(".html"):
        p = ArticleParas()
        p.feed(raw)
        return [" ".join(x.split()) for x in p.paras]
    return raw.splitlines()


def main(here, id_prefix="e"):
    """Check the data set in folder ``here``, whose question ids are ``id_prefix`` and a
    running number (e01, e02, …); 0 when it is sound, 1 (and the problems) if not."""
    HERE = here
    ART = os.path.join(HERE, "articles")
    errors = []
    arts = {f: units(os.path.join(ART, f)) for f in sorted(os.listdir(ART))}
    boiler = [l.strip() for l in open(os.path.join(HERE, "boilerplate.txt"), encoding="utf-8") if l.strip()]
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]

    for f, us in arts.items():
        n = len(" ".join(us).split())
        print(f"article {f}: {n} words of body text")

    seen = set()
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        want_keys = ["id", "q", "kind", "gold"] + (["all"] if q.get("kind") == "attribution" else []) + ["article"]
        if list(q.keys()) != want_keys:
            errors.append(f"{qid}: keys {list(q.keys())} != {want_keys}")
        if qid != f"{id_prefix}{i:02d}" or qid in seen:
            errors.append(f"{qid}: id out of sequence or duplicate (expected {id_prefix}{i:02d})")
        seen.add(qid)
        kind = q.get("kind")
        if kind in ("abstain", "smalltalk"):
            if q["gold"] or q["article"] != "":
                errors.append(f"{qid}: {kind} must have empty gold and article")
            continue
        if kind not in ("answerable", "attribution"):
            errors.append(f"{qid}: unknown kind {kind}")
            continue
        art = q["article"]
        if art not in arts:
            errors.append(f"{qid}: unknown article {art}")
            continue
        subs = list(q["gold"])
        if kind == "attribution":
            for g in q["gold"]:
                if g not in q["all"]:
                    errors.append(f"{qid}: gold {g!r} not in all")
            subs += [s for s in q["all"] if s not in subs]
        if not q["gold"]:
            errors.append(f"{qid}: empty gold")
        for s in subs:
            nw = len(s.split())
            if not 3 <= nw <= 10:
                errors.append(f"{qid}: {s!r} has {nw} words")
            hits = sum(u.count(s) for u in arts[art])
            if hits == 0:
                errors.append(f"{qid}: {s!r} not found in body of {art}")
            elif hits > 1:
                errors.append(f"{qid}: {s!r} occurs {hits} times in {art}")
            for other, us in arts.items():
                if other != art and any(s in u for u in us):
                    errors.append(f"{qid}: {s!r} also in other article {other}")
                if other != art and s in open(os.path.join(ART, other), encoding="utf-8").read():
                    errors.append(f"{qid}: {s!r} also in raw file {other}")
            for b in boiler:
                if s in b:
                    errors.append(f"{qid}: {s!r} occurs in boilerplate line {b!r}")

    # every boilerplate line must come from some article file (it is page furniture)
    import html as _html
    def rendered(f):
        t = open(os.path.join(ART, f), encoding="utf-8").read()
        t = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", t)  # markdown links/images -> text
        t = re.sub(r"<[^>]+>", "", t)  # html tags -> nothing
        return _html.unescape(t)
    # rendered text plus raw source (alt/placeholder attribute values live only in the raw)
    rawall = "\n".join(rendered(f) + "\n" + open(os.path.join(ART, f), encoding="utf-8").read() for f in arts)
    for b in boiler:
        if b not in rawall:
            errors.append(f"boilerplate line not found verbatim in any article file: {b!r}")

    print("questions:", len(qs), dict(Counter(q["kind"] for q in qs)))
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK: all gold/all substrings are 3-10 words, verbatim in their article's body, "
          "unique to it, and absent from boilerplate")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
