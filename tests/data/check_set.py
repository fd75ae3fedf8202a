#!/usr/bin/env python3
"""The checker every news data set under tests/data shares (each set's check.py calls it
on its own folder; `python3 tests/data/check_set.py tests/data/fresh-k` does the same):
every gold/all substring is 3-10 words, occurs verbatim in its article's body text
(within one line / one <p>, never across markup or line breaks), in no other article, and
in no boilerplate line.

Body text: .txt and .md are read raw (one line at a time); .html is the text content of
the <p> elements inside <article>, via html.parser.

The training folders under bench/train-ltr are checked by it too (``training=True``;
`python3 tests/data/check_set.py --training bench/train-ltr/l3`): six articles/*.txt
named YYYY-MM-DD-slug.txt, with `title:`, `date:` and `url: https://example-news.test/`
header lines, a blank line, then 550-900 words of body, one paragraph a line; 230-270
questions (no blank line) with ids the folder's name and a three-digit running number
(l1-001, L4-001), kinds answerable, attribution (no `all`) and abstain; no question
empty or asked twice, no gold given twice; no boilerplate file.
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


TRAINING_FILE = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.txt")
TRAINING_HEADER = ("title: ", "date: ", "url: https://example-news.test/")
TRAINING_WORDS = (550, 900)
TRAINING_QUESTIONS = (230, 270)
TRAINING_ARTICLES = 6


def training_body(path, errors):
    """A training article's body lines, after its header (checked) and blank line."""
    name = os.path.basename(path)
    if not TRAINING_FILE.fullmatch(name):
        errors.append(f"{name}: file name is not YYYY-MM-DD-slug.txt")
    lines = open(path, encoding="utf-8").read().splitlines()
    end = lines.index("") if "" in lines else 0
    head = lines[:end]
    if len(head) != len(TRAINING_HEADER) or not all(
        h.startswith(p) for h, p in zip(head, TRAINING_HEADER, strict=True)
    ):
        errors.append(f"{name}: header {head}, want title/date/url lines")
    body = [line for line in lines[end + 1 :] if line.strip()]
    n = len(" ".join(body).split())
    if not TRAINING_WORDS[0] <= n <= TRAINING_WORDS[1]:
        errors.append(f"{name}: {n} words, want {TRAINING_WORDS[0]}-{TRAINING_WORDS[1]}")
    return body


def units(path):
    """Text units (lines or paragraphs) a substring must fit inside."""
    raw = open(path, encoding="utf-8").read()
    if path.endswith(".html"):
        p = ArticleParas()
        p.feed(raw)
        return [" ".join(x.split()) for x in p.paras]
    return raw.splitlines()


def main(here, id_prefix="e", training=False):
    """Check the data set in folder ``here``, whose question ids are ``id_prefix`` and a
    running number (e01, e02, …), or with ``training`` the training folder ``here``;
    0 when it is sound, 1 (and the problems) if not."""
    HERE = here
    ART = os.path.join(HERE, "articles")
    errors = []
    if training:
        arts = {f: training_body(os.path.join(ART, f), errors) for f in sorted(os.listdir(ART))}
        boiler = []
    else:
        arts = {f: units(os.path.join(ART, f)) for f in sorted(os.listdir(ART))}
        boiler = [l.strip() for l in open(os.path.join(HERE, "boilerplate.txt"), encoding="utf-8") if l.strip()]
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]

    for f, us in arts.items():
        n = len(" ".join(us).split())
        print(f"article {f}: {n} words of body text")

    if training:
        # ids are the folder's name (in either case) and a three-digit number: l1-001, L4-001
        folder = os.path.basename(os.path.abspath(HERE))
        id_prefix = str(qs[0].get("id", "")).rpartition("-")[0] + "-" if qs else folder + "-"
        if id_prefix[:-1].casefold() != folder.casefold():
            errors.append(f"ids start {id_prefix!r}, want the folder's name {folder!r}")
        if len(arts) != TRAINING_ARTICLES:
            errors.append(f"{len(arts)} articles, want {TRAINING_ARTICLES}")
        lines = open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8").read().splitlines()
        if len(lines) != len(qs):
            errors.append(f"questions.jsonl has {len(lines) - len(qs)} blank line(s)")
        if any(not str(q.get("q", "")).strip() for q in qs):
            errors.append("a question is empty")
        if not TRAINING_QUESTIONS[0] <= len(qs) <= TRAINING_QUESTIONS[1]:
            errors.append(f"{len(qs)} questions, want {TRAINING_QUESTIONS[0]}-{TRAINING_QUESTIONS[1]}")
        for text, n in Counter(q.get("q") for q in qs).items():
            if n > 1:
                errors.append(f"question asked {n} times: {text!r}")
    digits = 3 if training else 2
    seen = set()
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        has_all = q.get("kind") == "attribution" and not training
        want_keys = ["id", "q", "kind", "gold"] + (["all"] if has_all else []) + ["article"]
        if list(q.keys()) != want_keys:
            errors.append(f"{qid}: keys {list(q.keys())} != {want_keys}")
        if qid != f"{id_prefix}{i:0{digits}d}" or qid in seen:
            errors.append(f"{qid}: id out of sequence or duplicate (expected {id_prefix}{i:0{digits}d})")
        seen.add(qid)
        kind = q.get("kind")
        if training and len(set(q.get("gold", []))) != len(q.get("gold", [])):
            errors.append(f"{qid}: duplicate gold")
        if kind == "abstain" or (kind == "smalltalk" and not training):
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
        if kind == "attribution" and not training:
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
    if training:
        print("OK: all gold substrings are 3-10 words, verbatim once in their article's body, "
              "unique to it; articles, ids and questions well-formed")
        return 0
    print("OK: all gold/all substrings are 3-10 words, verbatim in their article's body, "
          "unique to it, and absent from boilerplate")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--training"]:
        sys.exit(main(sys.argv[2], training=True))
    sys.exit(main(sys.argv[1]))
