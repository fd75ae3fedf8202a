"""Check the attrib-dev questions: every gold/all substring is 3-10 words, occurs verbatim
in exactly one sentence of its article, in no other article, and gold is part of all.
Run: .venv/bin/python tests/data/attrib-dev/check.py [--speakers]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from index.pipeline import read_and_process

HERE = Path(__file__).parent


def main() -> int:
    sentences = {}
    for path in sorted((HERE / "articles").iterdir()):
        processed = read_and_process(str(path))
        assert not isinstance(processed, str), processed
        sentences[path.name] = processed.sentences
    bad = 0
    for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if not set(item["gold"]) <= set(item["all"]):
            print(item["id"], "gold not in all")
            bad += 1
        for sub in item["all"]:
            n = len(sub.split())
            hits = [s for s in sentences[item["article"]] if sub in s.text]
            others = [
                a
                for a, ss in sentences.items()
                if a != item["article"] and any(sub in s.text for s in ss)
            ]
            if not 3 <= n <= 10 or len(hits) != 1 or others:
                print(item["id"], repr(sub), f"words={n} hits={len(hits)} others={others}")
                bad += 1
            elif "--speakers" in sys.argv:
                print(item["id"], f"{hits[0].speaker!s:30}", sub)
    print("bad:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
