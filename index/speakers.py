"""Who speaks where in a library, and which words name them.

Each speaker is an (article, name) pair; the words that name it are its name's tokens and
the role words its article gives it ("kremlin", "spokesperson"). A question's speaker
words match those words exactly, with one typo ("peskow"), or as a long shared stem
("spokesman" ~ "spokesperson"), so spelling variants across articles meet too. Role words
also carry the titles and abbreviations they imply (:mod:`index.roles`: "chief financial
officer" and "CFO", "MP" and "member of parliament"), so a question may name the role
either way. A name that is itself a title ("Prime Minister", when a sentence is
attributed to the office) carries its abbreviation too.

News gives a local post without its place ("Mayor Carla Brandt" in a story headlined
"Halden officers face inquiry …"), so the names of an article's headline count, at
:data:`CONTEXT_CREDIT`, for each of its speakers: "the mayor of Halden" finds her, and
"the mayor of Dunmore" still finds no one.

When no speaker is named so, the question may describe one in the member's own words
("the union boss", "the old man from Larch Street", "the dad who wrote to the board"):
:meth:`SpeakerDirectory.find_described` matches the description's words to a speaker's
role words and to the sentence that introduces them, and leaves at most one word (the
member's own: "boss", "rep") unmatched.

A question is looked up through an index from each known word to the speakers it names:
each question word finds its similar known words once (a dictionary lookup, rapidfuzz's
scan for one-edit variants, a prefix bucket), and only the speakers named by a word like
the question's last one are scored, from those words' postings. A question is read for
at most :data:`MAX_SPEAKER_WORDS` words, so its cost never multiplies the number of
speakers in the library by the length of the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from .acronyms import AcronymTable
from .analyze import fold, lemma
from .roles import (
    BODY_KINDS,
    BODY_NOUNS,
    DESCRIPTIVE_HEADS,
    DOMAIN_MODIFIERS,
    FAMILY_NOUNS,
    GENERIC_ROLE_HEADS,
    GOVERNMENT_LEVELS,
    KIN_WORDS,
    LEVEL_WORDS,
    ROLE_HEADS,
    ROLE_WORDS,
    SPOKES_WORDS,
    TITLE_ABBREVIATIONS,
    related_role_words,
)

Speaker = tuple[str, str]  # (article id, name)

# No one is named by more words than this (role words and name together): a longer list
# of "speaker words" is not a name, and is not looked up.
MAX_SPEAKER_WORDS = 12
_TYPO_MIN = 5  # words this long may differ by one edit
TYPO_SIMILARITY = 0.9  # a typo, a spelling variant, another form of one word
INITIALS_MAX = 6  # a role's initials are at most this long ("tmo", "cfo")
_STEM_MIN, _STEM_SHARED = 8, 6  # words this long may share a stem of this many letters
# A description's word in the sentence that introduces a speaker, or only in what they say.
INTRO_CREDIT, SAID_CREDIT = 0.75, 0.5
# Heads of a lawyer's post, and the sides of a court case before them ("defence lawyer").
LEGAL_HEADS = frozenset("lawyer lawyers attorney attorneys counsel solicitor barrister".split())
COURT_SIDES = frozenset("defence defense".split())
# A question's word that a speaker's own words lack but their article's headline names
# ("the mayor of Halden" in "Halden officers face inquiry …": news gives a local post
# without its place) counts this much.
CONTEXT_CREDIT = 0.5
# A headline's first word, or a word of a headline in title case, is a name when it is
# rarer in English than this (Zipf scale: "record" 5.4, "halden" 1.5).
HEADLINE_COMMON_ZIPF = 4.0
# A question that asks by the speaker's own name alone, not by a word of their role
# ("Ruiz" for Ana Ruiz, not for "Ruiz's neighbor"), tells otherwise equal speakers apart.
NAME_BONUS = 0.01
# A description of one word held by at most this many sentences of the library can mark
# a person ("the pregnant woman"); a commoner one ("the name", "some sources") cannot.
DESCRIPTIVE_MAX_SENTENCES = 5
# A description's word a speaker lacks is theirs in meaning at this cosine to one of
# their own words (the shipped encoder: "cop"/"police" 0.71, "group"/"association" 0.51,
# "researcher"/"study" 0.62), looked for among this many speakers a word names, each
# compared by at most this many of their words.
MEANING_MIN = 0.5
MEANING_CANDIDATES = 8
# A post a description names is another post of a speaker's in meaning only at this
# cosine ("doctor"/"physician" 0.86, "mayor"/"superintendent" 0.60, "mayor"/"governor" 0.66).
POST_MEANING_MIN = 0.7
MAX_MEANING_WORDS = 40
# Words of one family ("roofer", "roofing") share this many first letters.
FAMILY_PREFIX = 4


def _joined_ages(words: Sequence[str]) -> list[str]:
    """A member's age of a speaker as the one role word attribution gives it: "the 19 year
    old" (and "19-year-old", read as three words) → "19-year-old"."""
    out: list[str] = []
    for word in words:
        if word == "old" and len(out) >= 2 and out[-1] in _YEARS and out[-2].isdigit():
            out[-2:] = [f"{int(out[-2])}-year-old"]
        else:
            out.append(word)
    return out


_YEARS = frozenset("year years yr yrs".split())
_AGE = re.compile(r"\d+-year-old")


def _words_of(name: str) -> set[str]:
    return {w for w in fold(name).replace("-", " ").split() if len(w) > 1}


def _initials_of(word: str, words: set[str]) -> bool:
    """Is ``word`` spelt by the first letters of other words of ``words`` ("tsu" of
    Tessborough State University)?"""
    others = {w[:1] for w in words if w != word}
    return len(word) <= INITIALS_MAX and all(c in others for c in word)


def word_similarity(query: str, known: str) -> float:
    """1 for the same word, 0.9 for a typo or spelling variant, 0.8 for a shared long stem."""
    if query == known:
        return 1.0
    if len(query) >= _TYPO_MIN and len(known) >= _TYPO_MIN and OSA.distance(query, known) <= 1:
        return 0.9
    shared = 0
    for a, b in zip(query, known, strict=False):
        if a != b:
            break
        shared += 1
    return 0.8 if shared >= _STEM_SHARED and min(len(query), len(known)) >= _STEM_MIN else 0.0


def _headline_names(headline: str) -> set[str]:
    """The folded names of a headline: its capitalised words past the first (a headline
    in sentence case capitalises only its first word and its names), and of the first
    word, or of every word of a headline in title case, those that are no common English
    word ("Halden officers face inquiry …", "Record Snowstorm Buries Brannock County")."""
    tokens = [
        fold(t.strip("\"'“”‘’:,;.!?()|")).removesuffix("'s").removesuffix("’s")
        # "Corvane to cut 1,450 jobs | Harbor City Ledger": not the site's name
        for t in headline.split(" | ")[0].replace("-", " ").split()
        if t[:1].isupper() and any(c.isalpha() for c in t)
    ]
    words = headline.split(" | ")[0].split()
    title_case = len(tokens) * 3 >= len(words) * 2
    opening = words[0][:1].isupper() if words else False
    names = {
        w
        for n, w in enumerate(tokens)
        if (not title_case and not (n == 0 and opening))
        or zipf_frequency(w, "en") < HEADLINE_COMMON_ZIPF
    }
    return {n for n in names if len(n) > 1 and n not in ROLE_WORDS}


def _kin_owner_words(role: set[str]) -> tuple[set[str], set[str]]:
    """(the role words, the words of whose kin they are): a relative's possessives
    ("husband dorothy's host's", :func:`index.attribution.attribute`) name their owner."""
    if not role & FAMILY_NOUNS:
        return role, set()
    owned = {w for w in role if w.endswith("'s")}
    return role - owned, {w[:-2] for w in owned}


def _discard(index: dict[str, set[str]], bucket: str, word: str) -> None:
    """Take ``word`` out of ``index[bucket]``, and the bucket out when it is empty."""
    words = index.get(bucket)
    if words is not None:
        words.discard(word)
        if not words:
            del index[bucket]


class SpeakerDirectory:
    def __init__(self) -> None:
        self._sentences: dict[Speaker, list[int]] = {}
        self._speakers_of: dict[int, list[Speaker]] = {}  # sentence id -> who speaks there
        self._words: dict[Speaker, set[str]] = {}  # in the order speakers were added
        self._names: dict[Speaker, set[str]] = {}  # the words of the name alone
        self._by_article: dict[str, list[Speaker]] = {}
        self._by_word: dict[str, set[Speaker]] = {}
        self._by_stem: dict[str, set[str]] = {}  # first letters -> known words that long
        self._by_lemma: dict[str, set[str]] = {}  # dictionary form -> known words of it
        self._by_prefix: dict[str, set[str]] = {}  # first letters -> known words, for families
        # Words that meet other forms of themselves (no person's name), and whose they are
        self._by_form: dict[str, set[Speaker]] = {}
        self._formed: dict[Speaker, set[str]] = {}
        # a word of whose kin a relative is ("Her husband, Walt Fenn": "dorothy", "host")
        # -> the relatives; no word of theirs, so that it names them only as someone's kin
        self._kin_of: dict[str, set[Speaker]] = {}
        self._kin_words: dict[Speaker, set[str]] = {}
        self._typo_candidates: list[str] | None = None  # rebuilt after a change
        self._order: dict[Speaker, int] = {}
        # Surnames of titled people each article names ("Russian President Vladimir
        # Putin"), whether or not they speak: a description naming one is no description.
        self._titled: dict[str, set[str]] = {}
        self._titled_count: dict[str, int] = {}  # surname -> articles naming it so
        self._context: dict[str, set[str]] = {}  # article -> the names of its headline
        self._setting_count: dict[str, int] = {}  # headline name -> articles naming it
        self._acronyms = AcronymTable()  # a body's initials -> its name
        self._added = 0
        self._generation = 0  # changes whenever an article comes or goes
        # The last :meth:`find` asked and its answer: a question asks it twice ("what did
        # <given name> <surname> say" is checked for a namesake first), with the same
        # ``visible`` (a new one per question), so the second is read from here.
        self._last_find: tuple[tuple[object, ...], list[Speaker]] | None = None

    def add_article(
        self,
        article_id: str,
        speakers: Iterable[tuple[int, str | None]],
        entities: Iterable[tuple[str, str]],
        headline: str = "",
    ) -> None:
        """``speakers``: (sentence id, "; "-joined names); ``entities``: (name, role words);
        ``headline``: the article's title, whose capitalised words (the place, the body the
        story is about) are the setting of every post in it."""
        self.remove_article(article_id)
        self._context[article_id] = _headline_names(headline)
        for word in self._context[article_id]:
            self._setting_count[word] = self._setting_count.get(word, 0) + 1
        entities = list(entities)
        self._acronyms.add_article(article_id, [n for n, _ in entities])
        titled = {fold(n.split()[-1]) for n, roles in entities if n.split() and roles.split()}
        self._titled[article_id] = titled
        for surname in titled:
            self._titled_count[surname] = self._titled_count.get(surname, 0) + 1
        # By full name, so that namesakes keep their own roles ("Dr. Paul Lindqvist" and
        # "Greta Lindqvist, a midwife"); by surname for a name the sentence gave shorter.
        # A hyphenated title ("secretary-general") is asked for by its words too.
        # An age ("19-year-old") is one word: no "old" of every aged speaker.
        listed = [
            (
                name,
                set(r.split())
                | {p for w in r.split() if not _AGE.fullmatch(w) for p in w.split("-") if p},
            )
            for name, r in entities
            if name.split()
        ]
        by_name = dict(listed)
        by_surname: dict[str, set[str]] = {}
        for name, words in listed:
            by_surname.setdefault(fold(name.split()[-1]), set()).update(words)
        for sid, joined in speakers:
            for name in (joined or "").split("; "):
                if not name:
                    continue
                key = (article_id, name)
                if key not in self._sentences:
                    self._sentences[key] = []
                    surname = fold(name.split()[-1])
                    # A name may itself be a title ("Prime Minister", when a sentence
                    # is attributed to the office): its abbreviation names it too.
                    named = _words_of(name)
                    role = by_name[name] if name in by_name else by_surname.get(surname, set())
                    role, kin_of = _kin_owner_words(role)
                    self._kin_words[key] = kin_of
                    for word in kin_of:
                        self._kin_of.setdefault(word, set()).add(key)
                    own = role | (named if named <= ROLE_WORDS else set())
                    words = named | related_role_words(own)
                    self._words[key] = words
                    self._names[key] = named
                    self._order[key] = self._added
                    self._added += 1
                    self._by_article.setdefault(article_id, []).append(key)
                    # a person's name is no word of a role ("Banks" is no bank): only
                    # role words, and a body's name, meet other forms of a word
                    formed = words if self.is_body(key) else words - named
                    for word in words:
                        self._index_word(word, key, word in formed)
                self._sentences[key].append(sid)
                self._speakers_of.setdefault(sid, []).append(key)

    def remove_article(self, article_id: str) -> None:
        self._generation += 1
        self._acronyms.remove_article(article_id)
        for word in self._context.pop(article_id, set()):
            left = self._setting_count.pop(word) - 1
            if left:
                self._setting_count[word] = left
        for surname in self._titled.pop(article_id, set()):
            left = self._titled_count.pop(surname) - 1
            if left:
                self._titled_count[surname] = left
        for key in self._by_article.pop(article_id, []):
            for sid in self._sentences.pop(key, []):
                self._speakers_of.pop(sid, None)
            self._order.pop(key, None)
            self._names.pop(key, None)
            formed = self._formed.pop(key, set())
            for word in self._kin_words.pop(key, set()):
                relatives = self._kin_of[word]
                relatives.discard(key)
                if not relatives:
                    del self._kin_of[word]
            for word in self._words.pop(key, set()):
                self._unindex_word(word, key, word in formed)

    def acronym(self, word: str) -> str | None:
        """The name of the body the articles name whose initials ``word`` (folded) is
        ("mta": "Metropolitan Transit Authority"); None when there is none."""
        return self._acronyms.expansion(word)

    def _index_word(self, word: str, key: Speaker, formed: bool) -> None:
        named = self._by_word.get(word)
        if named is None:
            named = self._by_word[word] = set()
            self._typo_candidates = None
            if len(word) >= _STEM_MIN:
                self._by_stem.setdefault(word[:_STEM_SHARED], set()).add(word)
        named.add(key)
        if formed:
            self._formed.setdefault(key, set()).add(word)
            holders = self._by_form.setdefault(word, set())
            if not holders:
                self._by_lemma.setdefault(lemma(word), set()).add(word)
                if len(word) >= _TYPO_MIN:
                    self._by_prefix.setdefault(word[:FAMILY_PREFIX], set()).add(word)
            holders.add(key)

    def _unindex_word(self, word: str, key: Speaker, formed: bool) -> None:
        if formed:
            holders = self._by_form.get(word)
            if holders is not None:
                holders.discard(key)
                if not holders:
                    del self._by_form[word]
                    _discard(self._by_prefix, word[:FAMILY_PREFIX], word)
                    _discard(self._by_lemma, lemma(word), word)
        named = self._by_word.get(word)
        if named is None:
            return
        named.discard(key)
        if not named:
            del self._by_word[word]
            self._typo_candidates = None
            _discard(self._by_stem, word[:_STEM_SHARED], word)

    def _similar(self, query: str, forms: bool = False) -> dict[str, float]:
        """Every known word with a :func:`word_similarity` above 0 to ``query``, and it;
        with ``forms``, every known role word of the same dictionary form (simplemma's
        lemma) too, as a spelling variant: a member's "ferry" describes the "Sound Link
        Ferries' chief executive". Only a description is read so: a name or a post asked
        for as written ("the carpenter on the ferry") is no one's other form."""
        found: dict[str, float] = {}
        if query in self._by_word:
            found[query] = 1.0
        for known in self._by_lemma.get(lemma(query), ()) if forms else ():
            found.setdefault(known, TYPO_SIMILARITY)
        if query in TITLE_ABBREVIATIONS and query + "'s" in self._by_word:
            # an owner's abbreviated title ("the da spokeswoman": a spokeswoman for the
            # district attorney's office, the DA's), below the title's holder; a name's
            # possessive is another's ("Tom Reyes's family" is no Tom Reyes)
            found.setdefault(query + "'s", 0.8)
        if len(query) >= _TYPO_MIN:
            if self._typo_candidates is None:
                self._typo_candidates = [w for w in self._by_word if len(w) >= _TYPO_MIN]
            hits = process.extract(
                query, self._typo_candidates, scorer=OSA.distance, score_cutoff=1, limit=None
            )
            for known, _, _ in hits:
                found.setdefault(known, 0.9)
        if len(query) >= _STEM_MIN:
            # A post shares its first letters with the body it is no member of:
            # "governor" with "government" (of "student government president"),
            # "commissioner" with "commission". Asked for a post, a shared stem finds no
            # body noun; another post ("spokeswoman" for "spokesperson") or the post's
            # field ("an economics professor" for the economist) it still finds.
            post = query in ROLE_HEADS
            for known in self._by_stem.get(query[:_STEM_SHARED], ()):
                if not post or known not in BODY_KINDS:
                    found.setdefault(known, 0.8)
        return found

    def _family(
        self, query: str, meaning: Callable[[str, Sequence[str]], Sequence[float]]
    ) -> list[str]:
        """Known words of ``query``'s family: sharing its first :data:`FAMILY_PREFIX`
        letters and as close in meaning as one post to another (:data:`POST_MEANING_MIN`):
        "roofer" and "roofing", where no lemma or spelling joins them. At most
        :data:`MAX_MEANING_WORDS` of them are compared."""
        if len(query) < _TYPO_MIN:
            return []
        bucket = sorted(self._by_prefix.get(query[:FAMILY_PREFIX], ()))[:MAX_MEANING_WORDS]
        if not bucket:
            return []
        cosines = meaning(query, bucket)
        return [w for w, c in zip(bucket, cosines, strict=True) if c >= POST_MEANING_MIN]

    def find(
        self,
        words: Sequence[str],
        visible: Callable[[str], bool],
        required: Callable[[str], bool] = lambda _word: False,
        person: bool = False,
    ) -> list[Speaker]:
        """The speakers best named by ``words``: the last word (the surname or the role's
        head noun), every word ``required`` says must match (a name: "the mayor of
        Dunmore" is no other town's mayor) and every field of a role (:data:`DOMAIN_MODIFIERS`:
        "the police chief" is no chief executive), and at least half of all of them.
        With ``person`` (the member asked for one: "the union guy"), a body is found only
        when no person fits."""
        key = (tuple(words), visible, required, person, self._generation)
        if self._last_find is not None and self._last_find[0] == key:
            return list(self._last_find[1])
        found = self._find(words, visible, required, person)
        self._last_find = (key, found)
        return list(found)

    def _find(
        self,
        words: Sequence[str],
        visible: Callable[[str], bool],
        required: Callable[[str], bool],
        person: bool,
    ) -> list[Speaker]:
        wanted = self._wanted(words)
        if not wanted or len(wanted) > MAX_SPEAKER_WORDS:
            return []
        similar = [self._similar(w) for w in wanted]
        # Each candidate's best similarity for each question word, read from the postings
        # of the similar words (so a speaker's other words are never compared).
        rows: dict[Speaker, list[float]] = {}
        for known, score in similar[-1].items():
            for key in self._by_word[known]:
                row = rows.setdefault(key, [0.0] * len(wanted))
                row[-1] = max(row[-1], score)
        for i, near in enumerate(similar[:-1]):
            for known, score in near.items():
                for key in self._by_word[known]:
                    candidate = rows.get(key)
                    if candidate is not None and score > candidate[i]:
                        candidate[i] = score
        if wanted[-1] in FAMILY_NOUNS:
            # "marcy's husband", "the camp hosts husband": the words before a family noun
            # may say whose kin is asked for
            for i, word in enumerate(wanted[:-1]):
                for owner in (word, word[:-1] if word.endswith("s") else ""):
                    for key in self._kin_of.get(owner, ()):
                        if key in rows:
                            rows[key][i] = 1.0
        # the fields a post must be of; "the defence lawyer" names a side in court, no field
        # (and no prosecutor is one)
        defence = wanted[-1] in LEGAL_HEADS and bool(COURT_SIDES & set(wanted))
        levels = [level for level in GOVERNMENT_LEVELS if level & set(wanted)]
        fields = {w for w in wanted if w in DOMAIN_MODIFIERS and not (defence and w in COURT_SIDES)}
        scored: list[tuple[float, Speaker]] = []
        for key in sorted(rows, key=self._order.__getitem__):
            matched = rows[key]
            setting = self._context.get(key[0], set())
            by_setting = False
            for i, word in enumerate(wanted):
                # "the mayor of Halden": "Mayor Carla Brandt" of the Halden story
                if matched[i] == 0 and any(word_similarity(word, c) > 0 for c in setting):
                    matched[i] = CONTEXT_CREDIT
                    by_setting = True
            if by_setting and self.owned_elsewhere(key, wanted, required):
                continue
            hits = sum(1 for m in matched if m > 0)
            # a name, and the field a role is of: "the police chief" is no chief executive
            named = all(
                m > 0 for m, w in zip(matched, wanted, strict=True) if required(w) or w in fields
            )
            if defence and "prosecutor" in self._words[key]:
                continue
            if levels and _of_another_level(levels, self._words[key]):
                continue
            if hits * 2 >= len(wanted) and named and visible(key[0]):
                # "what did Ruiz say" (a person's name alone: the surname, and the given
                # name or not): Ana Ruiz, before "Ruiz's neighbor, Paul Ek"; "the Save
                # Thornbury Green guy" is no person's name
                surname = fold(key[1].split()[-1])
                alone = len(wanted) <= 2 and surname in wanted
                own = alone and set(wanted) <= self._names.get(key, set())
                bonus = NAME_BONUS if own else 0.0
                scored.append((sum(matched) + bonus, key))
        if person:
            scored = self._people_first(scored)
        if not scored:
            return []
        best = max(s for s, _ in scored)
        # "the payments regulator": the body by its name, and its spokesperson ("A
        # spokesperson for the regulator, Hugo Belcastro"), who speaks for it: asked for
        # by whom they speak for, they are found beside them
        return [
            key
            for s, key in scored
            if s >= best - 1e-9
            or (s >= best - NAME_BONUS - 1e-9 and self._words[key] & SPOKES_WORDS)
        ]

    def _wanted(self, words: Sequence[str]) -> list[str]:
        """The words asking for a speaker as the lookups read them: ages and split
        hyphenated words joined, each once, none of one letter."""
        return [w for w in dict.fromkeys(self._joined_hyphens(_joined_ages(words))) if len(w) > 1]

    def _joined_hyphens(self, words: Sequence[str]) -> list[str]:
        """A member's hyphenated word, which the question's words split ("the co-op
        president": "co", "op"), joined again when a speaker's role holds it and its parts
        are not both known apart ("Tri-County Gas & Power" is named by "tri", "county")."""
        out: list[str] = []
        for word in words:
            joined = f"{out[-1]}-{word}" if out else ""
            known = joined in self._by_word
            if known and not (out[-1] in self._by_word and word in self._by_word):
                out[-1] = joined
            else:
                out.append(word)
        return out

    def owned_elsewhere(
        self, key: Speaker, wanted: Sequence[str], required: Callable[[str], bool]
    ) -> bool:
        """Does the speaker's role name whom or what it is of by a name (``required``)
        that ``wanted``, the words asking for them, does not give? Then a place or body
        the question names, which the speaker's article names too, is not the one their
        post is of: "the Wrenford mayor" is not "Calloway Springs Mayor Felix Arroyo",
        though he speaks in the story whose headline names Wrenford. A role with no name
        of its own ("Mayor Carla Brandt" of the Halden story) is still the setting's, and
        so is one whose role holds every name the question gives."""
        role = self._words.get(key, set()) - self._names.get(key, set())
        # a titled person their post is for ("a spokesperson for Governor Helen
        # Marchetti") is no place or body
        people = self._titled.get(key[0], set())
        own = {
            word
            for word in role - ROLE_WORDS - people
            # a spelling the role tables give a post ("supt", "cfo"), or the initials of
            # the role's own words ("tmo": team majority owner), names no one
            if related_role_words({word}) == {word} and not _initials_of(word, role)
        }
        if all(word in own for word in wanted if required(word)) and any(
            required(word) for word in wanted
        ):
            return False
        return any(
            required(word) and not any(word_similarity(w, word) > 0 for w in wanted) for word in own
        )

    def find_described(
        self,
        words: Sequence[str],
        visible: Callable[[str], bool],
        holding: Callable[[str], set[int]],
        named: Callable[[str], bool] = lambda _word: False,
        meaning: Callable[[str, Sequence[str]], Sequence[float]] | None = None,
        person: bool = False,
        name_word: Callable[[str], bool] = lambda _word: False,
        one_article: Callable[[list[Speaker]], list[Speaker]] | None = None,
    ) -> list[Speaker]:
        """The speakers a description may stand for when :meth:`find` names no one by it:
        "the union boss", "the old man from Larch Street", "the nurses union rep", "the
        dad who wrote to the board", "the lady with the backyard chickens".

        Members describe a speaker in their own words, by what the article says of them
        where it introduces them. Each word counts 1 when it is one of the speaker's own
        words (role or name), :data:`INTRO_CREDIT` when it is in the sentence that
        introduces them (the first they speak in: "Walt Hendry, 78, who lives on Larch
        Street …, said"), and :data:`SAID_CREDIT` when it is only in something they say.
        A speaker is described when all words but one are their own or their
        introduction's (one word may be the member's own: "boss", "rep"). When nothing
        is described so, no one is (the shipped encoder, tried on introductions, put "the
        lady with the backyard chickens" nearest the veterinarian). Nothing is found for
        a word ``named`` says is a name and no article holds ("councillor james
        porter", "the PO"), or for a title no speaker holds as the description's last
        word ("the governor": one title is no paraphrase of another) unless ``meaning``
        matches it as below.

        With ``meaning`` (word, other words → cosines: the shipped encoder), a word a
        speaker lacks counts as their introduction's when it is close in meaning
        (:data:`MEANING_MIN`) to one of their own words, for a speaker another word of
        the description names as their own: "the cop who ran the investigation" is the
        detective sergeant who "led the investigation", "the food industry group" the
        producers' association, "the lead researcher" the study's lead author. An
        unknown title alone ("the governor") still describes no one.

        A post asked with a name of the article's headline that is not the speaker's own
        ("the Foxes owner": the Foxes are only in what he says) describes no speaker whose
        role names another place or body by a name (``name_word``: "Wendell Osei, who has
        owned the Icebox Tavern"): that post is of another (:meth:`owned_elsewhere`). A
        description in other words ("the power company spokesperson" for "a Veridane
        spokesperson") is still theirs.

        ``one_article`` (speakers → those of them to keep) tells apart the people of
        several articles a description fits where none of them holds it as a role.
        """
        wanted = self._wanted(words)
        if not wanted or len(wanted) > MAX_SPEAKER_WORDS:
            return []
        head = wanted[-1] in ROLE_HEADS and wanted[-1] not in GENERIC_ROLE_HEADS | DESCRIPTIVE_HEADS
        unheld = head and not self._similar(wanted[-1])
        if unheld and (meaning is None or len(wanted) < 2):
            return []
        scores: dict[Speaker, list[float]] = {}
        together: set[int] | None = None  # sentences holding every word
        # Words that are some speaker's own (a name, a place in a role): no one else's
        # description may leave them out ("the mayor of Dunmore" is no other town's).
        specific = [False] * len(wanted)
        rare = [False] * len(wanted)  # words few sentences hold: they can mark a person
        in_library = [False] * len(wanted)  # words some sentence of the library holds
        for i, word in enumerate(wanted):
            own: set[Speaker] = set()
            for known in self._similar(word, forms=True):
                own |= self._by_word[known]
            if not own and meaning is not None and not named(word):
                # "the roofer": the roofing contractor (a word of one family, by meaning)
                for known in self._family(word, meaning):
                    own |= self._by_word[known]
            held = holding(word)
            if not own and ((named(word) and not held) or word in self._titled_count):
                return []  # an unknown name, or a titled person who never speaks
            together = set(held) if together is None else together & held
            specific[i] = bool(own) and word not in GENERIC_ROLE_HEADS | KIN_WORDS
            rare[i] = 0 < len(held) <= DESCRIPTIVE_MAX_SENTENCES
            in_library[i] = bool(held)
            for key in own:
                scores.setdefault(key, [0.0] * len(wanted))[i] = 1.0
            for sid in held:
                for key in self._speakers_of.get(sid, ()):
                    row = scores.setdefault(key, [0.0] * len(wanted))
                    credit = INTRO_CREDIT if self._sentences[key][0] == sid else SAID_CREDIT
                    row[i] = max(row[i], credit)
        # "the bridge report": the articles name the thing itself, filed (and "Linbrook's
        # coach" is named there, silent); but a person the member describes by a deed
        # ("the woman who found the panda") or by where they live ("the Shoreline Drive
        # homeowner") is described by words a sentence about the deed or the place also
        # holds ("the panda was found", "several homeowners on Shoreline Drive left")
        of_a_person = person or wanted[-1] in DESCRIPTIVE_HEADS
        unspoken = any(sid not in self._speakers_of for sid in together or ())
        if len(wanted) > 1 and unspoken and not of_a_person:
            return []

        def fits(row: list[float]) -> bool:
            """All words but one are theirs or their introduction's; or, in a longer
            description, one of their own specific words and half of the others are, and
            the rest are words the library uses ("the farmer *next door* to the site":
            the article says "borders"), so that an unknown place or name still rules
            them out."""
            hits = sum(1 for m in row if m >= INTRO_CREDIT)
            if hits >= max(1, len(wanted) - 1):
                return True
            own = any(m >= 1.0 and s for m, s in zip(row, specific, strict=True))
            rest_known = all(k for m, k in zip(row, in_library, strict=True) if m < INTRO_CREDIT)
            return len(wanted) > 2 and own and hits * 2 >= len(wanted) and rest_known

        def described(scores: dict[Speaker, list[float]]) -> list[tuple[float, Speaker]]:
            return [
                (sum(row), key)
                for key, row in scores.items()
                if fits(row)
                and (not head or row[-1] >= INTRO_CREDIT)  # the mayor of Dunmore is a mayor
                # "the nurses union" is a union, or speaks for one: no nurse the story
                # never ties to a union, when the library speaks of a union elsewhere (a
                # body word no article uses is the member's own: "the safety regulator"
                # for the safety commission's spokesman)
                and (wanted[-1] not in BODY_NOUNS or row[-1] >= INTRO_CREDIT or not in_library[-1])
                and not (
                    head
                    and any(
                        m < 1.0 and w in self._context.get(key[0], set())
                        for m, w in zip(row[:-1], wanted[:-1], strict=True)
                    )
                    and self.owned_elsewhere(key, wanted, name_word)
                )
                and all(m > 0 for m, own in zip(row, specific, strict=True) if own)
                # one word alone is of their own, or a rare one of their introduction:
                # "the hymn", "some sources" (a question misread as "what did X say")
                # describe no one
                and (len(wanted) > 1 or row[0] >= 1.0 or rare[0])
                and visible(key[0])
            ]

        fitting = [] if unheld else described(scores)
        if not fitting and meaning is not None:
            # no one is described in the article's words: in meaning, then
            self._credit_meaning(wanted, scores, named, meaning)
            fitting = described(scores)
        if person:
            fitting = self._people_first(fitting)
        if not fitting:
            return []
        best = max(s for s, _ in fitting)
        found = [key for s, key in fitting if s >= best - 1e-9]
        if len({article for article, _ in found}) > 1 and not all(
            self._holds_role(wanted, scores[key], specific, in_library) for key in found
        ):
            # a description fitting people of several articles by what the articles say
            # of them describes no one, unless ``one_article`` keeps those of one article
            # (the only one holding every word of it: "the machine shop owner" of the
            # story that names the machine shop, not the laundromat owner of a story
            # about washing machines); a role each of them holds ("the union rep": two
            # unions' officers) describes them all, and the question's other words choose
            kept = one_article(found) if one_article is not None else []
            if len({article for article, _ in kept}) != 1:
                return []
            found = kept
        return sorted(found, key=self._order.__getitem__)

    @staticmethod
    def _holds_role(
        wanted: Sequence[str],
        row: Sequence[float],
        specific: Sequence[bool],
        in_library: Sequence[bool],
    ) -> bool:
        """Is a description (``wanted``) a speaker's role: every word of it their own but
        one (the member's word for the post, "rep", "boss", which no one holds and no
        sentence of the library uses, and no word of a post: "the fire chief" is no
        bank's chief), and one of their own words specific to them (no "head" alone)?"""
        own = [m >= 1.0 for m in row]
        unheld = [
            m == 0.0 and not s and not k for m, s, k in zip(row, specific, in_library, strict=True)
        ]
        # the member's own word is none of a post's words ("the fire chief" names a field)
        if any(
            u and w in ROLE_WORDS - GENERIC_ROLE_HEADS for u, w in zip(unheld, wanted, strict=True)
        ):
            return False
        return (
            sum(own) + sum(unheld) == len(row)
            and sum(unheld) <= 1
            and any(o and s for o, s in zip(own, specific, strict=True))
        )

    def role_holders(
        self, head: str, fields: Iterable[str], visible: Callable[[str], bool]
    ) -> list[Speaker]:
        """The speakers (of visible articles) whose role holds ``head`` in any spelling
        the role tables give it ("chairwoman" for a chair, "CEO" for a chief executive)
        and every word of ``fields`` ("the fire chief" is no chief executive)."""
        spellings = related_role_words({head})
        wanted = set(fields)
        found = {key for word in spellings for key in self._by_word.get(word, ())}
        return sorted(
            (key for key in found if wanted <= self._words[key] and visible(key[0])),
            key=self._order.__getitem__,
        )

    def is_body(self, speaker: Speaker) -> bool:
        """Is a speaker a body by its name's head ("Harbour Workers Union", "the state
        health department"), or by what its article says it is ("their insurer, Thornbury
        Mutual")?"""
        words = speaker[1].split()
        if bool(words) and fold(words[-1]) in BODY_NOUNS:
            return True
        # "Thornbury Mutual", the article's insurer: a body by what it is, with no post
        rest = self._words.get(speaker, set()) - self._names.get(speaker, set())
        return bool(rest & BODY_KINDS) and not rest & ROLE_HEADS

    def _people_first(self, scored: list[tuple[float, Speaker]]) -> list[tuple[float, Speaker]]:
        """The people among scored speakers; the bodies when there is no one else: a
        member's word for a person ("the union guy", "the union rep") means the union's
        president before the union."""
        people = [(s, key) for s, key in scored if not self.is_body(key) and not self._headed(key)]
        return people or scored

    def _headed(self, speaker: Speaker) -> bool:
        """Is a speaker with no role of its own a body by whom its article says leads or
        speaks for it: every word of its name is in the role of another speaker of the
        article who holds a post ("Frank Dolan, who heads the Upper Sill Anglers Club":
        the club), where its name says nothing of what it is? A lawyer's or a relative's
        role names a person ("Kessler's lawyer"), no body."""
        named = self._names.get(speaker, set())
        if len(named) < 2 or self._words.get(speaker, set()) - named:
            return False
        for other in self._by_article.get(speaker[0], ()):
            if other == speaker:
                continue
            role = self._words.get(other, set()) - self._names.get(other, set())
            posts = role & ROLE_HEADS
            if named <= role and posts and not posts & (LEGAL_HEADS | FAMILY_NOUNS):
                return True
        return False

    def _credit_meaning(
        self,
        wanted: Sequence[str],
        scores: dict[Speaker, list[float]],
        named: Callable[[str], bool],
        meaning: Callable[[str, Sequence[str]], Sequence[float]],
    ) -> None:
        """Give each word of a description that a speaker lacks :data:`INTRO_CREDIT` in
        their row when it is close in meaning to one of their own words (role or name),
        for the first :data:`MEANING_CANDIDATES` speakers some other word names as their
        own. A name, a title some speaker holds, a body's noun or a kin word is never
        met in meaning."""
        anchored = [key for key, row in scores.items() if max(row) >= 1.0]
        # a title someone holds is meant as that title ("the mayor of Marrowgate" is no
        # detective of the town's police)
        titles = [w in ROLE_HEADS and bool(self._similar(w)) for w in wanted]
        # a body's noun names what someone speaks for, never their post ("Copperline's
        # insurance company" is no CEO of Copperline), and one kin is no other ("mom" is
        # no son): neither is met in meaning
        titles = [
            t or w in BODY_NOUNS or w in KIN_WORDS for t, w in zip(titles, wanted, strict=True)
        ]
        for key in sorted(anchored, key=self._order.__getitem__)[:MEANING_CANDIDATES]:
            row = scores[key]
            theirs = sorted(self._words[key])[:MAX_MEANING_WORDS]
            for i, word in enumerate(wanted):
                if row[i] >= INTRO_CREDIT or named(word) or titles[i] or not theirs:
                    continue
                # one post is another only when they mean nearly the same ("physician"
                # for a doctor, not a school superintendent for "the mayor")
                post = word in ROLE_HEADS and word not in GENERIC_ROLE_HEADS
                least = [
                    POST_MEANING_MIN if post and w in ROLE_HEADS else MEANING_MIN for w in theirs
                ]
                cosines = meaning(word, theirs)
                if any(c >= m for c, m in zip(cosines, least, strict=True)):
                    row[i] = INTRO_CREDIT

    def is_setting(self, word: str) -> bool:
        """Does some article's headline name ``word`` (a place, the body the story is
        about: :func:`_headline_names`)?"""
        return word in self._setting_count  # counted as articles come and go: no scan

    def words_of(self, speaker: Speaker) -> frozenset[str]:
        """The words naming a speaker: its name's and its role's."""
        return frozenset(self._words.get(speaker, ()))

    def sentences(self, speaker: Speaker) -> list[int]:
        return list(self._sentences.get(speaker, []))

    def speakers_at(self, sentence_id: int) -> list[Speaker]:
        """Who speaks in a sentence (none when no one does)."""
        return list(self._speakers_of.get(sentence_id, ()))


def _of_another_level(asked: Sequence[frozenset[str]], held: set[str]) -> bool:
    """Do the levels of government the words asking for a speaker name (``asked``: a
    state, a county, a city, of :data:`GOVERNMENT_LEVELS`) differ from the one the
    speaker's words give? "The state health dept" is not the Harlan County Health
    Department, nor "the county's medical director"; a speaker whose words name no level
    may still be any."""
    if not asked or not held & LEVEL_WORDS:
        return False
    return not any(level & held for level in asked)
