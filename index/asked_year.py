"""A year the question asks about, which the chosen sentence's passage never speaks of.

"How much was Brennan fined back in 2019" is not answered by "regulators have fined
Brennan Plastics $486,000" for this year's fire, nor "how many homes flooded in 2024" by
the count of homes in the flood zone: the sentence holds the question's other words, and
the year is what tells the asked event from the reported one. A year bounding a span
("since 2019", "between 2010 and 2020") is not the time of what is asked, and "last
year" in an article of 2026 speaks of 2025.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence

from .analyze import fold, words
from .models import Quote

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Words before a year that make it a bound of a span, not the time asked about.
BOUNDS = frozenset("since before after between until till by from through".split())
_JOINERS = frozenset("and or to".split())
_DECADE = re.compile(r"['’]?s\b")
# The chosen sentence's passage, read for the year: the YEAR_REACH sentences before and
# after it in its article, and the rest of its paragraph up to PARAGRAPH_REACH away (an
# encyclopedia's paragraph names a year once and speaks of it for several sentences);
# and the article's frame: its date's year, its title and its first paragraph's first
# OPENING_REACH sentences ("the champion … for the 2015 season" frames every later
# paragraph of the article).
YEAR_REACH = 2
PARAGRAPH_REACH = 12
OPENING_REACH = 4
# Relative years, as offsets from the article's own year.
RELATIVE_YEARS = {("last", "year"): -1, ("this", "year"): 0, ("next", "year"): 1}


def asked_years(question: str) -> list[str]:
    """The years a question places what it asks in ("in 2019", "the 2021 flood"), not
    those bounding a span ("since 2019")."""
    out = []
    bound = False
    for match in _YEAR.finditer(question):
        if _DECADE.match(question, match.end()):
            continue  # "the 1970s", "in the 1980's": a decade, not a year
        before = words(fold(question[: match.start()]))[-2:]
        # "between 2010 and 2020": the year after a bound's "and" ends the span
        bound = bool(before) and (
            before[-1] in BOUNDS or (bound and before[-1] in _JOINERS and before[0].isdigit())
        )
        if not bound:
            out.append(match.group())
    return out


def years_spoken_of(text: str, article_year: int | None) -> set[str]:
    """The years ``text`` names, and those its relative years ("last year") stand for."""
    found = set(_YEAR.findall(text))
    if article_year is not None:
        tokens = words(fold(text))
        for pair, offset in RELATIVE_YEARS.items():
            if any(tokens[i : i + 2] == list(pair) for i in range(len(tokens) - 1)):
                found.add(str(article_year + offset))
    return found


async def year_unsaid(
    question: str, quote: Quote, fetch: Callable[[Sequence[int]], Awaitable[list[Quote]]]
) -> str:
    """The year the question asks about that neither ``quote``, its passage (the
    YEAR_REACH sentences either side of it in its article, the rest of its paragraph) nor
    its article's frame (its date, title and opening) speak of ("" when there is none)."""
    asked = asked_years(question)
    if not asked:
        return ""
    sid, where = quote.sentence_id, quote.citation
    # sentence ids run on within an article, which numbers its sentences from 1
    opening = max(0, sid - (where.sentence - 1))
    reach = range(max(0, sid - PARAGRAPH_REACH), sid + PARAGRAPH_REACH + 1)
    ids = sorted({*(i for i in reach if i != sid), *range(opening, opening + OPENING_REACH)})
    texts = [quote.text, where.title or ""] + [
        q.text
        for q in await fetch(ids)
        if q.citation.article_id == where.article_id
        and (
            abs(q.sentence_id - sid) <= YEAR_REACH
            or q.citation.paragraph == where.paragraph
            or (q.citation.paragraph == 1 and q.sentence_id - opening < OPENING_REACH)
        )
    ]
    date = where.date or ""
    article_year = int(date[:4]) if date[:4].isdigit() else None
    said = set().union(*(years_spoken_of(t, article_year) for t in texts))
    if article_year is not None:
        said.add(str(article_year))
    unsaid = [year for year in asked if year not in said]
    return unsaid[0] if unsaid else ""
