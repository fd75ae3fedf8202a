#!/usr/bin/env python3
"""Verify holdout-ay: every gold/all substring is 3-10 words, occurs verbatim in its
article's body text (within one line / one <p>, never across markup or line breaks),
in no other article, and in no boilerplate line.

Body text: .txt and .md are read raw (one line at a time); .html is the text content of
the <p> elements inside <article>, via html.parser.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from check_set import main  # noqa: E402  (tests/data/check_set.py: the checker all sets share)

if __name__ == "__main__":
    sys.exit(main(HERE, id_prefix="ay"))
