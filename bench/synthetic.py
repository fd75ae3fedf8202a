"""A deterministic generator of realistic synthetic corpora and queries for the benchmarks.

Vocabulary frequencies follow Zipf's law (s = 1.07, as English news text roughly does),
sentence lengths follow a log-normal fitted to news sentences after stopword removal
(median ~11 terms), articles have ~30 sentences in paragraphs of ~3, and queries have
2-5 terms drawn mostly from the mid-frequency band (ranks 50-20,000), where real
questions' content words sit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

VOCABULARY = 200_000
ZIPF_S = 1.07


@dataclass(frozen=True)
class Corpus:
    sentences: list[list[str]]
    paragraphs: list[int]  # per sentence, paragraph number within its article
    articles: list[int]  # per sentence, article number


def _words(n: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for i in range(n):
        w, k = "", i
        while True:
            w += letters[k % 26]
            k //= 26
            if not k:
                break
        out.append(w + "q")  # never a stopword, never collides with real words
    return out


WORDS = _words(VOCABULARY)


def _zipf_probabilities(v: int = VOCABULARY, s: float = ZIPF_S) -> np.ndarray:
    p = 1.0 / np.arange(1, v + 1) ** s
    return p / p.sum()


def corpus(n_sentences: int, seed: int = 7) -> Corpus:
    rng = np.random.default_rng(seed)
    lengths = np.clip(rng.lognormal(mean=2.4, sigma=0.45, size=n_sentences).astype(int), 2, 60)
    ranks = rng.choice(VOCABULARY, size=int(lengths.sum()), p=_zipf_probabilities())
    sentences, paragraphs, articles = [], [], []
    pos = 0
    article = paragraph = in_article = 0
    article_size = int(rng.integers(15, 45))
    for length in lengths:
        sentences.append([WORDS[r] for r in ranks[pos : pos + length]])
        pos += length
        if in_article and rng.random() < 0.33:
            paragraph += 1
        paragraphs.append(paragraph)
        articles.append(article)
        in_article += 1
        if in_article >= article_size:
            article, paragraph, in_article = article + 1, 0, 0
            article_size = int(rng.integers(15, 45))
    return Corpus(sentences, paragraphs, articles)


def queries(n: int, seed: int = 11) -> Iterator[list[str]]:
    rng = np.random.default_rng(seed)
    for _ in range(n):
        size = int(rng.integers(2, 6))
        ranks = np.exp(rng.uniform(np.log(50), np.log(20_000), size=size)).astype(int)
        yield [WORDS[r] for r in ranks]
