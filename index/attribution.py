"""Who speaks in each sentence of an article, and which roles the article gives them.

Rule-based, for English news prose: a speech verb ("said", "told", "refused to
comment", "according to", …) and its subject (the name or noun phrase before it, or the
name after it: "…,” said Peskov"), reached over clauses set off by commas ("Luis Ortega,
52, who has lived there for years, said"). Pronouns and definite descriptions ("he", "the
source", "the spokesperson") carry over to the last matching person of this paragraph or
the previous one: news resolves a pronoun nearby, and an older speaker is more often
wrong than right. The people sentences open with count as well as speakers, and "he" and
"she" skip a person the other pronoun has already named, since no list of names can tell
a reporter's subjects apart by gender. Quotations are followed across sentences: the
sentences of one open quotation belong to the attribution that closes it, and a
paragraph that is all quotation continues the previous paragraph's speaker.

News often introduces a person by a description before it names them ("A steward for
the dockers' union, who …, said" and a paragraph later "The steward, Joe Blum, said";
"The festival's director, …, said" and then "…," said the director, Ruth Okafor"): such a
description is a person of its own until the first newly named speaker of this or the
next paragraph whose roles hold its head noun, and then is that person. A description
with an owner or an object ("the festival's director") is never just whoever spoke last.

A body speaks too ("The Presk Water Authority said"), and "the spokesman" a few
paragraphs later speaks for it, not for whoever the reporter named last; a body that
speaks "through spokesperson X" is X's words. A person quoted inside another's reported
speech ("Reyna said Amsel had told officers …") is not whom the next "he said" means.

Names met with a role give that entity its role words: a title before the name
("Russian Foreign Minister Sergei Lavrov", "Chief Financial Officer Jo Park": the role
ends at its last head noun, :mod:`index.roles`) or a description set off by commas
beside it ("the county's fire marshal, Ann Lee," / "Amara Nwosu, a senior economist at
UN Trade and Development,"), so that a question may ask by the role.

Every search is bounded where it meets the text: a subject is looked for at most
:data:`SUBJECT_WINDOW` tokens left of its verb (a speaker's name is near the verb), a
capitalised run around a verb is read for at most :data:`MAX_RUN` tokens, a name keeps at
most :data:`MAX_NAME_WORDS` words, and a paragraph remembers its last
:data:`MAX_RECENT` speakers, a description beside a name is read for at most
:data:`APPOSITION_WINDOW` tokens (:data:`DESCRIPTION_AFTER_WINDOW` after it), and one
open quotation holds at most
:data:`MAX_QUOTE_SENTENCES` sentences waiting for their attribution. So the work is
linear in the text, with no recursion, whatever the article holds (thousands of commas,
capitalised runs of any length, huge tokens).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from itertools import pairwise

import simplemma
from nicknames import NickNamer
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from .acronyms import initials
from .analyze import fold_word
from .attribution_patterns import (
    _AGE,
    _AGREEING,
    _APPOINTING,
    _APPOINTMENT_ENDS,
    _BECOMING,
    _BELOW_TOP,
    _BOUNDARIES,
    _CALENDAR,
    _CLAUSE_ADVERBS,
    _CLAUSE_OPENERS,
    _CLAUSE_STARTERS,
    _COLLECTIVE_BODIES,
    _CONCERNS,
    _CONNECTORS,
    _COORDINATORS,
    _DECREES,
    _DESCRIPTION_ENDS,
    _DESCRIPTION_SKIP,
    _DETERMINERS,
    _DID,
    _DOCUMENTS,
    _ESTIMATING,
    _GENDER_NOUNS,
    _GOING,
    _GROUP_BODIES,
    _HEAD_PAIRS,
    _HEAD_POSTS,
    _INDEFINITE,
    _JOINERS,
    _LEADING,
    _NEGATION_GAP,
    _NO_FIELD,
    _NOT_PEOPLE,
    _NOTHING,
    _NOUN_BEFORE,
    _NOUN_FORMS,
    _OBJECT_RELATIVES,
    _OPENING_VERBS,
    _OPENING_WORDS,
    _ORDINALS,
    _OWNER_PRONOUNS,
    _OWNING,
    _PARENT_BY_GENDER,
    _PASSIVE,
    _PASSIVE_GAP,
    _PERSON_ENDINGS,
    _PLACING,
    _PLEAS,
    _POLICE,
    _POSSESSIVE_GENDER,
    _POSSESSIVES,
    _PREPOSITIONS,
    _PRESENT_PLEDGES,
    _PROXIES,
    _QUANTIFIERS,
    _QUOTE_MARKS,
    _RANKS,
    _RECIPROCAL_KIN,
    _REFUSING,
    _REPORTED_MODALS,
    _SAYING,
    _SERVING,
    _SKIP_BEFORE_VERB,
    _SPEAKING_AT_ALL,
    _SPOKES_WORDS,
    _SUBJECT_GENDER,
    _SUBORDINATORS,
    _THING_PRONOUNS,
    _TIME_NOUNS,
    _TOKEN,
    _TOP_POSTS,
    _TOPIC_AFTER,
    _VOICING,
    _WHEN_CALLED,
    _WHEN_WORDS,
    _WITHHOLDING_VERBS,
    _WORKS_AT,
    GENDERED,
    ORGANISATION_NOUNS,
    PRONOUNS,
    RESPONSE_VERBS,
    SPEECH_VERBS,
)
from .question import NUMBER_WORDS
from .roles import (
    AGENT_NOUNS,
    BODY_NOUNS,
    DESCRIPTIVE_HEADS,
    DOMAIN_MODIFIERS,
    FAMILY_NOUNS,
    HONORIFICS,
    OCCUPATION_ENDINGS,
    ROLE_HEADS,
    ROLE_WORDS,
    TITLE_WORDS,
    initialisms,
    is_demonym,
    related_role_words,
)

# Changes whenever attribution would name other speakers or roles for the same text, so
# that libraries re-read their stored articles when they open.
# 3: occupations before a name, roles in clauses beside it, passives; 4: a role names the
# body it refers to ("the commission": the article's "... Safety Commission"), and "Her
# husband …" after the speaker's sentence in their paragraph is theirs; 5: namesakes
# told apart, "X's office said", "X of the Y said", reported speech going on in a modal,
# "the superintendent said" far from her introduction, more speech verbs ("cautioned");
# 6: a role after the name that opens with its owner ("X, Acme's chief executive"), a
# description named later ("The steward, Joe Blum,"), "…," said the organiser, Nina
# Holt", "X, who said", "X rejected that account", namesakes a sentence opens with,
# "Its chair, X," (the body named last), narration between one speaker's reported
# sentences, "a spokeswoman for Delta said", "X, CEO of Y, said", hyphenated titles;
# 7: posts in relative clauses ("X, who became CFO,", "who has led the union"), a time
# is no speaker ("a text an hour later saying"), a speaker reported inside another's
# speech, a body speaking through its spokesperson, "the spokesman" for the body that
# spoke last, a body's initials ("the DEP inspector"), "council member", "X of the
# weather service said", 'Said X: "…"', "X and Y said", a colon before a quotation,
# "according to a statement from X", an owner's title is no role ("the mayor's
# spokeswoman"), more posts as role heads (clerk, coroner, engineer, nurse, …);
# 8: a post of three words or more carries its initials ("chief administrative officer":
# "cao"), "Parent" is a title, a body in lower case speaks ("the state transportation
# department said") and "a department spokesman" for it, a dash ends a name (datelines),
# a bare surname out of sight of its namesakes is the first introduced, "X was quoted
# as saying", a description beside a known surname ('"…," Ito, an engineer, said');
# 9: no speaker inside a quotation ('"People told us …'), a given name ending like a
# demonym after a title ("Detective Sgt. Brian Ostler"), a post's field in lower case
# ("county elections director"), a person named with no post after a description of
# them, 'X called it "…"', "ruled", "estimated that", "were not told" is passive, a
# district attorney is "the prosecutor", a description before "who …" with no commas,
# the description a sentence opens with before the next one names the person ("the
# victim's mother wept …. Ruth Darrow said");
# 10: a description named later with a post before the name ("said the finance chair,
# council member Raymond Pell"), a person a paragraph opens by introducing is the next
# "she", "did not speak" and "said nothing" name no one, verbs of communication (Levin
# §37: "asked", "ordered", "thanked", "called on"), "it" and "the company's X" for the
# body that spoke, a capitalised plural the article also writes in lower case is a group
# named by its role ("Nurses said"), quantifiers name no one ("Several studies");
# 11: "His family said", "Its lawyers said", a lower-case body after "according to";
# 12: "X, chief executive of Y, said" is X, "…, Constable Leah Moran, said" after a
# description of a body, "Pryor's family said", "Corvane's statement said", "X, which
# said", "he" and "she" never a body ("… Department", "… Lines"), "a request for
# comment" is no speech, "One juror, …," named later, a party and state after a
# lawmaker's name ("D-Mass.", "(R-Texas)"), a sentence opening with "He" keeps its
# person in sight, "the statement said" is its author's, a spokesman's body is the
# latest met of his noun and field, "added 200 staff" is no speech, "a hospital
# spokeswoman" is no "company spokeswoman";
# 13: "X vows to …" in the present, "Neighbor Tom Reyes" (and keeper, homeowner) as a
# post, one named right after a plural group spoke is one of it ("Passengers described
# …. Abdul Rahimi … said"), a lower-case body that speaks is the latest of its noun for
# "a spokesman for the office", "which her campaign requested on …" is no speech;
# 14: a rank in a sentence about the police is a police rank, "Deputy Amy Frost" (a
# deputy's post), "the Pell County Sheriff's Office said" is a body (no sheriff's
# office), the owner of a business named right after its trade spoke is one of the
# trade ("Installers said …. Gil Ferraro, who owns …, said"), "who has ridden Route 9"
# (a rider), a description then a name before a colon and a quotation ("The fire chief,
# Tom Kell, was blunt: “…”"), "the latter" and "the former", '"…," said one of the
# volunteers, Dan Frey' and 'said a man who …', "X, the latter said," is no description,
# "Sara Ellis and her husband, Mark, said" (Mark Ellis), a description speaking again
# ("the nurse said") waits on for the name a later paragraph gives it, "the hospital's
# chief executive said …. X, who has led the hospital, said" is X, a description that
# opens with a post's field (", policy director at the nonprofit Y,"), and a body after
# a preposition in such a post is no name ("Clean Heat Lakeshire");
# 15: a description placed at a named body ("A nurse at St. Brendan's said", "The
# nurses' union at St. Brendan's called on", "Doctors at Mercy Hospital said"), "the
# union said" for the union that spoke, a body described then named between commas
# ("The nurses' union, the Aldenport Nurses Association, called on"), its officers and
# a described body's officer asked for by its words, "president of Local 1142" (a
# union's), the top post of a body as its "head", an age after a name ("Ruiz, 45,") and
# "the 45-year-old said", "the official said" gives her that word, "the mother of
# three", "the woman"/"the man" as "she"/"he", "another man", "echoed", "went on to
# say", "Wu's wife, Mae, said", "Neither X nor Y responded", "For Dan Frey, …", "according
# to the mayor", "Resident Mae Lutz", "an
# adjuster told her" inside her speech leaves her the last speaker, "Mutual's claims
# director" (a noun), no body is the person a description introduced;
# 16: "according to the library's director, Miriam Okonjo" (a description, then the
# name), "Police in Marlow said" (the place's police, no place), "Amado declined to
# name …", "He recommended that …", "X, speaking on behalf of the Y association,", a
# spokeswoman placed at a named body keeps what the article calls it ("the state
# Department of …") and no described body's words, a body's name without its
# possessive ("The Caddon Public Library's systems"), and one named right after a
# sentence about a plural group of people is one of them ("The closure took many
# commuters by surprise. Theo Brannigan … said"), a long post after a name read for 16
# words, "a statement from the mayor's office" and "the mayor's office said" (the
# mayor), "Its president said …" named later ("said the union president, Carla Mendes"),
# "Ann Cole, 34, of Springfield," (where she is from), "The Rev. John Smith", "The
# drivers' union has raised concerns" (voicing a concern is speech), "She called the
# forecast the final blow" (a verdict without quotation marks), "Lena Ortiz, whose
# husband is trapped," (his wife; "whose son": a parent);
# 17: "The union representing 1,900 nurses said" (a body's participle, a number's
# comma), "In a statement, the organizing group, the X Collective, said", "Marsh
# agreed.", "Council members A and B said" (both, with the title), "The hospital has not
# said how much …" (no one), "Ruiz's spokesperson" is no other body's spokesperson, and
# one who works for a named body holds its kind ("their insurer, Thornbury Mutual"),
# "according to university spokesperson Walter Greer" (a post in lower case);
# 18: a name's plural possessive owns a post ("Sound Link Ferries' chief executive, X,");
# 19: "the university said" is the body (the one so named), never its president;
# 20: "The parish priest, the Rev. Ada Quill, said" (a titled name after "the");
# 22: "An engineer who examined the wreckage said" (past the clause's object), "The head
# of the police department said" named next as "Police Chief X", and "X said she woke
# …. She taped towels …" (what X did as she told it), "X, who …, called the vote the
# best decision", "whose 13-year-old son" (a parent), a parent "she" names a mother, and
# '"…," said Bellmere's public works director, X' (X, and "said Pryor's lawyer" his),
# "the recount, which X estimated would cost …", "Marine scientists said …. X, a marine
# ecologist, said" (one of them by the field they share, whatever X's post);
# 23: "Forecaster X said" (a forecaster is a post, X the name);
# 24: a known surname opening a sentence keeps its person in sight ("Ortega proposed ….
# He said"), people listed after one description hold it, a post someone is appointed to,
# a bare "declined to comment" is silence, an association whose officer speaks of "the
# union" is the union (round 26); a body's initials as members type them
# (index/acronyms.py), a description written as a title at a sentence's opening ("Senior
# quarterback X said"), a post at the place a sentence opens with ("At Pruitt Hardware,
# owner X"), "the Rev. X of First Baptist Church," after a description, "the chamber"
# and "the department" for a body named "X of Y", "Fire Chief X" as the chief of the one
# fire department named, "X has not said whether …" as silence, and "…, the company
# said" for the business its sentence names (round 27);
# 25: "ordered" and "declared" before a thing are an act ("declared a state of
# emergency"), no speech (round 29);
# 26 (round 31): "His wife, Karen Lindahl, was more hopeful" introduces her for the next
# "she"; a speaker's own "said he" tells the speaker's pronoun; a club, union or team
# the article names only by its kind ("the Bobcats' booster club, which …, said")
# speaks; "Owner X said" after a business spoke is its owner; a "who" clause after a
# description gives a post too ("a nurse's aide who … and is one of the union's
# organizers"), and a verb's doer is one ("who grows wheat": a grower);
# 27 (round 32): a relative holds whose kin they are, "the company/department said" is
# the body of that kind named before, a chapter's officer is the chapter's;
# 28 (round 33): "The lead petitioner, retired schoolteacher Gloria Benitez, said": an
# occupation before a name in an apposition names the speaker; 29 (round 34): "Lakeshore
# Senior Living of Columbus, Ohio, said": the state after a place of origin is no speaker;
# ", and an agricultural economist at the university, Dr. Mark Heffernan, said": a
# description opening past a clause's "and"; 30: a day or a month before the verb of
# speech is no speaker ("through at least Saturday, said Martin Ekwueme"), nor is the
# "But" a sentence opens with part of the name after it; 31 (round 35): "according to
# the Ridgeport Fire Department." is the body's, "the Lanford County Board of Elections"
# keeps its "of", ", the company said, including its flagship Red Barn Lager" is no
# product's, and "the resort said" is the one resort named; 32: "X, who …, has called
# for" is X's appeal.
ATTRIBUTION_VERSION = "32"
SUBJECT_WINDOW = 80  # tokens left of a speech verb in which its subject is looked for
MAX_RUN = 24  # tokens of a capitalised run (role words and name) read around a verb
MAX_NAME_WORDS = 12  # a longer run's name is its last words (the surname stays last)
MAX_NAME_CHARS = 200  # anything longer is no name
MAX_RECENT = 16  # speakers a paragraph remembers for "he", "the source", …
MAX_SPEAKERS_PER_SENTENCE = 8
MAX_NAMESAKES = 4  # people of one surname told apart in an article


BODY_PARAGRAPHS = 3  # paragraphs back in which "the spokesman" finds the body he speaks for
MAX_QUOTE_SENTENCES = 12  # sentences of one quotation that wait for its attribution
APPOSITION_WINDOW = 10  # tokens of a description set off by commas beside a name
# ... read after the name, where news writes a long post out in full ("Tom Reed, the
# recently elected president of the Harbour City transit drivers' union,")
DESCRIPTION_AFTER_WINDOW = 16
DESCRIPTION_WINDOW = 12  # tokens of a speaker's description ("a steward for the … union")
# Tokens of a description after a verb of speech, before the name ("said the city's
# public works director, Ann Lee")
POST_AFTER_VERB = 6
KIN_WINDOW = 3  # tokens after "whose" in which the kin it names is read ("whose two young sons")


@dataclass(eq=False)
class Entity:
    """A speaker or named person as one article presents it."""

    name: str  # fullest form seen, e.g. "Dmitry Peskov"
    roles: set[str] = field(default_factory=set)  # folded role words: {"kremlin", "spokesperson"}
    # Bodies a description refers to by a common noun: "a spokesperson for *the commission*"
    references: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return fold_word(self.name.split()[-1])


@dataclass(frozen=True)
class Attribution:
    speakers: list[list[str]]  # per sentence, the names of who speaks in it
    entities: list[Entity]


def _is_cap(tok: str) -> bool:
    if not tok[:1].isupper():
        return False
    if tok[1:2] == "-" and len(tok) > 2 and tok[0] in "DRI":
        return False  # "Sen. Amy Walsh, D-Mass., said": a party and a state, no name
    return any(c.isalpha() for c in tok)


def _is_title(word: str) -> bool:
    w = fold_word(word).strip(".")
    return w in TITLE_WORDS or is_demonym(w)


def _is_role_word(word: str) -> bool:
    """A title word, or an occupation by its ending ("epidemiologist", "pediatrician")."""
    w = fold_word(word).strip(".")
    return w in TITLE_WORDS or (len(w) > 6 and w.isalpha() and w.endswith(OCCUPATION_ENDINGS))


def _is_head(word: str) -> bool:
    w = fold_word(word).strip(".")
    # "Secretary-General", "Attorney-General": a hyphenated title is one by its first part
    return w in ROLE_HEADS or is_demonym(w) or ("-" in w and w.split("-")[0] in ROLE_HEADS)


def _split_role(run: list[str]) -> tuple[list[str], list[str]]:
    """A capitalised run → (role words, name words).

    "Russian Foreign Minister Sergei Lavrov" → role "Russian Foreign Minister"; "US
    Secretary of State Marco Rubio" → name "Marco Rubio"; but "Ministry of Foreign
    Affairs" is a name: title words after "of" belong to an organisation's name. The role
    ends at its last head noun ("Chief Financial Officer | Jo Park"), not at the last word
    that may qualify a role, so a modifier is never taken for a first name.
    """
    cut = 0
    first_of = run.index("of") if "of" in run else len(run)
    for i, word in enumerate(run[:-1]):
        # "Attorney General", "General Mark Milley", but not "Marden General Hospital"
        generic = fold_word(word) == "general" and i > 0 and not _is_role_word(run[i - 1])
        # no "of" before this word
        if i <= first_of and _is_head(word) and not generic and _demonym_is_role(run, i, cut):
            cut = i + 1
    if cut:
        while cut < len(run) - 1 and (
            run[cut] in _CONNECTORS or (_is_title(run[cut]) and _demonym_is_role(run, cut, cut))
        ):
            cut += 1
    return run[:cut], run[cut:]


def _demonym_is_role(run: Sequence[str], i: int, heads_before: int) -> bool:
    """Is ``run[i]``, when it reads as a demonym, a role word rather than a given name of
    the same ending ("Brian", "Marian", "Adrian")? A demonym stands before a title
    ("Russian Foreign Minister") or opens a run of a full name ("Russian Vladimir
    Putin"); after a title ("Detective Sgt. Brian Ostler", "County Executive Marian
    Okello"), or before a surname alone ("Brian Ostler"), it is the given name. True for
    any word that is no demonym."""
    word = fold_word(run[i]).strip(".")
    if word in TITLE_WORDS or not is_demonym(word):
        return True
    if i + 1 < len(run) and fold_word(run[i + 1]).strip(".") in TITLE_WORDS:
        return True
    return heads_before == 0 and len(run) - i >= 3


class _Sentence:
    def __init__(self, text: str) -> None:
        self.tokens = _TOKEN.findall(text)
        self.text = text
        self._opening: int | None = None
        # the words the article writes in lower case: a capitalised one of them that
        # opens a sentence is a common noun ("Nurses said …"), no name
        self.lower_case: frozenset[str] = frozenset()
        # the words the article capitalises within a sentence (names, mostly)
        self.mid_capitalised: frozenset[str] = frozenset()
        self._people: str | None = None

    def people_named(self) -> str:
        """The one group of people the sentence names by a plural (read once)."""
        if self._people is None:
            # "Landscapers were also worried.": the plural that opens it counts too
            opening = (
                self.tokens[:1] if self.tokens and _common_plural(self.tokens[0], self) else []
            )
            self._people = _people_named([*(fold_word(t) for t in opening), *self.tokens[1:]])
        return self._people

    def run_ending_at(self, j: int) -> tuple[list[str], int] | None:
        """The capitalised run (with "of", "de", …) ending at token j, and where it starts
        (at most :data:`MAX_RUN` tokens)."""
        toks = self.tokens
        if j < 0 or not _is_cap(toks[j]):
            return None
        i = j
        floor = max(0, j - MAX_RUN + 1)
        while i - 1 >= floor and (
            _is_cap(toks[i - 1])
            or (toks[i - 1] in _JOINERS and i - 2 >= 0 and _is_cap(toks[i - 2]))
        ):
            i -= 1
        while toks[i] in _JOINERS:  # the bound fell inside "… of X"
            i += 1
        while i < j and fold_word(toks[i]) in _OPENING_CONJUNCTIONS:
            i += 1  # "But Heather Lindgren said": the sentence's "But" is no part of her name
        return toks[i : j + 1], i

    def run_starting_at(self, j: int, limit: int | None = MAX_RUN) -> list[str] | None:
        """The capitalised run starting at token j (at most ``limit`` tokens)."""
        toks = self.tokens
        if j >= len(toks) or not _is_cap(toks[j]):
            return None
        k = j
        end = len(toks) if limit is None else min(len(toks), j + limit)
        while k + 1 < end and (
            _is_cap(toks[k + 1])
            or (toks[k + 1] in _JOINERS and k + 2 < len(toks) and _is_cap(toks[k + 2]))
        ):
            k += 1
        while toks[k] in _JOINERS:  # the bound fell inside "X of …"
            k -= 1
        return toks[j : k + 1]

    def first_verb(self, before: int) -> int:
        """Index of the first lower-case word after the sentence's opening noun phrase, if
        it comes before ``before`` (else 0). The phrase is found once per sentence."""
        if self._opening is None:
            toks = self.tokens
            k = 0
            while k < len(toks) and (
                _is_cap(toks[k])
                or toks[k] in _CONNECTORS
                or fold_word(toks[k]) in _DETERMINERS
                # "Local president Dwayne Foster called …": a role word before a name
                or (_is_role_word(toks[k]) and k + 1 < len(toks) and _is_cap(toks[k + 1]))
            ):
                k += 1
            self._opening = k
        return self._opening if self._opening < before else 0

    def role_before(self, i: int) -> list[str]:
        """Role words right before a run: "Kremlin spokesperson [Dmitry Peskov]"."""
        toks = self.tokens
        out: list[str] = []
        k = i - 1
        while k >= 0 and len(out) < 4:
            word = fold_word(toks[k]).strip(".")
            if not (
                _is_role_word(toks[k])
                or (_is_cap(toks[k]) and word not in _DETERMINERS)
                # "county *elections* director Samira Hadley": the field of a post
                or (any(_is_role_word(w) for w in out) and _is_field_word(toks[k]))
                # "Local 417 president Dominic Aguilera-Strand": a body's number (no
                # year or day of a date: "In March 2024 chief executive Jo Park")
                or (
                    bool(out)
                    and toks[k].isdigit()
                    and len(toks[k]) < 4
                    and k > 0
                    and _is_cap(toks[k - 1])
                    and fold_word(toks[k - 1]).strip(".") not in _CALENDAR
                )
            ):
                break
            out.insert(0, toks[k])
            k -= 1
        if not out and self._false_title(i):
            return list(toks[:i])
        if not any(_is_role_word(w) for w in out):
            return []
        out = [*self._place_of_post(k), *out]
        if _names_a_local(out):
            out.append("union")  # "Local 417 president"
        return out

    def _place_of_post(self, comma: int) -> list[str]:
        """The name of the place a post before a name is held at, when the sentence
        opens with it: "At Pruitt Hardware, [owner] Lyle Pruitt said" is the owner of
        Pruitt Hardware; [] for any other opening."""
        toks = self.tokens
        if comma < 2 or toks[comma] != "," or fold_word(toks[0]) != "at":
            return []
        place = toks[1 + (fold_word(toks[1]) == "the") : comma]
        return place if place and all(_is_cap(t) or t in _JOINERS for t in place) else []

    def _false_title(self, i: int) -> bool:
        """Is the sentence's opening before the run at ``i`` a description news writes as
        a title ("Senior quarterback [Jalen Brooks] said", "Meteorite dealer [Paul
        Granger], who …")? One capitalised word, then lower-case words shaped like nouns,
        at most :data:`FALSE_TITLE_WORDS` in all; no time ("Last week [Jo Park] said")."""
        toks = self.tokens
        if not 2 <= i <= FALSE_TITLE_WORDS or not _is_cap(toks[0]):
            return False
        first = fold_word(toks[0])
        if first in _NO_FIELD or first in _CALENDAR or first.endswith("ly"):
            return False
        if toks[i - 1].endswith("s"):
            return False  # "Council members Tom Lee and Mae Ortiz": a plural title, both
        return all(
            _is_field_word(t) and fold_word(t) not in _CALENDAR | _TIME_NOUNS | _DAY_PARTS
            for t in toks[1:i]
        )


# Words of a description written as a title before a name at a sentence's opening.
FALSE_TITLE_WORDS = 3
# Parts of a day an opening names before a name ("Early this morning"), beside the
# spans of :data:`_TIME_NOUNS` ("Last week"): no description.
_DAY_PARTS = frozenset("weekend morning afternoon evening tonight".split())


def _names_a_local(tokens: Sequence[str]) -> bool:
    """Do the tokens name a union's local ("Local 1142", "Local 88's")? Its officers are
    the union's: a member asks for "the union president"."""
    return any(
        t == "Local" and n + 1 < len(tokens) and tokens[n + 1][:1].isdigit()
        for n, t in enumerate(tokens)
    )


def _post_before_name(toks: Sequence[str], k: int) -> int:
    """Where a name starts after a post written in lower case from ``k`` ("university
    spokesperson [Walter Greer]", "county elections director [Sam Hadley]"): its fields
    and a title word last; ``k`` when there is no such post."""
    m = k
    while m < len(toks) and m - k < 4 and _is_field_word(toks[m]):
        m += 1
    if m == k or m >= len(toks) or not _is_cap(toks[m]) or not _is_role_word(toks[m - 1]):
        return k
    return m


def _is_field_word(token: str) -> bool:
    """A lower-case word before a title that may be the field of its post ("county
    *elections* director", "state *parks* superintendent"): no function word and nothing
    shaped like a verb or an adverb ("thanked", "saying", "reportedly")."""
    return (
        token.isalpha()
        and token.islower()
        and len(token) > 2
        and not token.endswith(("ed", "ing", "ly"))
        and token not in _NO_FIELD
    )


def _mentions(
    sentence: _Sentence, entities: dict[str, Entity], before_this: Sequence[Entity] = ()
) -> list[Entity]:
    """Record every capitalised name with its role words: title words in the run or
    before it, and a description set off by commas beside it ("the county's fire marshal,
    Ann Lee," / "Amara Nwosu, a senior economist at UN Trade and Development,"). A
    description by "its" or "their" ("Its chair, Terrence Wylde,") names the body named
    last, in this sentence or ``before_this`` (the last sentence's names): "Save Thornbury
    Green". Returns the names of two words or more this sentence holds, in order."""
    toks = sentence.tokens
    bodies: list[Entity] = list(before_this)
    police = any(fold_word(_possessive(t) or t).strip(".,") in _POLICE for t in toks)
    j = 0
    while j < len(toks):
        run = sentence.run_starting_at(j, limit=None)  # each token is read once here
        if not run:
            j += 1
            continue
        skip = 0
        # "The …", and 'Said Fire Chief Olga Brandt: "…"': not part of the name
        while skip < len(run) and fold_word(run[skip]) in _DETERMINERS | _OPENING_VERBS:
            skip += 1
        # "For Dan Frey, the flood was …", "Neither Reed nor …": a sentence's opening
        # word before a name is no part of it
        if skip == 0 and j == 0 and len(run) >= 3 and fold_word(run[0]) in _OPENING_WORDS:
            skip = 1
        run, j = run[skip:], j + skip
        if not run:
            continue
        roles, name = _split_role(run)
        if len(name) >= 2 and _possessive(name[-1]):
            # "The Caddon Public Library's computer systems": the library, by its name
            name = [*name[:-1], _possessive(name[-1])]
        before = sentence.role_before(j)
        after, references = _description_after(toks, j + len(run))
        after = after + _appointed_to(toks, j, j + len(run))
        # "the finance chair, council member [Raymond Pell]": the description set off
        # before the post written before the name
        described = (
            _description_before(toks, _post_start(toks, j) if len(name) >= 2 else j)
            + after
            + _organisation_after(sentence, j + len(run))
        )
        has_title = any(fold_word(w).strip(".") in TITLE_WORDS for w in [*roles, *before])
        # '"…," Ito, an engineer by training, said': a known surname gains its description
        known = len(name) == 1 and bool(described) and fold_word(name[0]) in entities
        if has_title or len(name) >= 2 or known:
            entity = _remember(entities, " ".join(name), [*before, *roles, *described])
            if entity is not None:
                entity.references.update(references)
                # "Capt. Lena Ortiz of the fire department": the service she is of
                served = toks[j + len(run) : j + len(run) + 4]
                if police and _police_rank([*before, *roles, *described, *served]):
                    entity.roles.add("police")  # "The state police unit …, Lieutenant X"
                if _owned_by_pronoun(toks, j):
                    body = next((b for b in reversed(bodies) if _is_body(b, entity)), None)
                    if body is not None:
                        _take_body_name(entity, body)
                if len(entity.name.split()) >= 2:
                    bodies.append(entity)
        j += len(run)
    return bodies[len(before_this) :]


def _police_rank(words: Sequence[str]) -> bool:
    """Do the role words a name is met with hold a rank and no field of another service
    ("Capt. Jo Lin of the fire department")? In a sentence about the police, such a rank
    is a police rank ("The state police cyber crimes unit …, according to Lieutenant
    Victor Amado, who heads the unit")."""
    folded = {fold_word(w).strip(".,") for w in words}
    return bool(folded & _RANKS) and not folded & (DOMAIN_MODIFIERS - _POLICE)


def _owned_by_pronoun(toks: list[str], start: int) -> bool:
    """Does the description set off right before a name open with "its" or "their"?"""
    if start < 2 or toks[start - 1] != ",":
        return False
    k = start - 2
    floor = max(0, start - 1 - APPOSITION_WINDOW)
    while k > floor and toks[k - 1] not in _BOUNDARIES:
        k -= 1
    return fold_word(toks[k]) in {"its", "their"}


def _latest_body(
    people: Sequence[Entity], genders: dict[Entity, str], entity: Entity
) -> Entity | None:
    """The latest of ``people`` (this paragraph's and the last one's) that is a body: a
    name of two words or more, or initials ("NAACP"), that no "he" or "she" named, that
    holds no post and that opens with no article or time ("The Easton", "By Tuesday")."""
    return next(
        (
            e
            for e in reversed(people)
            if e is not entity
            and (len(e.name.split()) >= 2 or (e.name.isupper() and len(e.name) >= 3))
            and fold_word(e.name.split()[0]) not in _DETERMINERS
            and not {fold_word(w) for w in e.name.split()} & (_WHEN_WORDS | _OPENING_WORDS)
            and e not in genders
            and not _holds_post(e)
        ),
        None,
    )


def _take_body_name(entity: Entity, body: Entity) -> None:
    """Give a post's holder the words of the body's name their post is of ("Quillon
    Freight Partners" for "the company's vice president")."""
    entity.roles.update(w for w in map(_role_word, body.name.split()) if w)


def _owned_by_body_noun(toks: Sequence[str]) -> bool:
    """Does a sentence open with a post owned by a body named by its common noun ("The
    company's vice president, …", "The agency's regional inspector, …")?"""
    if len(toks) < 3 or fold_word(toks[0]) != "the":
        return False
    return fold_word(_possessive(toks[1])) in BODY_NOUNS | _UNNAMED_BODIES


def _opens_with_bare_owner(toks: Sequence[str]) -> bool:
    """Does a sentence open with an owner's post and no owner ("Owner Dennis Pratt said",
    "Co-owner Ann Lee said"), then a name?"""
    return len(toks) >= 3 and fold_word(toks[0]) in _OWNER_POSTS and _is_cap(toks[1])


_OWNER_POSTS = frozenset("owner co-owner proprietor founder co-founder".split())


def _is_body(candidate: Entity, entity: Entity) -> bool:
    """Can ``candidate`` be the organisation "its" refers to: a name of two words or more
    that is not ``entity`` and no titled person?"""
    return (
        candidate is not entity
        and len(candidate.name.split()) >= 2
        and not candidate.roles & ROLE_HEADS
    )


def _role_word(token: str) -> str:
    """A description's word as a role word: "county's" → "county"; "" for none."""
    word = fold_word(token).strip(".")
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if not word or word in _DESCRIPTION_SKIP or not any(c.isalpha() for c in word):
        return ""
    return word


# Conjunctions a sentence opens with, capitalised there but never part of a name.
_OPENING_CONJUNCTIONS = frozenset("but and yet so or nor".split())
_RELATIVE_PRONOUNS = frozenset({"who", "whose"})


def _description_before(toks: list[str], start: int) -> list[str]:
    """Role words of "the union's general secretary, [Moira Kennedy]," or "Its UK managing
    director, [Claire Beaumont],": a phrase that ends in a comma right before the name,
    opens with a determiner or a possessive, and names a post."""
    # "The parish priest, the Rev. Tobias Hale,": past the titled name's "the"
    titled = start >= 3 and toks[start - 2] == "," and fold_word(toks[start - 1]) == "the"
    if titled and _titled_name_at(toks, start):
        start -= 1
    if start >= 4 and fold_word(toks[start - 1]) == "and":
        # "The two board members who voted no, Denise Harper and [Luis Ortega],": the
        # description of a list's first full name is the later one's too
        k = start - 1
        while k > 0 and start - 1 - k < 4 and _is_cap(toks[k - 1]):
            k -= 1
        return _description_before(toks, k) if start - 1 - k >= 2 else []
    if start < 2 or toks[start - 1] != ",":
        return []
    k = start - 2
    floor = max(0, start - 1 - APPOSITION_WINDOW)
    while k > floor and toks[k - 1] not in _BOUNDARIES:
        k -= 1
    phrase = toks[k : start - 1]
    # '"…," said the director, [Ruth Okafor]': the description after the verb
    after_verb = [
        i
        for i, t in enumerate(phrase)
        if fold_word(t) in SPEECH_VERBS
        and not (i and fold_word(t) in _NOUN_FORMS and _owner_word(phrase[i - 1]))
    ]
    if after_verb and after_verb[-1] + 1 < len(phrase):
        phrase = phrase[after_verb[-1] + 1 :]
    # "The roofing contractor who carried out the repairs, [Roy Dunleavy],": the post is
    # before its relative clause
    relative = next(
        (i for i, t in enumerate(phrase) if i > 1 and fold_word(t) in _RELATIVE_PRONOUNS), -1
    )
    if relative > 0:
        phrase = phrase[:relative]
    if len(phrase) > 1 and fold_word(phrase[0]) in _COORDINATORS:
        # "Prices had climbed, and an agricultural economist at the university, [Dr.
        # Mark Heffernan], said": the description opens past the clause's "and"; not a
        # clause of its own ("and the city paid the contractor, [Harwell & Dane]"),
        # where a later determiner follows a verb, not a preposition
        phrase = phrase[1:]
        if any(
            fold_word(t) in _DETERMINERS and fold_word(phrase[i - 1]) not in _PREPOSITIONS
            for i, t in enumerate(phrase)
            if i
        ):
            return []
    if not phrase:
        return []
    opener = fold_word(phrase[0])
    # "Hollow Creek's", and a name's plural possessive ("Sound Link Ferries'")
    owner = next((i for i, t in enumerate(phrase[:4]) if _owner_word(t)), -1)
    # a name's number is part of it: "Local 88's president", "Station 4's captain"
    owned = owner >= 0 and all(
        _is_cap(t) or (i and t[:1].isdigit() and _is_cap(phrase[i - 1]))
        for i, t in enumerate(phrase[: owner + 1])
    )
    if not (opener in _DETERMINERS or opener in _POSSESSIVES or opener == "another" or owned):
        return []
    words = [w for w in (_role_word(t) for t in _without_owner_title(phrase)) if w]
    if _names_a_local(phrase):
        words.append("union")  # "Local 88's president"
    return words if any(w in ROLE_HEADS for w in words) or len(words) <= 3 else []


def _without_owner_title(phrase: Sequence[str]) -> list[str]:
    """A description without the title of the person it belongs to: "the mayor's
    spokeswoman" is a spokeswoman, not a mayor ("what did the mayor say" means the mayor).
    A body ("Corvane's spokesperson") or a name ("Joel's sister") stays: it says whose."""
    out: list[str] = []
    for n, tok in enumerate(phrase):
        owner = fold_word(_possessive(tok)).strip(".")
        if owner in ROLE_HEADS and any(
            fold_word(t).strip(".,") in ROLE_HEADS or _is_role_word(t) for t in phrase[n + 1 :]
        ):
            continue
        out.append(tok)
    return out


def _organisation_after(sentence: _Sentence, end: int) -> list[str]:
    """Words of the organisation a name is "of" ("Lorenzo Bassi of the state's Fiscal
    Policy Institute"), as role words; [] when none follows."""
    toks = sentence.tokens
    if end >= len(toks) or toks[end] != "of":
        return []
    k = end + 1
    while (
        k < len(toks)
        and k - end <= 3
        and (fold_word(toks[k]) in _DETERMINERS or (toks[k][:1].islower() and _possessive(toks[k])))
    ):
        k += 1
    run = sentence.run_starting_at(k, APPOSITION_WINDOW) if k < len(toks) else None
    return [w for w in (_role_word(t) for t in run or []) if w]


MAX_AGE = 120  # a number set off after a name is an age up to this ("Ruiz, 45,")


def age_word(years: str) -> str:
    """The role word of an age ("45" → "45-year-old"), as news describes someone by it
    ("the 45-year-old said") and members ask ("what did the 45 year old say")."""
    return f"{int(years)}-year-old"


def _age_of(word: str) -> str:
    """The age role word a description's head is ("45-year-old", "45-years-old"), else ""."""
    found = _AGE.fullmatch(word)
    return age_word(found.group(1)) if found else ""


def _description_after(toks: list[str], end: int) -> tuple[list[str], list[str]]:
    """(role words, references) of "[Shaun Pryce], a crane operator who …" or "[Angela
    Brooks], a spokesperson for the utility.": a phrase after a comma that opens with "a",
    "an", "the" or a possessive, up to a relative clause or the next boundary. The
    references are the lower-case nouns after "the" ("utility"): bodies named elsewhere."""
    if end + 1 >= len(toks) or toks[end] != ",":
        return [], []
    words: list[str] = []
    years = toks[end + 1].removesuffix(".")
    if years.isdigit() and int(years) <= MAX_AGE and end + 2 == len(toks):
        return [age_word(years)], []  # '"…," said Lutz, 71.'
    if toks[end + 1].isdigit() and end + 3 < len(toks) and toks[end + 2] == ",":
        # "Hector Ruiz, 45, a nurse at …": past the age, which names him too ("the
        # 45-year-old")
        if int(toks[end + 1]) <= MAX_AGE:
            words.append(age_word(toks[end + 1]))
        end += 2
    opener = fold_word(toks[end + 1])
    start = end + 1
    if opener == "whose" and end + 2 < len(toks):
        # "Lena Ortiz, whose husband is trapped, said": his wife; "…, whose son was on
        # the bus,": a parent
        # the kin noun past its age or number ("whose 13-year-old son", "whose two
        # daughters"), within the clause's subject
        tie = ""
        for k in range(end + 2, min(len(toks), end + 2 + KIN_WINDOW)):
            word = fold_word(toks[k])
            if toks[k] in _BOUNDARIES or word in _DESCRIPTION_ENDS:
                break
            tie = _RECIPROCAL_KIN.get(word, "")
            if tie:
                break
        return ([*words, tie] if tie else words), []
    clause = _post_in_clause(toks, end + 2) if opener == "who" else None
    if opener == "who":
        # "Jamal Whitaker, who takes his three children to the park": a father
        words += _parent_in_clause(toks, end + 2)
    behalf = _speaking_for(toks, end + 1)
    if behalf:
        # "Ruth Gale, speaking on behalf of the tenants' association, said": whom she
        # speaks for describes her
        start = behalf
    elif opener == "of" and end + 2 < len(toks) and _is_cap(toks[end + 2]):
        # "Ann Cole, 34, of Springfield, said": where she is from describes her
        start = end + 2
    elif clause is not None:
        # "Luis Ortega, who owns the Blue Kettle diner, said": the diner's owner;
        # "Marcus Hale, who became CFO in January, said": the CFO
        words += clause[0]
        start = clause[1]
    elif not (
        opener in {"a", "an", "the"}
        or opener in _POSSESSIVES
        or opener.strip(".") in ROLE_WORDS
        or _owner_opens(toks, start)
        or _field_opens(toks, start)
    ):
        return words, []  # ", general manager of the water authority," opens with its role
    if opener.strip(".") in ROLE_WORDS and _post_then_name(toks, start):
        return words, []  # "At Pruitt Hardware, owner Lyle Pruitt, said": his post, not its
    found = _description_words(toks, start, in_clause=clause is not None)
    if found is None:
        return [], []  # "Reed and Kell, the latter said, …": a clause, no description
    return [*words, *found[0]], found[1]


def _description_words(
    toks: list[str], start: int, in_clause: bool, to_figure: bool = False
) -> tuple[list[str], list[str]] | None:
    """(role words, references) of a description from ``start`` to its next boundary
    (:func:`_description_after`); None when a verb of speech shows it is a clause, not a
    description (only read so outside a clause). Outside a clause, a "who" clause that
    ends the description gives its post too (:func:`_post_of_clause`); ``to_figure`` ends
    it at a figure ("a teacher for 30 years": how long says nothing of the post)."""
    words: list[str] = []
    references: list[str] = []
    previous = ""
    # "a cousin of the co-op president": past "<kin> of", the words are whose kin they are
    kin_of = False
    window = _without_owner_title(toks[start : start + DESCRIPTION_AFTER_WINDOW])
    for n, tok in enumerate(window):
        if tok in _BOUNDARIES or fold_word(tok) in _DESCRIPTION_ENDS | _WHEN_WORDS:
            if fold_word(tok) == "who" and not in_clause:
                # "a nurse's aide who … and is one of the union's organizers"
                words += _post_of_clause(toks, start)
            break
        if to_figure and tok[:1].isdigit():
            break
        if fold_word(tok) in SPEECH_VERBS and tok[:1].islower() and not in_clause:
            return None
        if fold_word(tok) in _PREPOSITIONS - {"of"}:
            kin_of = False  # "a mother of two at Linden Street Elementary": hers again
        word = _role_word(tok.rstrip("."))
        if word in NUMBER_WORDS or word.isdigit():
            kin_of = False  # "the mother of three": her children's number, no one's name
        if word and kin_of:
            words.append(word + "'s")
        elif word:
            words.append(word)
            following = fold_word(window[n + 1]) if n + 1 < len(window) else ""
            kin_of = word in FAMILY_NOUNS and following == "of"
            if _names_a_local(window[n : n + 2]):
                words.append("union")  # "president of Local 1142"
            if previous == "the" and tok[:1].islower():
                references.append(word)
        previous = fold_word(tok)
        if tok.endswith("."):
            break
    return words, references


def _post_of_clause(toks: list[str], start: int) -> list[str]:
    """Role words of the post that the first "who" clause after ``start`` gives ("…, a
    nurse's aide who has lived there for years and is one of the union's organizers":
    organizer, union), up to the clause's next boundary; [] when it gives none."""
    end = min(len(toks), start + DESCRIPTION_AFTER_WINDOW)
    who = next((j for j in range(start, end) if fold_word(toks[j]) == "who"), -1)
    clause = _post_in_clause(toks, who + 1) if who >= 0 else None
    found = _description_words(toks, clause[1], in_clause=True, to_figure=True) if clause else None
    return [] if clause is None or found is None else [*clause[0], *found[0]]


def _post_then_name(toks: Sequence[str], start: int) -> bool:
    """Does a post in lower case at ``start`` stand before a name of two words or more
    ("owner Lyle Pruitt", "head coach Tim Ross")?"""
    k = start
    while k < len(toks) and k - start < 4 and toks[k].islower() and _is_field_word(toks[k]):
        k += 1
    run = 0
    while k + run < len(toks) and _is_cap(toks[k + run]):
        run += 1
    return k > start and run >= 2


def _appointed_to(toks: Sequence[str], start: int, end: int) -> list[str]:
    """Role words of the post a name at ``start:end`` is appointed to: "She named
    [Deputy Chief Andrea Sloane] as interim chief, effective …", "appointed [Ann Lee]
    treasurer", "[Marta Quell] was named acting director of the records office"; [] unless
    the words name a post ("named [Tom Brandt] in a letter")."""
    if start > 0 and fold_word(toks[start - 1]) in _APPOINTING:
        k = end + (end < len(toks) and fold_word(toks[end]) == "as")
    elif end + 1 < len(toks) and fold_word(toks[end]) in {"was", "is", "has", "had"}:
        k = end + 1 + (fold_word(toks[end + 1]) == "been")
        if k >= len(toks) or fold_word(toks[k]) not in _APPOINTING:
            return []
        k += 1 + (k + 1 < len(toks) and fold_word(toks[k + 1]) == "as")
    else:
        return []
    words: list[str] = []
    for tok in toks[k : k + APPOSITION_WINDOW]:
        folded = fold_word(tok).strip(".")
        if tok in _BOUNDARIES or folded in _APPOINTMENT_ENDS | _WHEN_WORDS | _DESCRIPTION_ENDS:
            break
        word = _role_word(tok.rstrip("."))
        if word:
            words.append(word)
    return words if any(_is_head(w) or _is_role_word(w) for w in words) else []


def _speaking_for(toks: Sequence[str], k: int) -> int:
    """Where the body starts in "speaking for …" or "speaking on behalf of …" at ``k``,
    else 0."""
    if k >= len(toks) or fold_word(toks[k]) != "speaking":
        return 0
    following = [fold_word(t) for t in toks[k + 1 : k + 4]]
    if following[:1] == ["for"]:
        return k + 2
    if following == ["on", "behalf", "of"]:
        return k + 4
    return 0


def _parent_in_clause(toks: list[str], k: int) -> list[str]:
    """The parent a relative clause from ``k`` makes someone by naming their children
    ("who takes his three children to the park", "who has brought her kids to the zoo
    every summer"): "parent" and, by the possessive, "father" or "mother"; [] for a
    clause naming no child of theirs, up to its next boundary."""
    end = min(len(toks), k + DESCRIPTION_AFTER_WINDOW)
    for j in range(k, end):
        if toks[j] in _BOUNDARIES:
            break
        gender = _POSSESSIVE_GENDER.get(fold_word(toks[j]))
        if gender is None and fold_word(toks[j]) != "their":
            continue
        for tok in toks[j + 1 : min(end, j + 1 + KIN_WINDOW)]:
            if _RECIPROCAL_KIN.get(fold_word(tok)) == "parent":
                return ["parent", _PARENT_BY_GENDER[gender]] if gender else ["parent"]
            if tok in _BOUNDARIES:
                break
    return []


def _post_in_clause(toks: list[str], k: int) -> tuple[list[str], int] | None:
    """The post a relative clause starting at ``k`` (after "who") gives a person, as (role
    words so far, where the rest of the description starts): "who [has] led the union" →
    (["leader"], after "led"), "who became CFO", "who serves as treasurer", "who is the
    board's chair" → ([], the post's first word); None for any other clause."""
    while k < len(toks) and fold_word(toks[k]) in _CLAUSE_ADVERBS:
        k += 1
    if k >= len(toks):
        return None
    verb = fold_word(toks[k])
    if verb in AGENT_NOUNS:
        return [AGENT_NOUNS[verb]], k + 1
    agent = agent_noun(verb)
    if agent:
        # "who grows wheat": a wheat grower; "who has worked at the landfill": a landfill
        # worker. Only what the verb acts on describes them: not "on 1,200 acres", "for
        # 16 years" or "with her granddaughter" (she is no granddaughter).
        return [agent, *_acted_on(toks, k + 1)], len(toks)
    if verb in _BECOMING:
        return [], k + 1
    if verb in _SERVING and k + 1 < len(toks) and fold_word(toks[k + 1]) == "as":
        return [], k + 2
    if verb in {"is", "was"} and k + 1 < len(toks):
        return _post_after_copula(toks, k + 1)
    # "who has lived at Halsey Court for eleven years and is one of the union's
    # organizers": the post after "and is", within the clause
    for j in range(k + 1, min(len(toks) - 2, k + DESCRIPTION_AFTER_WINDOW)):
        if toks[j] in _BOUNDARIES or toks[j].endswith("."):
            break
        if fold_word(toks[j]) == "and" and fold_word(toks[j + 1]) in {"is", "was"}:
            return _post_after_copula(toks, j + 2)
    return None


def _acted_on(toks: list[str], k: int) -> list[str]:
    """Role words of what the verb before ``k`` acts on: its object, or one phrase with
    the preposition right after the verb ("worked *at the landfill*"), up to the next
    preposition, figure or boundary."""
    out: list[str] = []
    for j in range(k, min(len(toks), k + DESCRIPTION_AFTER_WINDOW)):
        tok = toks[j]
        word = fold_word(tok).strip(".")
        if tok in _BOUNDARIES or word in _DESCRIPTION_ENDS | _WHEN_WORDS or tok[:1].isdigit():
            break
        if word in _PREPOSITIONS and j > k:
            break
        role = _role_word(tok.rstrip("."))
        if role and word not in NUMBER_WORDS:  # "four blocks"
            out.append(role)
        if tok.endswith("."):
            break
    return out


def agent_noun(verb: str) -> str:
    """The noun for one who does what a verb in the third person or the past tense says,
    when English has it as a common word: "grows" → "grower", "farms" → "farmer",
    "worked" → "worker", "drove" → "driver"; "" for other words and for verbs too light to
    describe anyone ("lives" is no liver, "lost" no loser)."""
    if not verb.isalpha() or not (verb.endswith(("s", "ed")) or verb in _IRREGULAR_PAST):
        return ""
    lemma = simplemma.lemmatize(verb, lang="en").casefold()
    if lemma == verb or lemma in _LIGHT_VERBS:
        return ""
    for noun in (lemma + "r" if lemma.endswith("e") else lemma + "er", lemma + lemma[-1] + "er"):
        if zipf_frequency(noun, "en") >= AGENT_ZIPF:
            return noun
    return ""


AGENT_ZIPF = 3.0  # "grower" 3.0, "farmer" 4.2; "studier" 1.6 is no word a reader uses
_IRREGULAR_PAST = frozenset("drove wrote ran taught sold built rode flew led".split())
_LIGHT_VERBS = frozenset(
    "be have do go get make take say see come give live lose win find know think want need "
    "use feel leave put mean become begin seem show call try ask turn move pay hold bring "
    "happen stand sit lie die kill spend tell care vote serve open start follow list stop "
    "test book handle track reach catch hand".split()
)


def _post_after_copula(toks: list[str], k: int) -> tuple[list[str], int] | None:
    """Where the post after "is" / "was" at ``k`` starts ("the board's chair", "a
    nurse", "one of the union's organizers"), as :func:`_post_in_clause` gives it; None
    when no post follows ("is retired")."""
    if k >= len(toks):
        return None
    nxt = fold_word(toks[k]).strip(".")
    if nxt == "one" and k + 1 < len(toks) and fold_word(toks[k + 1]) == "of":
        return [], k + 2  # "one of the union's organizers": an organizer
    if nxt in {"a", "an", "the"} or nxt in _POSSESSIVES or nxt in ROLE_WORDS:
        return [], k
    return None


def _field_opens(toks: Sequence[str], start: int) -> bool:
    """Does a description open with a post's field before its title (", *policy*
    director at the nonprofit …", ", *fleet* manager for …")?"""
    return (
        start + 1 < len(toks)
        and _is_field_word(toks[start])
        and fold_word(toks[start + 1]).strip(".,") in ROLE_HEADS
    )


def _owner_opens(toks: list[str], start: int) -> bool:
    """Does a description open with its owner's name in the possessive ("[Graham Tolley],
    Northvale Rail's chief executive", "Brightwell Ferries' chief executive")?"""
    for k in range(start, min(len(toks), start + 4)):
        if not _is_cap(toks[k]):
            return False
        if _possessive(toks[k]) or toks[k].endswith(("s'", "s’")):
            return k + 1 < len(toks) and toks[k + 1][:1].islower()
    return False


def _remember(
    entities: dict[str, Entity],
    name: str,
    roles: Sequence[str],
    recent: Sequence[Entity] = (),
    principal: bool = False,
) -> Entity | None:
    """The entity a name stands for, created or given more words and roles; None when the
    name is too long to be one.

    Two people may share a surname ("Dr. Paul Lindqvist" and "Greta Lindqvist, a
    midwife"): a full name whose given name differs from every known namesake's is
    another person, and a later surname alone (":data:`Dr.` Lindqvist", "Ms. Lindqvist")
    is the namesake its title was given to, else the one of this or the last paragraph
    (``recent``), else, for a speaker (``principal``), the first introduced: news names
    the story's principal by the bare surname and writes a later namesake out in full
    once they are out of sight ("Tom Marsh, a nurse who is not related to the chief
    executive, …" and, paragraphs on, "Marsh warned" is the chief executive)."""
    name = name.strip(".,;:()")
    words = name.split()
    while len(words) > 1 and fold_word(words[0]) in _OPENING_CONJUNCTIONS:
        words = words[1:]  # "But Marisol Ortega, who owns …": the sentence's "But"
        name = " ".join(words)
    roles = list(roles)
    if "of" in words[2:]:
        # "Raymond Cho of Lakeview Research": a person named with where they work
        cut = words.index("of", 2)
        # "Lanford County Board of Elections": a body's own name, no one's workplace
        body = fold_word(words[cut - 1]).strip(".,") in _BODY_NAME_HEADS
        if not body and all(_is_cap(w) for w in words[:cut]):
            roles += words[cut + 1 :]
            words = words[:cut]
            name = " ".join(words)
    if len(words) > MAX_NAME_WORDS:
        words = words[-MAX_NAME_WORDS:]
        name = " ".join(words)
    if not words or len(name) > MAX_NAME_CHARS:
        return None
    ordered = [fold_word(r).strip(".") for r in roles if fold_word(r) not in _DETERMINERS]
    folded = set(ordered) | initialisms(ordered)
    key = fold_word(words[-1])
    namesakes = _namesakes(entities, key)
    entity = _namesake(namesakes, _given(words), folded, recent, principal)
    if entity is None:
        if len(namesakes) >= MAX_NAMESAKES:
            entity = namesakes[-1]
        else:
            slot = key if not namesakes else f"{key}#{len(namesakes) + 1}"
            entity = entities[slot] = Entity(name)
    if len(words) > len(entity.name.split()):
        entity.name = name
    entity.roles.update(folded)
    return entity


def _given(words: Sequence[str]) -> list[str]:
    """The folded given names of a name's words: those before the surname, without
    titles ("Dr. Paul Lindqvist" → ["paul"])."""
    given = [fold_word(w).strip(".") for w in words[:-1]]
    # "Brian" is a name, no demonym; "a hospital spokeswoman" is no "a company spokeswoman"
    return [w for w in given if w not in TITLE_WORDS and w not in _DETERMINERS]


def same_given(a: str, b: str) -> bool:
    """One given name in two spellings: the same, an initial, a short form ("Sam" /
    "Samuel") or one letter apart ("Dmitry" / "Dmitri")."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) or (len(short) >= 4 and OSA.distance(a, b) <= 1)


def _namesakes(entities: dict[str, Entity], key: str) -> list[Entity]:
    """The entities of one surname, in the order they were introduced."""
    out: list[Entity] = []
    for n in range(1, MAX_NAMESAKES + 1):
        entity = entities.get(key if n == 1 else f"{key}#{n}")
        if entity is None:
            break
        out.append(entity)
    return out


def _namesake(
    namesakes: Sequence[Entity],
    given: Sequence[str],
    titles: set[str],
    recent: Sequence[Entity],
    principal: bool = False,
) -> Entity | None:
    """Which of a surname's entities a mention names (None: a new person); a bare surname
    out of sight of every namesake is the first introduced with ``principal`` (a
    speaker's), else the latest (a mention read in order, as it is introduced)."""
    if not namesakes:
        return None
    if given:
        for entity in namesakes:
            known = _given(entity.name.split())
            if not known or same_given(known[0], given[0]):
                return entity
        return None
    if len(namesakes) == 1:
        return namesakes[0]
    titled = [e for e in namesakes if titles & e.roles & TITLE_WORDS]
    if len(titled) == 1:
        return titled[0]
    near = [e for e in reversed(recent) if e in namesakes]
    if near:
        return near[0]
    return namesakes[0] if principal else namesakes[-1]


def _subject_before(sentence: _Sentence, v: int) -> tuple[str, list[str]] | None:
    """("name"|"pronoun"|"description", words) for the subject left of the verb at v.

    A walk leftwards, over adverbs and auxiliaries, appositions and relative clauses,
    within :data:`SUBJECT_WINDOW` tokens of the verb (or of the sentence's opening phrase,
    for "X spoke … and praised").
    """
    toks = sentence.tokens
    floor = max(0, v - SUBJECT_WINDOW)
    while True:
        j = v - 1
        while j >= floor and (fold_word(toks[j]) in _SKIP_BEFORE_VERB or _is_adverb(toks, j)):
            if toks[j] == ")":
                # "Rep. Tom Fuller (R-Texas) said": past an aside in brackets
                bracket = range(j - 1, max(floor, j - 6) - 1, -1)
                opening = next((k for k in bracket if toks[k] == "("), 0)
                if opening > 0 and _is_cap(toks[opening - 1]):  # not '“(Lavrov) confirmed'
                    j = opening
            j -= 1
            if j >= floor + 1 and fold_word(toks[j]) == "on" and fold_word(toks[j - 1]) in _GOING:
                j -= 2  # "Pratt went on to say": past "went on"
        if j < floor:
            return None
        word = fold_word(toks[j])
        if word in _COORDINATORS:  # "Lavrov spoke … and praised": the sentence's subject
            v = sentence.first_verb(j)
            floor = max(0, v - SUBJECT_WINDOW)
            continue
        if toks[j] == "," and j > 0:
            # "A spokeswoman …, Priya Natarajan, said" (apposition) or
            # "Tom Becker, who voted against the plan, warned" (relative clause) or
            # "Luis Ortega, 52, who has lived there for years, said" (several clauses).
            previous = _comma_before(toks, j, floor)
            body = _body_named_after_description(sentence, previous, j)
            if body is not None:
                return body
            if (
                _is_cap(toks[j - 1])
                and fold_word(toks[j - 1]) not in PRONOUNS
                and not _is_place_after_description(toks, previous, floor)
            ):
                v = j
                continue
            if previous > 0:
                v = previous + 1  # the next step reads that comma
                continue
            if previous < 0 and toks[j - 1][:1].islower():
                # "The festival's director, who has run it since 2009, said": the
                # description before the only comma is the subject
                v = j
                continue
            return None
        if word in {"who", "which"} and j >= 2 and toks[j - 1] == ",":
            # "… came from Councillor Ida Marsh, who said": the person the clause is about;
            # "… by Varrow Aero Engines, which said": the body
            named = sentence.run_ending_at(j - 2)
            if named:
                run, start = named
                roles, name = _split_role(run)
                return "name", [*sentence.role_before(start), *roles, "|", *name]
        if word in PRONOUNS:
            return "pronoun", [word]
        if (
            word in _PROXIES
            and j > 0
            and _is_cap(toks[j - 1])
            and _possessive(toks[j - 1])
            # "the Pell County Sheriff's Office said": a body named by a title, no holder
            and fold_word(_possessive(toks[j - 1])).strip(".") not in TITLE_WORDS
        ):
            # "Abernathy's office said": the office speaks for its holder
            owner = sentence.run_ending_at(j - 1)
            if owner:
                run, start = owner
                roles, name = _split_role([*run[:-1], _possessive(run[-1])])
                return "name", [*sentence.role_before(start), *roles, "|", *name]
        owned = _owned_by_pronoun_before(toks, j)
        if owned >= 0:  # "His family said", "Its lawyers said": a description by its owner
            return "description", toks[owned : j + 1]
        found = sentence.run_ending_at(j)
        if found:
            run, start = found
            roles, name = _split_role(run)
            if len(run) == 1 and fold_word(run[0]).strip(".") in _CALENDAR:
                # "… through at least Saturday, said Martin Ekwueme", "officials … on
                # Tuesday announced": a day or a month says when, never who
                return None
            if start == 0 and len(run) == 1 and fold_word(run[0]) in _DETERMINERS | _QUANTIFIERS:
                return None  # "Several studies have found …, according to X, who … spoke"
            if start == 0 and len(run) == 1 and _common_plural(run[0], sentence):
                # "Nurses said …", "Officials said …": a group, named by its role; and
                # "Several …" names no one
                group = _group_role(fold_word(run[0]))
                return ("name", [group, "|", run[0]]) if group else None
            at = _placed_description(toks, start, j, floor)
            if at is not None:  # "A nurse at St. Brendan's said": a nurse, not the hospital
                return at
            person = _person_of(sentence, start)
            if person is not None:  # "Lorenzo Bassi of the state's Fiscal Policy Institute"
                return "name", [*person[0], *run, "|", *person[1]]
            for_whom = _role_for(toks, start)  # "a spokeswoman for Delta Air Lines said"
            if not roles and not for_whom and len(run) >= 2:
                # "The Presk Water Authority said": a body, marked by its article
                if fold_word(run[0]) == "the" and len(run) >= 3:
                    return "name", ["the", "|", *run[1:]]
                if start > 0 and fold_word(toks[start - 1]) == "the" and len(run) >= 2:
                    return "name", ["the", "|", *run]
            return "name", [*sentence.role_before(start), *for_whom, *roles, "|", *name]
        # a lower-case description: "the source", "a Ukrainian source", "the spokesperson"
        # or one with what it is of or for: "a steward for the Harbour Dockers union"
        desc: list[str] = []
        k = j
        while (
            k >= 0
            and (toks[k] not in _BOUNDARIES or _in_number(toks, k))
            and len(desc) < DESCRIPTION_WINDOW
        ):
            if 0 < len(desc) <= 3 and _possessive(toks[k]) and _is_cap(toks[k]):
                # "Pryor's family said", "Owen Pryor's lawyer said": whose they are
                owner = sentence.run_ending_at(k)
                if owner is None or any(not t.islower() for t in desc):
                    return None
                run, start = owner
                if start > 0 and not (
                    toks[start - 1] in _BOUNDARIES or fold_word(toks[start - 1]) in _CLAUSE_STARTERS
                ):
                    return None  # "The union that represents Vantage Rail's workers has warned"
                if fold_word(run[0]) in _DETERMINERS:
                    run = run[1:]  # "The Pryor's" is no name
                if not run or fold_word(_possessive(run[0]) or run[0]) in _CALENDAR:
                    return None  # "Tuesday's report said": a time owns nothing
                return "description", [*run, *desc]
            if fold_word(toks[k]) in _DESCRIPTION_ENDS:
                # "An endocrinologist at Lowen Bay Medical Centre who was not involved …
                # called": the person the relative clause is about; else "the plan is
                # dead": a clause, not a description
                return _described_before_who(toks, k)
            desc.insert(0, toks[k])
            if k == 0 and len(desc) >= 2 and toks[k].lower() in {"one", "another"}:
                # "One juror, a retired bus driver, spoke to reporters": a person, unnamed
                head = fold_word(desc[-1])
                one_of_us = _is_person_noun(head) or head.endswith(_PERSON_ENDINGS)
                return ("description", desc) if one_of_us else None
            if fold_word(toks[k]) in _DETERMINERS:
                # "in a video posted online": the object of a preposition is no subject,
                # but may belong to one further left ("a steward *for the union*")
                # "… after the council's finance chair asked for a review": a clause's
                # subject after its conjunction
                opens_clause = k > 0 and fold_word(toks[k - 1]) in _SUBORDINATORS
                if k > 0 and fold_word(toks[k - 1]) in _PREPOSITIONS and not opens_clause:
                    worker = _named_with_body(sentence, k - 1, desc)
                    if worker is not None:
                        return worker
                    k -= 1
                    continue
                if k > 0 and not _is_person_noun(fold_word(desc[-1]).strip(".")):
                    # "An engineer who examined the wreckage said": the object of the
                    # relative clause says nothing; the person the clause is about does
                    about = _described_before_who(toks, k - 1)
                    if about is not None:
                        return about
                return "description", _without_participle(desc)
            k -= 1
        group = _group_role(fold_word(desc[-1])) if desc and k < 0 and toks[j][:1].islower() else ""
        if (
            group
            and len(desc) <= 3
            and all(
                _is_cap(t) or (n > 0 and t.isalpha() and t.islower())
                for n, t in enumerate(desc[:-1])
            )
        ):
            # "Forestry officials said …", "Car wash owners said …": a group of people, by
            # its role and field
            return "name", [*desc[:-1], group, "|", *desc]
        return None


def _placed_description(
    toks: Sequence[str], start: int, j: int, floor: int
) -> tuple[str, list[str]] | None:
    """The subject when a capitalised run at ``start`` (ending right before the verb) is
    where a lower-case description before it is placed: "A nurse at St. Brendan's said",
    "The nurses' union at St. Brendan's called on", "Doctors at Mercy Hospital said" (a
    group, by its role); None when the run is no such complement."""
    k = start - 1
    if fold_word(toks[k - 1] if k >= 1 else "") in _DETERMINERS:
        k -= 1  # "a meteorologist with the National Weather Service"
    if k < 1 or fold_word(toks[k]) not in _PLACING:
        return None
    opening = k - 1 == 0 or toks[k - 2] in _BOUNDARIES  # "Doctors at Mercy Hospital said"
    collective = fold_word(toks[k - 1])
    if opening and collective in _COLLECTIVE_BODIES and fold_word(toks[k]) == "in":
        # "Police in Marlow said", "Authorities in Pell County said": the place's police,
        # a body, not the place
        place = list(toks[start : j + 1])
        roles = [w for w in map(_role_word, place) if w]
        return "name", [*roles, collective, "|", *place, collective]
    if not toks[k - 1][:1].islower() and not (opening and _group_role(fold_word(toks[k - 1]))):
        return None
    if toks[k - 1] in _BOUNDARIES or fold_word(toks[k - 1]) in _SKIP_BEFORE_VERB | _PASSIVE:
        return None
    end = j + 1
    desc: list[str] = []
    m = k - 1
    while m >= floor and len(desc) < DESCRIPTION_WINDOW and toks[m] not in _BOUNDARIES:
        word = fold_word(toks[m])
        if word in _DESCRIPTION_ENDS or word in SPEECH_VERBS or word in _PREPOSITIONS:
            return None  # a clause or another phrase: not a plain description
        desc.insert(0, toks[m])
        if word in _DETERMINERS or word == "one" or _is_cap(toks[m]):
            break
        m -= 1
    if not desc:
        return None
    placed = [*desc, *toks[k:end]]
    first = fold_word(desc[0])
    if first in _DETERMINERS or first == "one":
        return "description", placed
    group = _group_role(fold_word(desc[-1]))
    if group and (m <= floor or toks[m - 1] in _BOUNDARIES) and len(desc) <= 3:
        # "Doctors at Mercy Hospital said": a group, by its role and where it is
        roles = [w for w in map(_role_word, [*desc[:-1], *toks[k:end]]) if w]
        return "name", [*roles, group, "|", *placed]
    return None


def _body_named_after_description(
    sentence: _Sentence, comma: int, end: int
) -> tuple[str, list[str]] | None:
    """The body a sentence opens by describing and then naming between commas ("The
    nurses' union, the Aldenport Nurses Association, called on …"): its name, with the
    description's words as its roles; else None. The description opens the sentence with
    "the" and ends in a body's noun, the name ends in one."""
    toks = sentence.tokens
    if comma < 2 or fold_word(toks[comma + 1]) != "the" or end - comma < 3:
        return None
    run = toks[comma + 2 : end]
    # after an opening phrase: "In a statement, the organizing group, the X Collective,"
    opening = next((i for i in range(comma - 1, 0, -1) if toks[i] in _BOUNDARIES), -1)
    if opening > 0 and (toks[opening] != "," or fold_word(toks[0]) not in _CLAUSE_STARTERS):
        return None
    desc = toks[opening + 1 : comma]
    if not desc or not all(map(_is_cap, run)):
        return None
    # a name ending in a body's noun, or any name after a body's description ("the
    # organizing group, the Harbor Arts Collective")
    head = fold_word(desc[-1]).strip(".")
    if fold_word(run[-1]).strip(".") not in ORGANISATION_NOUNS and head not in _GROUP_BODIES:
        return None
    if fold_word(desc[0]) != "the" or not all(t[:1].islower() for t in desc[1:]):
        return None
    if not (_is_body_noun(desc) or head in _GROUP_BODIES) or len(desc) > DESCRIPTION_WINDOW:
        return None
    return "name", [*(w for w in map(_role_word, desc[1:]) if w), "|", *run]


def _is_adverb(toks: Sequence[str], j: int) -> bool:
    """Is token ``j`` an adverb by its ending ("repeatedly")? "Tully" is none, nor is
    "family" after "the", "his" or "Pryor's"."""
    if not toks[j].endswith("ly") or not toks[j][:1].islower():
        return False
    # "Pryor's family": a noun after an owner's name, as after "the" or "his"
    return j == 0 or (
        fold_word(toks[j - 1]) not in _DETERMINERS | _POSSESSIVES and not _possessive(toks[j - 1])
    )


def _owned_by_pronoun_before(toks: Sequence[str], j: int) -> int:
    """Where a subject that a possessive determiner opens ends at ``j`` ("*His* family",
    "*Their* longtime attorney") starts, else -1: lower-case words (at most three) after
    "his", "her", "its" or "their"."""
    k = j
    while k >= 0 and j - k < 3 and toks[k][:1].islower() and toks[k] not in _BOUNDARIES:
        if fold_word(toks[k]) in _DESCRIPTION_ENDS | _DETERMINERS | _PREPOSITIONS | PRONOUNS:
            return -1
        k -= 1
    if k < 0 or k == j or fold_word(toks[k]) not in _OWNER_PRONOUNS:
        return -1
    return k


def _is_group(entity: Entity) -> bool:
    """Is an entity a group named by a plural ("Nurses", "Forestry officials")?"""
    role = _group_role(fold_word(entity.name.split()[-1]))
    return bool(role) and role in entity.roles


# Tokens after which a capitalised word opens a quotation or clause, no name's place
_OPENINGS = frozenset({'"', "“", "‘", "(", ":", "—", "–"})


def _common_plural(token: str, sentence: _Sentence) -> bool:
    """Is a capitalised word opening a sentence a common noun, no name ("Nurses said",
    "Installers said")? When the article writes it, or its singular as a group of people,
    in lower case; or when it is the plural of a person noun the article never
    capitalises within a sentence (a surname is: "said Peters", "Ann Peters")."""
    word = fold_word(token)
    if word in sentence.lower_case:
        return True
    group = _group_role(word)
    return bool(group) and (group in sentence.lower_case or word not in sentence.mid_capitalised)


def _group_role(word: str) -> str:
    """The role of a group a plural noun names ("nurses" → "nurse", "officials" →
    "official", "residents" → "resident"), else "". The plural's singular must name a
    person: a post, an occupation or a noun of a person's ending."""
    if len(word) < 5 or not word.endswith("s") or word.endswith("ss"):
        return ""
    if word.endswith("ies"):
        singular = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes")):
        singular = word[:-2]
    else:
        singular = word[:-1]
    person = (
        _is_person_noun(singular) or singular in FAMILY_NOUNS or singular.endswith(_PERSON_ENDINGS)
    )
    return singular if person else ""


def _in_number(toks: Sequence[str], k: int) -> bool:
    """Is the comma at ``k`` a thousands separator ("1,900 nurses")?"""
    return (
        toks[k] == ","
        and 0 < k < len(toks) - 1
        and toks[k - 1].isdigit()
        and len(toks[k + 1]) == 3
        and toks[k + 1].isdigit()
    )


def _without_participle(desc: list[str]) -> list[str]:
    """A body's description cut before a participle phrase that says what it does ("The
    union representing 1,900 nurses": the union); any other description as it is ("the
    lawyer representing the family" is no body)."""
    for i in range(2, len(desc)):
        word = fold_word(desc[i])
        if word.endswith("ing") and desc[i][:1].islower() and _is_body_noun(desc[:i]):
            return desc[:i]
    return desc


def _described_before_who(toks: Sequence[str], k: int) -> tuple[str, list[str]] | None:
    """The description of a person right before a relative clause "who …" that holds
    position ``k`` with no comma ("An endocrinologist at Lowen Bay Medical Centre who
    was not involved in the research called …"): from "a", "an" or "the" to the word
    before "who", its head (the last word before a preposition) naming a person; None
    for any other clause."""
    w = k
    while w > 0 and k - w < DESCRIPTION_WINDOW and fold_word(toks[w]) != "who":
        if toks[w] in _BOUNDARIES:
            return None
        w -= 1
    if fold_word(toks[w]) != "who" or w < 2:
        return None
    d = w - 1
    while d >= 0 and w - d <= DESCRIPTION_WINDOW and fold_word(toks[d]) not in {"a", "an", "the"}:
        if toks[d] in _BOUNDARIES or fold_word(toks[d]) in _DESCRIPTION_ENDS:
            return None
        d -= 1
    if d < 0 or fold_word(toks[d]) not in {"a", "an", "the"}:
        return None
    words = list(toks[d:w])
    folded = [fold_word(t).strip(".") for t in words]
    cut = next((i for i in range(1, len(folded)) if folded[i] in _PREPOSITIONS), len(folded))
    if cut < 2 or not _is_person_noun(folded[cut - 1]) or any(_is_cap(t) for t in words[1:cut]):
        return None
    return "description", words


def _named_with_body(
    sentence: _Sentence, preposition: int, body: list[str]
) -> tuple[str, list[str]] | None:
    """A person named right before "of", "with" or "at" a body written in lower case
    ("Meteorologist Ron Delaney *of* the weather service said"), with the body's words
    as roles; None when no name of two words or more stands there."""
    toks = sentence.tokens
    if fold_word(toks[preposition]) not in _WORKS_AT:
        return None
    named = _full_name_ending_at(sentence, preposition - 1)
    if named is None:
        return None
    roles, name = named
    words = [w for w in (_role_word(t) for t in body) if w]
    return "name", [*roles, *words, "|", *name]


def _full_name_ending_at(sentence: _Sentence, end: int) -> tuple[list[str], list[str]] | None:
    """(role words, name) of the capitalised run ending at ``end`` when it holds a name of
    two words or more (a lone surname there is as often a place or a body); the role
    words are the title in the run and the description just before it."""
    found = sentence.run_ending_at(end)
    if not found:
        return None
    run, start = found
    roles, name = _split_role(run)
    if len(name) < 2:
        return None
    return [*sentence.role_before(start), *roles], name


def _role_for(toks: list[str], start: int) -> list[str]:
    """The role of an unnamed person who speaks for the body named at ``start``: "a
    spokeswoman *for* [Delta Air Lines]", "the chairman *of* [the] [Port Authority]"."""
    k = start - 1
    if k >= 0 and fold_word(toks[k]) in _DETERMINERS:
        k -= 1
    if k < 1 or fold_word(toks[k]) not in {"for", "of"} or not toks[k - 1][:1].islower():
        return []
    return [toks[k - 1]] if _is_head(toks[k - 1]) else []


def _owner_word(token: str) -> bool:
    """Is a token a possessive ("Mutual's", "growers'"), after which a verb's form is a
    noun ("Thornbury Mutual's claims director")?"""
    return bool(_possessive(token)) or (len(token) > 2 and token.endswith(("s'", "s’")))


def _possessive(token: str) -> str:
    """The word of a possessive token ("Abernathy's" → "Abernathy"), else ""."""
    for suffix in ("'s", "’s"):
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)]
    return ""


def _of_phrase_start(toks: list[str], start: int) -> int:
    """Where "of [the] [state's]" before position ``start`` begins (the "of"), else -1."""
    k = start - 1
    while (
        k >= 0
        and start - k <= 3
        and (fold_word(toks[k]) in _DETERMINERS or (toks[k][:1].islower() and _possessive(toks[k])))
    ):
        k -= 1
    return k if k >= 1 and toks[k] == "of" else -1


def _person_of(sentence: _Sentence, start: int) -> tuple[list[str], list[str]] | None:
    """(role words, name) of a person named before "of" an organisation that starts at
    ``start`` ("Lorenzo Bassi of the state's [Fiscal Policy Institute], said"): a name of
    two words or more; None otherwise."""
    of = _of_phrase_start(sentence.tokens, start)
    return _full_name_ending_at(sentence, of - 1) if of > 0 else None


def _comma_before(toks: list[str], j: int, floor: int) -> int:
    """Position of the comma before position ``j`` (at least ``floor``), else -1."""
    return next((i for i in range(j - 1, floor - 1, -1) if toks[i] == ","), -1)


def _is_place_after_description(toks: list[str], comma: int, floor: int) -> bool:
    """Does the capitalised phrase after ``comma`` end a description of someone named
    before it ("Paula Jimenez, a teacher from Columbus, Ohio, said"), rather than name the
    speaker ("A spokeswoman for the port, Jan de Wit, said")? A phrase that opens with a
    clause word after a comma that follows a name is such a description."""
    if comma < 1 or toks[comma + 1] in _QUOTE_MARKS or toks[comma + 1] == "”":
        return False  # '"It was chaos," Lena Park, 52, said': the quotation's own comma
    if _ends_a_place_of_origin(toks, comma):
        return True  # "Lakeshore Senior Living of Columbus, Ohio, said": the state
    if _names_with_post(toks, comma + 1):
        return False  # "The chair, retired judge Margaret Oyelaran, said": who she is
    if fold_word(toks[comma + 1]) == "the" and _titled_name_at(toks, comma + 2):
        return False  # "The parish priest, the Rev. Tobias Hale, said": a titled name
    if fold_word(toks[comma + 1]) in _CLAUSE_OPENERS or not _is_cap(toks[comma + 1]):
        return True  # the phrase itself is a clause ending in a capitalised word
    if _is_head(toks[comma + 1]) and _is_cap(toks[comma - 1]):
        # "Ann Moss, CEO of Brightline, said": a role after her name; but "A spokesperson
        # for the Ashford Police Service, Constable Leah Moran, said": a titled name
        return not _titled_name_at(toks, comma + 1)
    earlier = _comma_before(toks, comma, floor)
    # "Later on Tuesday, a department spokesperson, Carla Deschamps, told": a day or a
    # month before the description is when, never whom it describes
    return (
        earlier > 0
        and fold_word(toks[earlier + 1]) in _CLAUSE_OPENERS
        and _is_cap(toks[earlier - 1])
        and fold_word(toks[earlier - 1]) not in PRONOUNS | _CALENDAR
    )


def _ends_a_place_of_origin(toks: list[str], comma: int) -> bool:
    """Is the one capitalised word after ``comma`` the state or country of a place named
    after "of" or "from" right before the comma ("… of Columbus, Ohio, said")?"""
    if comma + 2 >= len(toks) or toks[comma + 2] not in _BOUNDARIES:
        return False
    if not _is_cap(toks[comma + 1]) or not _is_cap(toks[comma - 1]):
        return False
    k = comma - 1
    while k > 0 and comma - k <= 3 and _is_cap(toks[k - 1]):
        k -= 1
    return k > 0 and fold_word(toks[k - 1]) in {"of", "from"}


def _titled_name_at(toks: Sequence[str], k: int) -> bool:
    """Is the phrase at ``k`` a title and a name of two words or more set off by a comma
    ("Constable Leah Moran,", "the Rev. Samuel Odum of First Baptist Church,")?"""
    end = k
    while (
        end < len(toks)
        and end - k <= MAX_RUN
        and (
            _is_cap(toks[end])
            or (toks[end] in _JOINERS and end + 1 < len(toks) and _is_cap(toks[end + 1]))
        )
    ):
        end += 1
    if end >= len(toks) or toks[end] != ",":
        return False
    roles, name = _split_role(list(toks[k:end]))
    return bool(roles) and len(name) >= 2


def _post_start(toks: Sequence[str], j: int) -> int:
    """Where the post written before the name at ``j`` begins, when a comma sets the two
    off ("The chair, [retired High Court judge] Margaret Oyelaran,"): right after that
    comma; else ``j``."""
    k = j - 1
    while k >= 0 and j - k <= APPOSITION_WINDOW and toks[k] not in _BOUNDARIES:
        k -= 1
    if k > 0 and toks[k] == "," and k + 1 < j and _names_with_post(toks, k + 1):
        return k + 1
    return j


def _names_with_post(toks: Sequence[str], k: int) -> bool:
    """Does a phrase set off by a comma at ``k`` name a person by a post written before
    the name ("council member Raymond Pell", "retired High Court judge Margaret
    Oyelaran"): at most :data:`APPOSITION_WINDOW` words, a role word among them, up to a
    name of two capitalised words or more that ends at a boundary?"""
    end = k
    while end < len(toks) and end - k < APPOSITION_WINDOW and toks[end] not in _BOUNDARIES:
        end += 1
    if (end < len(toks) and toks[end] not in _BOUNDARIES) or end - k < 3:
        return False  # a boundary or the sentence's end ends the name
    phrase = [t.rstrip(".") if n == end - k - 1 else t for n, t in enumerate(toks[k:end])]
    if not phrase[0][:1].islower() or fold_word(phrase[0]) in _CLAUSE_OPENERS:
        return False  # "a teacher from Columbus, Ohio": a description, not a name
    names = 0
    while names < len(phrase) and _is_cap(phrase[-1 - names]):
        names += 1
    post = phrase[: len(phrase) - names]
    if any(fold_word(t) in _PREPOSITIONS for t in post):
        # "Lucy Tran, chief executive of Orbis Health,", "Fatima Oyelaran, policy director
        # at the nonprofit Clean Heat Lakeshire,": the body she works for, no name
        return False
    if post and fold_word(post[-1]) in _DETERMINERS:
        return False
    roles, name = _split_role(phrase[len(phrase) - names :]) if names else ([], [])
    # "The lead petitioner, retired schoolteacher Gloria Benitez, said": an occupation
    # the role tables lack names a person by its ending, as "a retired bus driver" does
    occupation = bool(post) and fold_word(post[-1]).endswith(_PERSON_ENDINGS)
    return (
        len(name) >= 2
        and all(t.isalpha() for t in post)
        and (occupation or any(_is_role_word(t) for t in [*post, *roles]))
    )


def _quoted_tokens(tokens: Sequence[str], starts_inside: bool) -> list[bool]:
    """Which tokens stand inside a quotation (the sentence starting inside one, or not),
    in a sentence that has a quotation mark; none in a sentence without one, whatever
    the state carried over says."""
    if not any(t in _QUOTE_MARKS or t == "”" for t in tokens):
        return [False] * len(tokens)
    states = _quote_states(tokens, starts_inside)
    return [
        inside and tok not in _QUOTE_MARKS and tok != "”"
        for tok, inside in zip(tokens, states, strict=True)
    ]


def _find_speakers(sentence: _Sentence, starts_inside: bool = False) -> list[tuple[str, list[str]]]:
    """The subjects of the sentence's verbs of speech, in order; a subject reported
    inside another's speech ("Reyna said Amsel had told officers …": no comma or
    quotation mark between the two verbs) comes first, so that the one who reports it
    is the sentence's last speaker, whom a "he said" after it means. A verb inside a
    quotation is the speaker's own words ('"People told us …': no one is attributed
    there), whether the quotation opens in this sentence or before it, unless the
    editor names its subject in brackets ("“(Lavrov) confirmed …”")."""
    toks = sentence.tokens
    quoted = _quoted_tokens(toks, starts_inside)
    found: list[tuple[str, list[str]]] = []
    nested: list[tuple[str, list[str]]] = []
    reporting = -1  # the verb whose reported speech the sentence is in, if any
    first_verb = -1  # the first verb of speech with a subject
    # Boundaries before each token, counted once: "is there a boundary between the
    # reporting verb and this one" is then a subtraction, not a rescan per verb (a sentence
    # of many verbs of speech would be quadratic).
    boundaries_before = [0]
    for tok in toks:
        boundaries_before.append(boundaries_before[-1] + (tok in _BOUNDARIES))
    for v, tok in enumerate(toks):
        word = fold_word(tok).rstrip(".")
        if word == "according" and v + 2 < len(toks) and fold_word(toks[v + 1]) == "to":
            source = _source_of(toks, v + 2)
            described = _described_source(sentence, source)
            after = sentence.run_starting_at(source)
            post = _post_before_name(toks, source)
            if after is None and post > source:
                # "according to university spokesperson Walter Greer": a post in lower
                # case before the name
                named = sentence.run_starting_at(post)
                if named:
                    roles, name = _split_role(named)
                    found.append(("name", [*toks[source:post], *roles, "|", *name]))
                    continue
            if described is not None:
                # "according to the library's director, Miriam Okonjo": the name, by the
                # description before it
                found.append(described)
            elif after:
                roles, name = _split_role(after)
                found.append(("name", [*roles, "|", *name]))
            else:
                found += _body_according_to(sentence, source)
            continue
        if v == 0 and word in _OPENING_VERBS:
            # 'Said Fire Chief Olga Brandt: "…"': the verb before its speaker
            after = sentence.run_starting_at(1)
            if after:
                roles, name = _split_role(after)
                found.append(("name", [*roles, "|", *name]))
            continue
        # 'X called the study "well designed but small"': calling it so, in quotes, is speech
        naming = word == "called" and any(t in _QUOTE_MARKS for t in toks[v + 1 : v + 7])
        calling = naming
        # "Trask estimated that he took in …": a person's estimate reported as a clause
        # is speech (the person right before it: a body's or a description's estimate is
        # its figure, not a quotation)
        # "She called on residents not to return", "Pell called for a review": a
        # person's appeal (a plan "calls for" stewards, and a body's call is its plan)
        appeal = word == "called" and v + 1 < len(toks) and fold_word(toks[v + 1]) in {"on", "for"}
        # "Board member Yusuf Carrandine, who voted against the contract, has called for
        # …": the appeal after an auxiliary, its subject a name past what commas set off
        calling = calling or (appeal and _after_auxiliary(toks, v) and _names_subject(sentence, v))
        calling = calling or (
            (
                appeal
                # "the recount, which Linwood estimated would cost $18,000": the estimate
                # of a thing the clause is about
                or (
                    word in _ESTIMATING
                    and v + 1 < len(toks)
                    and fold_word(toks[v + 1]) in {"that", *_REPORTED_MODALS}
                )
            )
            and v > 0
            and (
                _is_cap(toks[v - 1])
                or fold_word(toks[v - 1]) in GENDERED
                # "The nurses' union, the Aldenport Nurses Association, called on"
                or (toks[v - 1] == "," and v >= 2 and _is_cap(toks[v - 2]))
            )
        )
        # "She called the forecast the final blow", "Reyes called it a disgrace": a
        # person's verdict on something, reported without quotation marks
        calling = calling or (
            word == "called"
            and v > 0
            and (
                _is_cap(toks[v - 1])
                or fold_word(toks[v - 1]) in GENDERED
                # "Mayor Ann Reed, who had campaigned on it, called the vote …": a name
                # past the clause set off by commas
                or (toks[v - 1] == "," and _names_subject(sentence, v))
            )
            and _calls_it_so(toks, v)
        )
        # "The drivers' union has also raised concerns", "Residents voiced strong
        # objections": voicing a concern is speech
        calling = calling or (
            word in _VOICING
            and any(fold_word(t).strip(".,") in _CONCERNS for t in toks[v + 1 : v + 4])
        )
        # "Amado declined to name the contractor", "She refused to identify him": what a
        # person (a name or "he"/"she" right before) would not tell is reported of them
        calling = calling or (
            word in _WITHHOLDING_VERBS
            and v >= 3
            and fold_word(toks[v - 1]) == "to"
            and fold_word(toks[v - 2]) in _REFUSING
            and (
                fold_word(toks[v - 3]) in GENDERED
                # a name, no common noun opening the sentence ("Voters declined to name")
                or (
                    _is_cap(toks[v - 3])
                    and fold_word(toks[v - 3]) not in _DETERMINERS
                    and not (v == 3 and fold_word(toks[0]) in sentence.lower_case)
                )
            )
        )
        # "Governor Ann Lee vows to veto the bill": a headline's or lede's pledge in the
        # present, only before its infinitive or clause (the nouns: "Lee's vows to …",
        # "wedding vows were exchanged")
        calling = calling or (
            word in _PRESENT_PLEDGES
            and v > 0
            and v + 1 < len(toks)
            and fold_word(toks[v + 1]) in {"to", "that"}
            and not toks[v - 1].endswith(("'s", "’s", "s'", "s’"))
        )
        # "Marsh agreed.", "Lin agreed, saying …", "Lin agrees that …": assent is a reply
        # (not "agreed to pay", "agreed with", "an agreed plan")
        agreeing = word in _AGREEING and (
            tok.endswith(".") or v + 1 == len(toks) or fold_word(toks[v + 1]) in {",", ":", "that"}
        )
        if not tok[:1].islower() or (
            word not in SPEECH_VERBS and word not in RESPONSE_VERBS and not calling and not agreeing
        ):
            continue
        if quoted[v] and (v == 0 or toks[v - 1] != ")"):  # '“(Lavrov) confirmed …”': the editor's
            continue
        if v > 0 and (
            toks[v - 1].lower() in _NOUN_BEFORE
            or (word in _NOUN_FORMS and _owner_word(toks[v - 1]))
        ):
            # "a request for comment", "the claims", "Thornbury Mutual's claims director":
            # a noun, no verb of speech
            continue
        quoted_as = word == "quoted" and v + 1 < len(toks) and fold_word(toks[v + 1]) == "as"
        if _is_passive(toks, v) and not quoted_as:
            continue  # "residents were (not) told": no speaker; but "X was quoted as saying"
        if word in _SPEAKING_AT_ALL and _is_negated(toks, v):
            continue  # "Kettleby did not respond to requests for comment": silent
        said_what = fold_word(toks[v + 1]).strip(".,") if v + 1 < len(toks) else ""
        if said_what in _NOTHING or (word == "pleaded" and said_what in _PLEAS):
            continue  # "… and said nothing", "Hale pleaded not guilty": no words of theirs
        if word in _DECREES and _decreed_thing(toks, v):
            continue  # "Mayor Ann Lee ordered flags lowered": an act, no words of hers
        if word in {"added", "adds"} and said_what[:1].isdigit() | said_what.startswith("$"):
            continue  # "the bank had added 200 staff": a sum, no words
        if _acts_on_antecedent(toks, v):
            continue  # "The recount, which her campaign requested on Feb. 27, took …"
        couple = _kin_named_by_given_name(sentence, v)
        if couple:
            # "Sara Ellis and her husband, Mark, said": both speak, he by their surname
            found += [c for c in couple if c not in found]
            if first_verb < 0:
                first_verb = v
            if reporting < 0:
                reporting = v
            continue
        subject = _subject_before(sentence, v)
        if naming and (subject is None or subject[0] == "pronoun"):
            continue  # 'for what she called "…"': whose words, the clause does not say
        if word in RESPONSE_VERBS or agreeing:
            if subject is not None and subject[0] != "description":  # "the board rejected it"
                found.append(subject)
            continue
        if (
            subject is not None
            and word in _SAYING
            and _is_negated(toks, v)
            and (_of_a_body(subject) or (said_what in _UNSAID_QUESTIONS and _not_yet(toks, v)))
        ):
            # "The hospital has not said how much …": the body's silence, no one's words;
            # a person's too when they have taken no position yet ("Mayor Daniel Foss has
            # not said whether he supports it"); but "She did not say how much she would
            # seek" and "declined to say whether" are how someone answered
            continue
        late = subject is None or (subject[0] == "description" and v > 0 and toks[v - 1] in '”",')
        if late:
            following = _subject_after(sentence, v)
            if following is not None and (subject is None or following[0] == "name"):
                subject = following
        if subject is None:
            continue
        inside = reporting >= 0 and boundaries_before[v] == boundaries_before[reporting + 1]
        if inside and subject[0] == "pronoun":
            # "Mayor Carla Brandt told reporters that she had asked …": the reporter's
            # own pronoun, no one else
            continue
        if inside and subject[0] == "name" and subject not in found:
            nested.append(subject)
            continue
        if (
            inside
            and subject[0] == "description"
            and (_is_body_noun(subject[1][-1:]) or fold_word(subject[1][0]) in _OWNER_PRONOUNS)
        ):
            # "She added that the union had asked …", "She said her husband had told
            # her …": the reporter's account of them
            continue
        if inside and subject[0] == "description" and fold_word(subject[1][0]) in {"a", "an"}:
            # "Solano said an adjuster told her …": the reporter stays the last speaker,
            # whom "She said …" next means
            if subject not in nested:
                nested.append(subject)
            continue
        found.append(subject)
        if first_verb < 0:
            first_verb = v
        if subject[0] == "name" and not late:
            first, shared = _coordinated_with(sentence, v)  # "Varga and Ek both said"
            if first and shared:
                # "Council members Tom Lee and Mae Ortiz said": the plural title is both's
                found[-1] = ("name", [*shared, *subject[1]])
            found += first
        if reporting < 0 and not late:
            reporting = v
    if not found:
        found = _introducing_a_quotation(sentence)
    if first_verb > 0:
        # "The department, speaking through spokesperson Kevin Tran, said", "Corvane,
        # through spokeswoman Ana Cole, said": the body speaks by its spokesperson
        found += [s for s in _spokespeople(sentence, first_verb) if s not in found]
    return nested + found


def _kin_named_by_given_name(sentence: _Sentence, v: int) -> list[tuple[str, list[str]]]:
    """The two subjects of "Sara Ellis and her husband, Mark, said" before the verb at
    ``v``: the person named in full, and their kin named by a given name alone, who
    shares their surname ("Mark Ellis", with the tie as his role); [] for any other
    subject."""
    toks = sentence.tokens
    if v < 5 or toks[v - 1] != "," or toks[v - 3] != ",":
        return []
    given = toks[v - 2]
    kin = fold_word(toks[v - 4])
    if not _is_cap(given) or not given.isalpha() or _is_title(given) or kin not in FAMILY_NOUNS:
        return []
    owner = _possessive(toks[v - 5])
    if owner and _is_cap(owner) and owner.isalpha():
        # "Wu's wife, Mae, said", "Tom Wu's wife, Mae, said": the kin alone speaks, and
        # shares the owner's surname
        return [("name", [kin, "|", given, owner])]
    if v < 7 or fold_word(toks[v - 5]) not in _OWNER_PRONOUNS or fold_word(toks[v - 6]) != "and":
        return []
    named = _full_name_ending_at(sentence, v - 7)
    if named is None:
        return []
    roles, name = named
    return [("name", [*roles, "|", *name]), ("name", [kin, "|", given, name[-1]])]


def _after_auxiliary(toks: Sequence[str], v: int) -> bool:
    """Does the verb at ``v`` follow "has", "have" or "had", with at most one adverb
    between ("has called for", "had also called on")?"""
    k = v - 1
    adverb = fold_word(toks[k]) in {"also", "long", "since"} or toks[k].endswith("ly")
    if k > 0 and adverb and toks[k][:1].islower():
        k -= 1
    return k >= 1 and fold_word(toks[k]) in {"has", "have", "had"}


def _names_subject(sentence: _Sentence, v: int) -> bool:
    """Is the subject of the verb at ``v`` a name (a person's or a body's), past what
    commas set off?"""
    subject = _subject_before(sentence, v)
    return subject is not None and subject[0] == "name"


def _calls_it_so(toks: Sequence[str], v: int) -> bool:
    """Does "called" at ``v`` take an object and a noun phrase that names it ("called the
    forecast the final blow", "called it a disgrace"), rather than a telephone call
    ("called the police the next morning", "called 911")?"""
    k = v + 1
    if k >= len(toks):
        return False
    first = fold_word(toks[k])
    if first in _THING_PRONOUNS:
        m = k + 1
    elif first in _INDEFINITE or first in _POSSESSIVES:
        m = k + 1
        while (
            m < len(toks)
            and m - k <= 4
            and fold_word(toks[m]) not in _INDEFINITE
            and toks[m] not in _BOUNDARIES
        ):
            m += 1
    else:
        return False
    if m >= len(toks) or fold_word(toks[m]) not in _INDEFINITE:
        return False
    named = [fold_word(t).strip(".,") for t in toks[m + 1 : m + 4]]
    return bool(named) and not any(w in _WHEN_CALLED for w in named)


RELATIVE_WINDOW = 6  # tokens between "which" and the verb of its clause


def _acts_on_antecedent(toks: Sequence[str], v: int) -> bool:
    """Is the verb at ``v`` in a relative clause whose object is its antecedent ("The
    recount, which Venkataraman's campaign requested on Feb. 27, took six days"): the
    request is a thing done, no words reported. The verb has no complement of its own
    (a preposition, a comma or the end follows); "the plan, which she said was
    reckless" and "which she described as reckless" still report."""
    after = fold_word(toks[v + 1]) if v + 1 < len(toks) else ""
    complement = after not in _PREPOSITIONS or after in {"about", "to"}
    if after and after not in _BOUNDARIES and complement:
        return False
    for j in range(v - 1, max(-1, v - 1 - RELATIVE_WINDOW), -1):
        if toks[j] in _BOUNDARIES:
            return False
        if fold_word(toks[j]) in _OBJECT_RELATIVES:
            return j + 1 < v
    return False


# Verbs that say whether someone spoke at all, with no content of their own: negated,
# the person was silent ("did not speak", "has not commented"); "did not say whether …"
# still reports what they would not say.
NOR_WINDOW = 8  # tokens before a verb in which "nor" negates its subject


def _of_a_body(subject: tuple[str, list[str]]) -> bool:
    """Is a subject a body, by a description's head or a name's last word ("the hospital",
    "the state health department", "Mercy Hospital"), not a person?"""
    kind, words = subject
    if kind == "description":
        head = _before_place(words)
        return _is_body_noun(head) or fold_word(head[-1]).strip(".") in ORGANISATION_NOUNS
    return kind == "name" and fold_word(words[-1]).strip(".") in ORGANISATION_NOUNS


# What someone "has not said" when it is a question left open, or nothing at all ("has
# not said."): silence.
_UNSAID_QUESTIONS = frozenset("whether if how what when why who where which".split()) | {""}
_PERFECT = frozenset("has have had".split())


def _not_yet(toks: Sequence[str], v: int) -> bool:
    """Is the verb at ``v`` negated in the perfect ("has not said", "hasn't yet said"):
    no word of theirs so far, rather than a refusal when they spoke ("did not say")?"""
    k = v - 1
    while k >= 0 and v - k <= 3 and fold_word(toks[k]) in _NEGATION_GAP:
        k -= 1
    word = fold_word(toks[k]).replace("’", "'") if k >= 0 else ""
    if word.endswith("n't"):
        return word[:-3] in _PERFECT
    return word == "not" and k > 0 and fold_word(toks[k - 1]) in _PERFECT


def _decreed_thing(toks: Sequence[str], v: int) -> bool:
    """Does a thing follow the verb at ``v``, in lower case and not a clause ("ordered
    the evacuation", "declared a local emergency"; not "declared that", "ordered on
    Monday that", '"Out," he ordered.')?"""
    if v + 1 >= len(toks) or not toks[v + 1][:1].islower():
        return False
    after = fold_word(toks[v + 1])
    return after not in _PREPOSITIONS and after not in {"that", "to"} | _CALENDAR


def _is_negated(toks: Sequence[str], v: int) -> bool:
    """Is the verb at ``v`` negated as a fact: "did not speak", "didn't respond", "has
    never commented", "never spoke", "did not immediately respond", "declined to
    comment" (not "declined to comment on the claims")? Such a sentence says the person
    did not speak."""
    k = v - 1
    while k >= 0 and v - k <= 3 and fold_word(toks[k]) in _NEGATION_GAP:
        k -= 1
    if k < 0:
        return False
    # "Neither Reed nor Lane responded", "Neither the company nor its lawyers responded":
    # the subject's "nor" within a few words before the verb
    if any(fold_word(t) == "nor" for t in toks[max(0, v - NOR_WINDOW) : v]):
        return True
    word = fold_word(toks[k]).replace("’", "'")
    if word.endswith("n't"):
        return word[:-3] in _DID
    if word == "never":
        return True
    # "Osei declined to comment", "She refused to respond": a refusal to speak at all;
    # but "declined to comment on the union's claims" is what they said of the claims
    if word == "to" and k > 0 and fold_word(toks[k - 1]) in _REFUSING:
        return v + 1 >= len(toks) or fold_word(toks[v + 1]) not in _TOPIC_AFTER
    return word == "not" and k > 0 and fold_word(toks[k - 1]) in _DID


def _is_passive(toks: Sequence[str], v: int) -> bool:
    """Is the verb at ``v`` a passive ("were told", "were not told", "was never told")?"""
    k = v - 1
    while k >= 0 and v - k <= 3 and fold_word(toks[k]) in _PASSIVE_GAP:
        k -= 1
    return k >= 0 and fold_word(toks[k]) in _PASSIVE


def _coordinated_with(sentence: _Sentence, v: int) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """The first of two names joined by "and" right before the verb at ``v`` ("Varga and
    Ek both said", "Mayor Jo Lin and Chief Ann Park said"), as a subject, and the role
    words of a plural title in lower case both names share ("Council members Tom Lee and
    Mae Ortiz", "city council members …": "council member"); ([], []) otherwise."""
    toks = sentence.tokens
    j = v - 1
    while j >= 0 and fold_word(toks[j]) in _SKIP_BEFORE_VERB | {"both"}:
        j -= 1
    second = sentence.run_ending_at(j)
    if not second or second[1] < 2 or toks[second[1] - 1] != "and":
        return [], []
    first = sentence.run_ending_at(second[1] - 2)
    if not first:
        return [], []
    run, start = first
    shared: list[str] = []
    if start > 0 and _plural_title(toks[start - 1]) and toks[start - 1][:1].islower():
        # "Council members Tom Lee", "city council members Tom Lee"
        field = start - 1
        while (
            field > 0
            and start - field < 4
            and toks[field - 1] not in _BOUNDARIES
            and (_is_cap(toks[field - 1]) or _is_field_word(toks[field - 1]))
        ):
            field -= 1
        if field > 0 and toks[field - 1] not in _BOUNDARIES:
            return [], []
        shared = [*toks[field : start - 1], _plural_title(toks[start - 1])]
        start = field
    if start > 0 and toks[start - 1] not in _BOUNDARIES:
        return [], []  # "… with Varga and Ek said", "the Report and Order announced"
    roles, name = _split_role(run)
    return [("name", [*sentence.role_before(start), *shared, *roles, "|", *name])], shared


def _plural_title(word: str) -> str:
    """The singular of a plural post ("members" → "member", "trustees" → "trustee"), or ""."""
    folded = fold_word(word).strip(".")
    singular = folded[:-1] if folded.endswith("s") and len(folded) > 4 else ""
    return singular if singular and (singular == "member" or _is_role_word(singular)) else ""


def _source_of(toks: list[str], k: int) -> int:
    """Where the name after "according to" starts: at ``k``, or past a document of theirs
    ("according to a statement from [Jo Lin]", "according to an email by [the] …")."""
    m = k
    while m < len(toks) and m - k < 4 and toks[m][:1].islower():
        if fold_word(toks[m]) in {"from", "by"}:
            m += 1
            if m < len(toks) and fold_word(toks[m]) in _DETERMINERS:
                m += 1
            return m
        m += 1
    return k


def _body_according_to(sentence: _Sentence, k: int) -> list[tuple[str, list[str]]]:
    """The body named after "according to" at ``k`` by a description in lower case that
    ends in a body's head ("according to the state health department"); not a document
    or a thing ("according to the report", "according to the department's figures").
    (A capitalised body after "the" is left unread: "according to the Digital Money
    Council, an industry research group" then took "the food industry group" and "the
    lead researcher" from the people they describe.)"""
    toks = sentence.tokens
    if k < len(toks) and fold_word(toks[k]) != "the" and k > 0 and fold_word(toks[k - 1]) == "the":
        k -= 1  # "according to a statement from the …": the source starts past "the"
    if k >= len(toks) or fold_word(toks[k]) != "the":
        return []
    named = _named_body_according_to(sentence, k + 1)
    if named:
        return [("name", ["the", "|", *named])]
    m = k + 1
    while m < len(toks) and m - k <= 4 and toks[m][:1].islower() and toks[m] not in _BOUNDARIES:
        m += 1
        if toks[m - 1].endswith("."):
            break
    words = toks[k:m]
    ends = m == len(toks) or toks[m] in _BOUNDARIES or toks[m - 1].endswith(".")
    # "according to the mayor": a person the article named, by their post
    post = len(words) == 2 and fold_word(words[1]).strip(".") in ROLE_HEADS
    if len(words) < 2 or not ends or not (_is_body_noun(words) or post):
        return []
    return [("description", words)]


def _named_body_according_to(sentence: _Sentence, k: int) -> list[str]:
    """The body named by the capitalised run at ``k`` after "according to the", when the
    run is the whole source and its head is a body's noun ("the Ridgeport Fire
    Department.", "According to the Kinross Area Chamber of Commerce, …"); else []. The
    run must end the sentence, or the opening "According to …," clause: a description
    after it ("the Digital Money Council, an industry research group") would be taken for
    the body's own, though the article meant people elsewhere by it."""
    toks = sentence.tokens
    run = sentence.run_starting_at(k)
    if not run or is_given_name(run[0]):
        return []
    end = k + len(run)
    opening = fold_word(toks[0]) == "according"
    described = end + 1 < len(toks) and fold_word(toks[end + 1]) in {"a", "an"}
    if not (end == len(toks) or (opening and toks[end] == "," and not described)):
        return []
    head = next((i for i, t in enumerate(run) if t in _JOINERS), len(run)) - 1
    noun = fold_word(run[head]).strip(".")
    if head < 1 or noun not in ORGANISATION_NOUNS:
        return []
    return run


def _described_source(sentence: _Sentence, k: int) -> tuple[str, list[str]] | None:
    """The person named after a description of them that follows "according to" at
    ``k`` ("according to the library's director, Miriam Okonjo", "according to St.
    Odile's chief executive, Deborah Kessing"): a name of two words or more after a
    comma, with the description's words as roles; else None. The description opens with
    a determiner, a possessive or its owner's name in the possessive, and names a post."""
    toks = sentence.tokens
    m = k
    while m < len(toks) and m - k < APPOSITION_WINDOW and toks[m] not in _BOUNDARIES:
        m += 1
    if m >= len(toks) or toks[m] != "," or m == k:
        return None
    phrase = toks[k:m]
    owner = next((i for i, t in enumerate(phrase[:4]) if _owner_word(t)), -1)
    owned = owner >= 0 and all(_is_cap(t) for t in phrase[: owner + 1])
    opener = fold_word(phrase[0])
    if not (opener in _DETERMINERS or opener in _POSSESSIVES or owned):
        return None
    if any(fold_word(t) in SPEECH_VERBS or fold_word(t) in _DESCRIPTION_ENDS for t in phrase):
        return None
    words = [w for w in (_role_word(t) for t in _without_owner_title(phrase)) if w]
    if not any(_is_person_noun(w) for w in words):
        return None  # "according to the report, Smith …": no person described
    named = sentence.run_starting_at(m + 1, APPOSITION_WINDOW)
    if not named:
        return None
    end = m + 1 + len(named)
    if end < len(toks) and toks[end] not in _BOUNDARIES:
        return None
    roles, name = _split_role(named)
    if len(name) < 2:
        return None
    return "name", [*words, *roles, "|", *name]


def _introducing_a_quotation(sentence: _Sentence) -> list[tuple[str, list[str]]]:
    """The name a sentence opens with when it introduces a quotation with a colon ("Mayor
    Jo Lin was blunt: “The dam held, but barely.”"): that person is quoted."""
    toks = sentence.tokens
    colon = next((i for i, t in enumerate(toks) if t == ":"), -1)
    if colon < 1 or colon + 1 >= len(toks) or toks[colon + 1] not in _QUOTE_MARKS:
        return []
    start = _described_opening(toks, colon)
    run = sentence.run_starting_at(start)
    if not run or start + len(run) >= colon:
        return []
    if fold_word(run[0]) in _DETERMINERS | _CLAUSE_STARTERS:
        return []
    end = start + len(run)
    # "The fire chief, Tom Kell, was": the comma after the name closes the description
    after = end + 1 if start and toks[end] == "," else _past_apposition(toks, end, colon)
    if after < 0 or not toks[after][:1].islower():
        return []  # "In February 2011, …: “…”" opens with a time, not its subject
    if start and len(run) < 2:
        return []
    roles, name = _split_role(run)
    if not name or (len(name) < 2 and not roles):  # "Officials: “…”" names no one
        return []
    return [("name", [*roles, "|", *name])]


def _described_opening(toks: Sequence[str], colon: int) -> int:
    """Where the name starts in a sentence that opens with a description of the person
    set off by a comma before it ("The fire chief, Tom Kell, was more cautious: “…”",
    "Her neighbor, Lena Park, …"): past that comma; else 0."""
    if not toks or fold_word(toks[0]) not in _DETERMINERS | _POSSESSIVES:
        return 0
    k = 1
    while k < colon and k <= APPOSITION_WINDOW and toks[k][:1].islower() and toks[k].isalpha():
        k += 1
    if k < 2 or k >= colon or toks[k] != "," or k + 1 >= colon:
        return 0
    return k + 1


def _past_apposition(toks: Sequence[str], end: int, colon: int) -> int:
    """The position after a name ending at ``end``, past a description set off by commas
    ("Tom Kell, the fire chief, was blunt", "Ann Reed, 52, put it"); -1 when a comma
    opens no such description ("Mayor Jo Lin, Tom Kell and Ann Reed signed")."""
    if toks[end] != ",":
        return end
    if end + 1 >= colon or not (toks[end + 1][:1].islower() or toks[end + 1].isdigit()):
        return -1
    k = end + 1
    while k < colon and k - end <= APPOSITION_WINDOW and toks[k] not in _BOUNDARIES:
        k += 1
    return k + 1 if k + 1 < colon and toks[k] == "," else -1


def _spokespeople(sentence: _Sentence, verb: int) -> list[tuple[str, list[str]]]:
    """Each "spokesperson Kevin Tran" (a name of two words or more after a word for one
    who speaks for a body) set off by commas between a sentence's subject and its verb
    of speech at ``verb``, as a subject."""
    toks = sentence.tokens
    out: list[tuple[str, list[str]]] = []
    comma = next((i for i in range(verb) if toks[i] == ","), verb)
    for k in range(comma + 1, verb - 1):
        if fold_word(toks[k]) in _SPOKES_WORDS and toks[k][:1].islower():
            run = sentence.run_starting_at(k + 1)
            if run and len(run) >= 2:
                out.append(("name", [toks[k], "|", *run]))
    return out


def _subject_after(sentence: _Sentence, v: int) -> tuple[str, list[str]] | None:
    """The speaker named after the verb at ``v`` when a quotation or a clause ends right
    before it: "…,” said Peskov", "…,” said the organiser, Nina Holt", "…,” said the
    mayor". Not after a verb inside a clause ("tests had confirmed Salmonella in …")."""
    toks = sentence.tokens
    if v == 0 or toks[v - 1] not in '”",':
        return None
    after = sentence.run_starting_at(v + 1)
    # '"…," said Bellmere's public works director, Howard Kinsella': an owner, then the
    # post in lower case and the name
    owner = (
        after is not None
        and len(after) == 1
        and bool(_possessive(after[0]))
        and v + 2 < len(toks)
        and toks[v + 2][:1].islower()
    )
    if after and not owner:
        if fold_word(after[0]).strip(".") in _CALENDAR:  # "announced Thursday"
            return None
        roles, name = _split_role(after)
        return "name", [*roles, "|", *name]
    k = v + 1
    if k >= len(toks) or not (owner or toks[k][:1].islower()):
        return None
    # '"…," said one of the volunteers, Dan Frey': one of a group, by its singular
    one_of = fold_word(toks[k]) == "one" and k + 1 < len(toks) and fold_word(toks[k + 1]) == "of"
    m = k + 2 if one_of else k + 1 if owner else k
    while (
        m < len(toks)
        and m - k < POST_AFTER_VERB
        and toks[m][:1].islower()
        and toks[m] not in _BOUNDARIES
    ):
        word = fold_word(toks[m])
        if word in _DESCRIPTION_ENDS | _REPORTED_MODALS | _PREPOSITIONS:
            if word == "who" and _is_described_person(toks[k:m]):
                # '"…," said a man who gave only his first name': an unnamed person
                return "description", toks[k:m]
            return None  # '"…," said the fire was out': a clause, no speaker
        m += 1
        if toks[m - 1].endswith("."):
            break
    words = toks[k:m]
    if one_of:
        group = _group_role(fold_word(words[-1]).strip("."))
        if not group:
            return None
        words = ["a", group]
    # '"…," said the organiser, Nina Holt' / 'said one resident, Tom Wu, 71' / 'said
    # resident Tom Wu'
    comma = m + 1 < len(toks) and toks[m] == ","
    named = sentence.run_starting_at(m + 1 if comma else m) if m < len(toks) else None
    if comma and named is None and _names_with_post(toks, m + 1):
        # '"…," said the finance chair, council member Raymond Pell': the post before
        # the name belongs to the description
        n = m + 1
        while not _is_cap(toks[n]):
            n += 1
        named = sentence.run_starting_at(n)
        words = [*words, *toks[m + 1 : n]]
    if named and (comma or len(named) >= 2):
        roles, name = _split_role(named)
        return "name", [*words, *roles, "|", *name]
    if fold_word(words[0]) not in _DETERMINERS | _POSSESSIVES and not owner:
        return None
    # "…,” said the mayor.": the description ends the sentence or its clause
    ends = m == len(toks) or toks[m] in _BOUNDARIES or toks[m - 1].endswith(".")
    return ("description", words) if m > k + 1 and ends else None


def _is_described_person(words: Sequence[str]) -> bool:
    """Are ``words`` "a" or "an" and a noun for a person ("a man", "an older woman")?"""
    return (
        len(words) >= 2
        and fold_word(words[0]) in {"a", "an"}
        and _is_person_noun(fold_word(words[-1]))
    )


def _quote_states(tokens: Sequence[str], inside: bool) -> list[bool]:
    """After each token, whether the sentence (starting inside a quotation or not) is
    inside one: curly marks open and close, a straight mark turns the state over."""
    states: list[bool] = []
    for tok in tokens:
        if tok == "“":
            inside = True
        elif tok == "”":
            inside = False
        elif tok == '"':
            inside = not inside
        states.append(inside)
    return states


def _ends_inside_quote(tokens: list[str], inside: bool) -> bool:
    """Whether a sentence that starts inside a quotation (or not) ends inside one."""
    states = _quote_states(tokens, inside)
    return states[-1] if states else inside


def _paragraph_spans(paragraphs: Sequence[int]) -> list[tuple[int, int]]:
    """(first, end) sentence positions of each run of equal paragraph numbers."""
    spans: list[tuple[int, int]] = []
    for i, paragraph in enumerate(paragraphs):
        if i == 0 or paragraph != paragraphs[i - 1]:
            spans.append((i, i + 1))
        else:
            spans[-1] = (spans[-1][0], i + 1)
    return spans


def _is_all_quote(parsed: Sequence[_Sentence], first: int, end: int) -> bool:
    """Is this paragraph one quotation: it opens with a quotation mark and no sentence of
    it leaves the quotation before its last one?"""
    if not parsed[first].tokens or parsed[first].tokens[0] not in _QUOTE_MARKS:
        return False
    inside = False
    for i in range(first, end):
        inside = _ends_inside_quote(parsed[i].tokens, inside)
        if not inside and i < end - 1:
            return False
    return True


def _opening_name(sentence: _Sentence, entities: dict[str, Entity]) -> Entity | None:
    """The person a sentence opens with ("Shaun Pryce, a crane operator …, was among"):
    a name of at least two words, known to the article, followed by a comma or a verb."""
    toks = sentence.tokens
    start = 0
    # "Board member Rosa Diaz voted no": past a role written partly in lower case
    while start + 1 < min(len(toks), 4) and (_is_cap(toks[start]) or _is_role_word(toks[start])):
        if toks[start + 1][:1].islower() and start + 2 < len(toks) and _is_cap(toks[start + 2]):
            start += 2
        else:
            break
    run = sentence.run_starting_at(start)
    if not run:
        return None
    if start == 0 and len(run) >= 3 and fold_word(run[0]) in _OPENING_WORDS:
        run = run[1:]  # "For Dan Frey, the flood was the last straw"
        start = 1
    _, name = _split_role(run)
    end = start + len(run)
    after = toks[end] if end < len(toks) else ""
    if len(name) == 1 and after[:1].islower():
        # "Ortega proposed a smaller increase …. He said afterward …": a surname alone,
        # of the one person the article has named by it
        namesakes = _namesakes(entities, fold_word(name[0].strip(".,;:()")))
        person = namesakes[0] if len(namesakes) == 1 else None
        if person is None or len(person.name.split()) < 2:
            return None
        return None if _is_organisation(person) or _is_group(person) else person
    if len(name) < 2 or not (after == "," or after[:1].islower()):
        return None
    # "Grace Pryor, Owen Pryor's widow, …": the namesake of that given name
    namesakes = _namesakes(entities, fold_word(name[-1].strip(".,;:()")))
    return _namesake(namesakes, _given(name), set(), ()) if namesakes else None


def _introduced(sentence: _Sentence, entities: dict[str, Entity]) -> Entity | None:
    """The person a sentence without speech introduces by a description set off beside
    their name ("Among those at the shelter was Shirley Pak, a retired postal worker …";
    "Her mother, Sarah Rendall, sat in the front row"): the first full name of the
    article with a description right before or after it, whom a "she said" in the next
    sentence means more often than an older speaker; None when there is none."""
    toks = sentence.tokens
    j = 0
    while j < len(toks):
        run = sentence.run_starting_at(j)
        if not run:
            j += 1
            continue
        _, name = _split_role(run)
        end = j + len(run)
        if len(name) >= 2 and end < len(toks) and toks[end] == ",":
            described = _description_after(toks, end)[0] or _description_before(toks, j)
            namesakes = _namesakes(entities, fold_word(name[-1].strip(".,;:()")))
            if described and namesakes:
                return _namesake(namesakes, _given(name), set(), ())
        j = end
    return None


def _introduced_by_owner(sentence: _Sentence, entities: dict[str, Entity]) -> Entity | None:
    """The person a sentence opens with as someone's, by name set off beside it ("His
    wife, Karen Lindahl, was more hopeful"; "Her business partner, Tom Reyes, …"): "his"
    or "her", at most :data:`OWNED_WORDS` lower-case words, a comma and a full name of
    the article's people (not a body); None for any other sentence."""
    toks = sentence.tokens
    if not toks or fold_word(toks[0]) not in _POSSESSIVE_GENDER:
        return None
    comma = next((k for k, t in enumerate(toks[: OWNED_WORDS + 2]) if t == ","), -1)
    if comma < 2 or not all(t.islower() and t.isalpha() for t in toks[1:comma]):
        return None
    person = _introduced(sentence, entities)
    if person is None or _is_organisation(person) or _is_group(person):
        return None
    return person


OWNED_WORDS = 4  # "his wife and business partner"


def _described_subject(sentence: _Sentence) -> list[str]:
    """Role words of the description of a person that a sentence opens with, past a
    phrase set off by a comma ("In the front row, *the victim's mother* wept …"): "the",
    an owner in the possessive and a head noun naming a person or a tie to one, then a
    verb in lower case; [] for any other sentence."""
    toks = sentence.tokens
    k = 0
    if toks and fold_word(toks[0]) in _PREPOSITIONS | _CLAUSE_STARTERS:
        comma = next((n for n, t in enumerate(toks[:APPOSITION_WINDOW]) if t == ","), -1)
        k = comma + 1
    if k == 0 and toks and fold_word(toks[0]) in _PREPOSITIONS | _CLAUSE_STARTERS:
        return []
    if k >= len(toks) or fold_word(toks[k]) != "the":
        return []
    words: list[str] = []
    m = k + 1
    while m < len(toks) and len(words) < 4 and toks[m].islower() and toks[m][:1].isalpha():
        words.append(toks[m])
        m += 1
        if not _possessive(words[-1]) and any(_possessive(w) for w in words[:-1]):
            break  # "the victim's *mother*": the head after the owner
    if len(words) < 2 or not _possessive(words[-2]) or m >= len(toks):
        return []
    head = fold_word(words[-1])
    if not (_is_person_noun(head) or head in FAMILY_NOUNS):
        return []
    m = _past_described_apposition(toks, m)
    if m >= len(toks) or not toks[m].islower() or fold_word(toks[m]) in _NO_FIELD - SPEECH_VERBS:
        return []  # "the victim's mother *and* …": no verb next
    return [w for w in (_role_word(t) for t in words) if w]


def _past_described_apposition(toks: Sequence[str], m: int) -> int:
    """The token after a description set off by commas at ``m`` ("The board's chair*, a
    retired banker who has led the board since 2023,* opened the meeting"), opening with
    an article or an age, within :data:`DESCRIPTION_AFTER_WINDOW` tokens and holding no
    quotation; ``m`` itself when there is none."""
    if m + 1 >= len(toks) or toks[m] != ",":
        return m
    opener = toks[m + 1]
    if fold_word(opener) not in {"a", "an", "the"} and not opener.isdigit():
        return m
    for n in range(m + 2, min(len(toks), m + 2 + DESCRIPTION_AFTER_WINDOW)):
        if toks[n] in _QUOTE_MARKS or toks[n] in {"”", "“"}:
            return m
        if toks[n] == ",":
            return n + 1
    return m


def _goes_on_reporting(before: _Sentence, sentence: _Sentence, entities: dict[str, Entity]) -> bool:
    """Does ``sentence`` go on with the reported speech of the sentence ``before`` it ("Mendes
    said the hospital would keep … open. Patients would be referred to …")? Neither quotes,
    ``before`` reports with "said", and ``sentence`` speaks in a modal of reported speech
    and opens with no person of the article."""
    if any(t in _QUOTE_MARKS or t == "”" for t in before.tokens):
        return False
    if not any(fold_word(t) in {"said", "says"} for t in before.tokens):
        return False
    if not any(fold_word(t) in _REPORTED_MODALS for t in sentence.tokens):
        return False
    return _opening_name(sentence, entities) is None


def _goes_on_about_speaker(
    before: _Sentence,
    sentence: _Sentence,
    speaker: Entity,
    genders: dict[Entity, str],
) -> bool:
    """Does ``sentence`` go on with the account the speaker of the sentence ``before`` it
    gave of themselves ("Lydia Farnsworth said she woke to a smell …. She taped wet towels
    along her doors …")? It opens with "he" or "she" for that speaker, and ``before``
    reports them telling of themselves by that pronoun ("said she", "said that she"):
    the reporter goes on with what the speaker did as they told it. ("… said Amsel had
    told officers …. He was …" may mean Amsel: no.)"""
    if not sentence.tokens or fold_word(sentence.tokens[0]) not in _SUBJECT_GENDER:
        return False
    gender = _SUBJECT_GENDER[fold_word(sentence.tokens[0])]
    if genders.get(speaker, gender) != gender or _is_organisation(speaker) or _is_group(speaker):
        return False
    return gender in _pronouns_told(before.tokens)


def _pronouns_told(tokens: Sequence[str]) -> list[str]:
    """The pronouns a sentence reports its speaker telling of themselves by ("Lindahl said
    he worried …", "…, who said that she …"), in order."""
    toks = [fold_word(t) for t in tokens]
    told: list[str] = []
    for k, word in enumerate(toks[:-1]):
        if word in {"said", "says"}:
            after = toks[k + 2] if toks[k + 1] == "that" and k + 2 < len(toks) else toks[k + 1]
            if after in _SUBJECT_GENDER:
                told.append(_SUBJECT_GENDER[after])
    return told


def _tells_of_self(tokens: Sequence[str]) -> str:
    """ "he" or "she" when a sentence reports its speaker telling of themselves by that
    pronoun (:func:`_pronouns_told`); "" otherwise. News tells a speaker's own plans and
    fears so; another person it names."""
    told = _pronouns_told(tokens)
    return told[0] if told else ""


BARE_ATTRIBUTION_TOKENS = 6  # "Sen. Beatrice Hollings asked." at most


def _ends_in_quoted_question(sentence: _Sentence) -> bool:
    """Does a sentence end a quotation on a question or exclamation mark (“… How does
    that happen?”), where a segmenter ends the sentence before its attribution?"""
    text = sentence.text.rstrip()
    return len(text) >= 2 and text[-1] in '"”' and text[-2] in "?!"


def _bare_attribution(sentence: _Sentence) -> bool:
    """Is a sentence only an attribution ("Hollings asked.", "Sen. Ruth Ames said."): at
    most :data:`BARE_ATTRIBUTION_TOKENS` tokens, opening with a capital, no quotation?"""
    toks = sentence.tokens
    return (
        0 < len(toks) <= BARE_ATTRIBUTION_TOKENS
        and toks[0][:1].isupper()
        and not any(t in _QUOTE_MARKS or t in {"”", "“"} for t in toks)
    )


def attribute(texts: Sequence[str], paragraphs: Sequence[int]) -> Attribution:
    """Speakers of each sentence (``texts`` in article order, with their paragraph numbers).

    Quotations are followed across sentences: the sentences of one open quotation belong
    to the attribution that closes it (\u201cThe dam held. We were lucky,\u201d she said),
    a quoted sentence without attribution continues the previous sentence's speaker, and a
    paragraph that is all quotation continues the previous paragraph's. Pronouns and
    descriptions look back over this paragraph and the previous one, where the people a
    sentence opens with count too ("Shaun Pryce, a crane operator, was on the picket line.
    \u201c…,\u201d he said"); "he" and "she" skip a person already referred to by the other.
    """
    entities: dict[str, Entity] = {}
    parsed = [_Sentence(t) for t in texts]
    lower_case = frozenset(t for s in parsed for t in s.tokens if t.isalpha() and t.islower())
    mid_capitalised = frozenset(
        fold_word(t)
        for s in parsed
        for n, t in enumerate(s.tokens)
        if n > 0 and _is_cap(t) and s.tokens[n - 1] not in _OPENINGS
    )
    for s in parsed:
        s.lower_case = lower_case
        s.mid_capitalised = mid_capitalised
    last: list[Entity] = []
    mentioned: list[list[Entity]] = []  # per sentence, the names of two words or more in it
    for s in parsed:
        last = _mentions(s, entities, last)
        mentioned.append(last)
    role_holders: dict[str, list[Entity]] = {}  # role head -> the people holding it
    implied: dict[frozenset[str], set[str]] = {}  # roles -> their heads, read once each
    for held in dict.fromkeys(entities.values()):
        if _is_group(held):
            continue  # "Prosecutors" hold no post of one person
        # "the lead prosecutor" is the one assistant district attorney
        roles = frozenset(held.roles)
        if roles not in implied:
            implied[roles] = related_role_words(roles) & ROLE_HEADS
        for role in implied[roles]:
            role_holders.setdefault(role, []).append(held)
    owners: list[list[Entity]] = []  # per sentence, who speaks in it
    recent: list[tuple[Entity, int]] = []  # people of this and the last paragraph, newest last
    genders: dict[Entity, str] = {}  # "he" or "she", once a pronoun has named them
    descriptions: dict[str, Entity] = {}
    group: list[int] = []  # sentences of the open quotation waiting for its attribution
    # a quotation that closed on a question or exclamation mark without an attribution of
    # its own (a paragraph's opening one is the last speaker's until then), and the
    # sentence where it closed
    closed: tuple[list[int], int] | None = None
    # People introduced by a description alone ("A steward for the union, who …, said"),
    # by their head noun, and those of them still waiting for a name (with the paragraph
    # they spoke in); ``named``: such a person → the one a later paragraph names.
    unnamed: dict[Entity, str] = {}
    waiting_names: dict[Entity, int] = {}
    named: dict[Entity, Entity] = {}
    spoken: set[Entity] = set()
    # "bank" -> the latest bodies met of that noun ("Caldera Savings Bank"), newest last
    organisations: dict[str, list[Entity]] = {}
    documents: dict[str, tuple[Entity, int]] = {}  # "statement" -> who spoke in one, where
    placed: set[Entity] = set()  # speakers given the body their role refers to, where they spoke
    previous: list[Entity] = []  # who speaks in the previous sentence
    # role words of a person a sentence without speech opens with ("the victim's
    # mother wept …"), and where
    seen_before: tuple[list[str], int] | None = None
    bodies: list[tuple[Entity | None, int]] = []  # bodies that spoke, with their paragraph
    for ordinal, (first, end) in enumerate(_paragraph_spans(paragraphs)):
        recent = [(e, o) for e, o in recent if o >= ordinal - 1]
        last_speaker = next((e for e, o in reversed(recent) if o == ordinal - 1), None)
        all_quote = _is_all_quote(parsed, first, end)
        continued = bool(group) and bool(parsed[first].tokens)
        continued = continued and parsed[first].tokens[0] in _QUOTE_MARKS
        if not continued:
            group = []
        inside = False
        for i in range(first, end):
            s = parsed[i]
            starts_inside = inside
            opens = bool(s.tokens) and s.tokens[0] in _QUOTE_MARKS
            inside = _ends_inside_quote(s.tokens, inside)
            people = [e for e, _ in recent]
            owner_of: tuple[Entity, Entity] | None = None
            for e in mentioned[i]:
                for word in e.name.lower().split():
                    if word in ORGANISATION_NOUNS:
                        met = organisations.setdefault(word, [])
                        if e in met:
                            met.remove(e)
                        met.append(e)
                        del met[:-MAX_NAMESAKES]
            found: dict[Entity, None] = {}  # an ordered set
            for kind, words in _find_speakers(s, starts_inside):
                # "Walter Briggs was moved …, his family said": an owner may be named in
                # the sentence itself
                owned = kind == "description" and words[0].lower() in _OWNER_PRONOUNS
                around = [*people, *reversed(mentioned[i])] if owned else people
                entity = _resolve(
                    kind, words, entities, around, descriptions, genders, role_holders, unnamed
                )
                # "The nurses' union at St. Brendan's": a body by its words before where
                # it is
                head_words = _before_place(words) if kind == "description" else words
                if kind == "description":
                    # "Mayor Ann Reed and Councilman Tom Kell clashed. The latter said …"
                    pair = _named_before(mentioned, s, words, i)
                    entity = _latter_or_former(words, pair) or entity
                if kind == "name" and words.index("|") == 1 and words[0] == "the":
                    bodies.append((entity, ordinal))  # "The Presk Water Authority said"
                elif kind == "description" and entity is not None and _is_body_noun(head_words):
                    bodies.append((entity, ordinal))  # "The state transportation department"
                    # "The state attorney general's consumer protection office said ….
                    # A spokesman for the office, Raymond Iles, said": the latest office met
                    met = organisations.setdefault(fold_word(head_words[-1]).strip("."), [])
                    if entity in met:
                        met.remove(entity)
                    met.append(entity)
                    del met[:-MAX_NAMESAKES]
                elif kind == "description":
                    body = _spoken_for(words, entity, bodies, ordinal)
                    entity = entity if body is None else body
                if entity is None and kind == "description":
                    # "Orbis Health said in a statement …. The statement said …"
                    entity = _author_of(words, documents, ordinal)
                if entity is None and kind == "description":
                    # "The nurses' union … called on …. The union said …": the body of
                    # that noun that spoke last
                    entity = _body_spoken_again(words, organisations, spoken)
                if entity is None and kind == "description":
                    # "Halvorsen State University's board voted …. The university said …":
                    # the one body of the article named with that noun
                    entity = _only_body_named(words, entities)
                if entity is None and kind == "description":
                    # "Brightwell Pharmacy will close 11 stores …, the company announced":
                    # the business the sentence itself names
                    entity = _business_named_here(s, words, mentioned[i], genders)
                if entity is None and kind == "description":
                    # "The farm is owned by Kessler Family Farms, which …. In a statement,
                    # the company said …": the business named last before
                    entity = _business_named_before(
                        words, mentioned[: i + 1], genders, previous, spoken, first
                    )
                if entity is None and kind == "description":
                    # "… the state Department of Parks and Recreation announced …. The
                    # department said …"; "the Red Hollow Relief League, a volunteer
                    # group, … the group said": the body of that kind named last before
                    entity = _body_of_kind_before(words, mentioned[: i + 1], genders)
                if entity is None and kind == "description":
                    # "The Bobcats' booster club, which raises money …, said": a body the
                    # article gives no name is a speaker of its own, by its words
                    entity = _unnamed_body(words, entities)
                if entity is None:
                    continue
                entity = named.get(entity, entity)
                if kind == "description":
                    _take_description(entity, words)
                placing = organisations and entity not in spoken and _holds_post(entity)
                if placing and _place(entity, organisations):
                    placed.add(entity)
                if kind == "name" and _owned_by_body_noun(s.tokens):
                    # "The company's vice president, Warren Pryce, said", after "Quillon
                    # Freight Partners said …": the company is the body that spoke last;
                    # "The chapter's president": a group's, the one of the sentence before
                    official = fold_word(_possessive(s.tokens[1])) in BODY_NOUNS
                    body = _latest_body(people if official else previous, genders, entity)
                    if body is not None:
                        _take_body_name(entity, body)
                elif kind == "name" and _opens_with_bare_owner(s.tokens) and len(previous) == 1:
                    # "Harmony Music, a shop on Front Street, said …. Owner Dennis Pratt
                    # said …": the owner of the business that spoke just before
                    body = _latest_body(previous, genders, entity)
                    if body is not None:
                        _take_body_name(entity, body)
                        entity.roles.update(body.roles)
                if entity in unnamed and (entity not in spoken or entity in waiting_names):
                    # "A nurse … said …. “…,” the nurse said": still waiting for her name
                    waiting_names[entity] = ordinal
                elif kind == "name" and entity not in spoken:
                    # "In the front row, the victim's mother wept …. Ruth Darrow said
                    # …": the person the last sentence described, named now
                    if (
                        seen_before is not None
                        and seen_before[1] == i - 1
                        and paragraphs[i - 1] == paragraphs[i]
                        and entity.roles <= HONORIFICS
                    ):
                        entity.roles.update(seen_before[0])
                    member = _member_of_group(previous, entity, i, paragraphs)
                    if not member and not previous and i > 0 and paragraphs[i - 1] == paragraphs[i]:
                        # "The closure took many commuters by surprise. Theo Brannigan,
                        # who walks …, said": one of the people the paragraph opened on
                        member = _one_of_those_named(parsed[i - 1], entity)
                    if member:
                        entity.roles.update(member.split())
                    unnamed_one = _named_now(entity, waiting_names, unnamed, ordinal)
                    if unnamed_one is not None:
                        # "The steward, Joe Blum, said": the steward who spoke before
                        del waiting_names[unnamed_one]
                        named[unnamed_one] = entity
                        entity.roles.update(unnamed_one.roles)
                        if unnamed_one in genders:
                            genders.setdefault(entity, genders[unnamed_one])
                        recent = [(entity if e is unnamed_one else e, o) for e, o in recent]
                        previous = [entity if e is unnamed_one else e for e in previous]
                        for head, e in list(descriptions.items()):
                            if e is unnamed_one:
                                descriptions[head] = entity
                found[entity] = None
            names = list(found)[:MAX_SPEAKERS_PER_SENTENCE]
            marked = any(t in _QUOTE_MARKS or t == "”" for t in s.tokens)
            if starts_inside and names and not marked:
                starts_inside = inside = False  # narration: the quotation was left open
            quoted = starts_inside or opens
            if names and quoted:
                for waiting in group:  # the attribution that closes an open quotation
                    owners[waiting] = list(names)
                group = []
            elif quoted:
                if i > first and previous and (opens or marked):
                    names = previous[-1:]  # a quotation continued from the last sentence
                elif i == first and previous and (opens or continued):
                    names = previous[-1:]
                elif i == first and all_quote and last_speaker is not None:
                    names = [last_speaker]  # a paragraph of quotation, not attributed
                if len(group) >= MAX_QUOTE_SENTENCES:
                    group = []
                group.append(i)
            elif not names and i > first and len(previous) == 1 and not marked:
                # "Kowalski said she would not move. Her husband also works at the
                # plant": a sentence that goes on about the speaker, by their
                # possessive, in the paragraph they speak in, is still their account.
                gender = _POSSESSIVE_GENDER.get(fold_word(s.tokens[0])) if s.tokens else None
                same = gender is not None and genders.get(previous[0], gender) == gender
                theirs = _introduced_by_owner(s, entities) if same else None
                if gender is not None and theirs is not None and theirs is not previous[0]:
                    # "… said he worried. His wife, Karen Lindahl, was more hopeful": a
                    # sentence about someone else, the speaker's by name; the speaker is
                    # "he" now, so a "she said" next means her and a "he said" him
                    genders.setdefault(previous[0], gender)
                    owner_of = (theirs, previous[0])
                    same = False
                # "… said she woke to a smell …. She taped towels …": what the speaker
                # did, as she told it
                told = _goes_on_about_speaker(parsed[i - 1], s, previous[0], genders)
                if same or told or _goes_on_reporting(parsed[i - 1], s, entities):
                    names = previous
            if names and closed is not None and closed[1] == i - 1 and _bare_attribution(s):
                # “… How does that happen?” Hollings asked.: the segmenter ends the
                # quotation's sentence at its question mark, and the attribution alone
                # is the next sentence
                for waiting in closed[0]:
                    owners[waiting] = list(names)
            closed = None
            if not inside and group and not found and _ends_in_quoted_question(s):
                closed = (list(group), i)
            if not inside:
                group = []
            if not names and not marked:
                seen = _described_subject(s)
                seen_before = (seen, i) if seen else seen_before
            if not names and _owned_by_body_noun(s.tokens):
                # "The Millbrook Creek chapter of Trout Unlimited said …. The chapter's
                # president, Nora Briggs, is …": the body that spoke last is hers too,
                # though she speaks only later
                holder = _introduced(s, entities)
                body = _latest_body(previous, genders, holder) if holder is not None else None
                if holder is not None and body is not None:
                    _take_body_name(holder, body)
            opening = _opening_name(s, entities)
            if opening is None and i == first:
                # a paragraph that opens by introducing someone: "Among those at the
                # shelter was Shirley Pak, a retired postal worker …. She said …"
                opening = _introduced(s, entities)
            if opening is None and not names and s.tokens and s.tokens[0] in {"He", "She"}:
                # "Neighbor Tom Reyes said …. He called 911 …. “…,” he said": a sentence
                # about the person "he" means keeps them in sight
                opening = _resolve(
                    "pronoun", [s.tokens[0].lower()], entities, people, descriptions, genders,
                    role_holders, unnamed,
                )  # fmt: skip
            pushed = names or [e for e in [opening] if e is not None]
            if owner_of is not None:
                pushed = list(owner_of)  # the speaker stays the more recent of the two
                owner_of = None
            elif not names and opening is None and previous and i > first:
                # "Tom Baker said he …. The owner of the diner next door, Karen Ruiz, was
                # more hopeful. “…,” she said": someone introduced in the middle of a
                # speaker's paragraph stands behind the speaker, whom "he" or "she"
                # still means first; the other pronoun means the one introduced
                introduced = _introduced(s, entities)
                if introduced is not None and introduced not in previous:
                    pushed = [introduced, previous[-1]]
            if len(names) == 1:
                pronoun = _tells_of_self(s.tokens)
                if pronoun:
                    # "Lindahl said he worried …": the speaker is "he" from now on
                    genders.setdefault(names[0], pronoun)
            for e in pushed:
                recent = [(r, o) for r, o in recent if r is not e]
                recent.append((e, ordinal))
            del recent[:-MAX_RECENT]
            previous = names
            spoken.update(names)
            for noun in _DOCUMENTS.intersection(map(str.lower, s.tokens)) if names else ():
                documents[noun] = (names[-1], ordinal)  # "X said in a statement"
            owners.append(names)
    _between_ones_words(parsed, paragraphs, owners, entities)
    for e, pronoun in genders.items():
        if "parent" in e.roles:
            # "Ann Lee, whose son …, said …. She said …": a parent "she" names is a mother
            e.roles.add(_PARENT_BY_GENDER[pronoun])
    _officers_of_described_bodies(entities, spoken)
    _name_organisations(entities, placed)
    _heads_of_bodies(entities)
    _abbreviate_bodies(entities)
    _kinds_of_bodies(entities)
    _agencies_of_their_chiefs(entities)
    _unions_by_their_officers(parsed, owners, entities)
    _kin_of_their_owners(parsed, mentioned, entities, genders, spoken)
    speakers = [[e.name for e in dict.fromkeys(named.get(e, e) for e in names)] for names in owners]
    people = [e for e in dict.fromkeys(entities.values()) if e not in named]
    return Attribution(speakers, people)


KIN_OWNER_SENTENCES = 6  # sentences back in which "her" of "Her husband, Walt Fenn," is sought


def _kin_of_their_owners(
    parsed: Sequence[_Sentence],
    mentioned: Sequence[Sequence[Entity]],
    entities: dict[str, Entity],
    genders: Mapping[Entity, str],
    speakers: Set[Entity],
) -> None:
    """A relative introduced as someone's ("Her husband, Walt Fenn, said"; "Tom Delacroix,
    her husband, said"; "Menzies's son, Paul Menzies") holds that person's name and role
    words as possessives ("dorothy's", "host's"): members ask for "the camp host's
    husband" or "Marcy's husband", by whose kin they are. The possessive keeps the
    owner's words apart from the relative's own post: the camp host is still only
    Dorothy Fenn (:meth:`index.speakers.SpeakerDirectory.find` reads a possessive only
    before a family noun)."""
    seen: set[Entity] = set()
    for i in range(len(parsed)):
        for relative in mentioned[i]:
            if relative in seen:
                continue
            seen.add(relative)
            if not relative.roles & FAMILY_NOUNS:
                continue
            owner = _kin_owner(parsed, relative, mentioned, i, entities, genders, speakers)
            if owner is None:
                continue
            own = {w for w in owner.roles if not _possessive(w)}
            words = {fold_word(w) for w in owner.name.split()} | own
            relative.roles.update(w + "'s" for w in words if w)


def _kin_owner(
    parsed: Sequence[_Sentence],
    relative: Entity,
    mentioned: Sequence[Sequence[Entity]],
    at: int,
    entities: dict[str, Entity],
    genders: Mapping[Entity, str],
    speakers: Set[Entity],
) -> Entity | None:
    """Whose kin ``relative`` is, where sentence ``at`` introduces them beside a family
    noun set off by commas (:func:`_kin_owner_at`): the owner's name in the possessive
    ("Menzies's son, Paul Menzies"), or "his" or "her" ("Her husband, Walt Fenn"; "Tom
    Delacroix, her husband,"), the person of that gender (when known) named last before
    them, one who speaks, is known as "he" or "she", or has a post and a given name (no
    "Little Acorns" day care); None when the sentence names no tie."""
    toks = parsed[at].tokens
    start = _name_at(toks, relative.name.split())
    owner_at = _kin_owner_at(toks, start, start + len(relative.name.split())) if start >= 0 else -1
    if owner_at < 0:
        return None
    token = toks[owner_at]
    gender = _POSSESSIVE_GENDER.get(fold_word(token))
    if gender is None:
        # "Menzies's son", "Reyes' sister"
        owned = _possessive(token) or (token[:-1] if token.endswith(("s'", "s’")) else "")
        if not owned or not _is_cap(owned):
            return None
        folded = fold_word(owned)
        for back in range(at, max(-1, at - KIN_OWNER_SENTENCES), -1):
            for e in reversed(mentioned[back]):
                if e is not relative and folded in {fold_word(w) for w in e.name.split()}:
                    return e
        return entities.get(folded) if entities.get(folded) is not relative else None
    # the last person named before them, in full or by one of their names ("Fenn
    # declined to be interviewed. Her husband, Walt Fenn, said"), of her or his gender
    # when it is known; never a body ("the Switchback Diner")
    known = [e for back in mentioned[: at + 1] for e in back if e is not relative]
    for back in range(at, max(-1, at - KIN_OWNER_SENTENCES), -1):
        words = parsed[back].tokens[:start] if back == at else parsed[back].tokens
        for word in reversed(words):
            people = [
                e
                for e in known
                if _is_cap(word)
                and word in e.name.split()
                and genders.get(e, gender) == gender
                and (
                    e in genders or e in speakers or (e.roles and is_given_name(e.name.split()[0]))
                )
            ]
            if people:
                return people[-1]
    return None


def _kin_owner_at(toks: Sequence[str], start: int, end: int) -> int:
    """Where the owner of the family noun beside the name at ``start:end`` stands: "[Her]
    [business partner and] husband, Walt Fenn" before it, or "Tom Delacroix, [her|Marcy's|
    Mark Kessler's] husband," after it; -1 when no family noun is set off beside it."""
    if start >= 2 and toks[start - 1] == ",":
        k = start - 2
        while k >= 0 and start - 2 - k < OWNED_WORDS and toks[k].islower() and toks[k].isalpha():
            k -= 1
        if k < start - 2 and fold_word(toks[start - 2]) in FAMILY_NOUNS:
            return k
    if end + 2 >= len(toks) or toks[end] != ",":
        return -1
    owner = end + 1
    while owner + 1 < len(toks) and _is_cap(toks[owner]) and not _possessive(toks[owner]):
        owner += 1  # past the owner's given name
    k = owner + 1
    while k < len(toks) and k - owner - 1 < OWNED_WORDS and toks[k].islower() and toks[k].isalpha():
        k += 1
    tied = k > owner + 1 and fold_word(toks[k - 1]) in FAMILY_NOUNS
    return owner if tied and (k == len(toks) or toks[k] == ",") else -1


def _name_at(toks: Sequence[str], name: Sequence[str]) -> int:
    """Where the words of ``name`` first stand together in ``toks``, else -1."""
    width = len(name)
    return next(
        (k for k in range(len(toks) - width + 1) if list(toks[k : k + width]) == list(name)), -1
    )


LATTER_SENTENCES = 3  # sentences back in which "the latter" finds the two people meant


def _named_before(
    mentioned: Sequence[Sequence[Entity]], s: _Sentence, words: Sequence[str], i: int
) -> Sequence[Entity]:
    """The people "the latter" or "the former" chooses from: those named in this sentence
    before it, else in the latest of the :data:`LATTER_SENTENCES` before that names two
    or more."""
    if s.tokens[:1] != list(words[:1]) and len(mentioned[i]) >= 2:
        return mentioned[i]
    for k in range(i - 1, max(-1, i - 1 - LATTER_SENTENCES), -1):
        if len(mentioned[k]) >= 2:
            return mentioned[k]
    return ()


def _latter_or_former(words: Sequence[str], named: Sequence[Entity]) -> Entity | None:
    """The person "the latter" or "the former" means: the last or the first of the
    people ``named`` (those of the sentence before, when the description opens its
    sentence), when at least two are named and no one of them is a body; else None."""
    folded = [fold_word(w) for w in words]
    if len(folded) != 2 or folded[0] != "the" or folded[1] not in _ORDINALS:
        return None
    people = [e for e in named if not _is_organisation(e) and not _is_group(e)]
    if len(people) < 2 or len(people) != len(named):
        return None
    return people[_ORDINALS[folded[1]]]


def _member_of_group(
    previous: Sequence[Entity], entity: Entity, i: int, paragraphs: Sequence[int]
) -> str:
    """ "Passengers described a violent shudder …. Abdul Rahimi, a 31-year-old accountant
    who was in the second car, said …": a person named right after a group spoke, in its
    paragraph, is one of the group, and carries its singular ("passenger"); not when the
    person holds a post ("Prosecutors said …. Defence lawyer Jo Ames said"), nor for a
    group of a post ("Officials said …" names no official after it)."""
    if len(previous) != 1 or i == 0 or paragraphs[i - 1] != paragraphs[i]:
        return ""
    (group,) = previous
    # "Installers said …. Gil Ferraro, who owns Ferraro Comfort Systems, said": owning
    # a business of the trade is no post apart from it; a tie to family is none either
    posts = {w for w in entity.roles - FAMILY_NOUNS if w in ROLE_HEADS or _is_role_word(w)}
    if group is entity or not _is_group(group):
        return ""
    role = _group_role(fold_word(group.name.split()[-1]))
    if role and role in entity.roles and role in ROLE_HEADS:
        # "Car wash owners said …. Sam Petrakis, who owns Sparkle Auto Spa, said": an
        # owner already, of the group's trade
        field = [w for w in map(fold_word, group.name.split()[:-1]) if w.isalpha()]
        return " ".join(w for w in field if w not in _QUANTIFIERS | _DETERMINERS)
    # "Marine scientists said …. Dr. Ada Lunn, a marine ecologist at …, said": one of
    # them by the field both are named for, whatever her post
    if (group.roles - ROLE_HEADS) & (entity.roles - ROLE_HEADS):
        return role
    if posts - _OWNING:
        return ""
    # "Residents said …. Harold Gibbs, who lives near the lake, said": a resident, a
    # neighbour or a homeowner holds no post; "Officials said …" still names no official
    return "" if role in ROLE_HEADS - DESCRIPTIVE_HEADS else role


def _one_of_those_named(before: _Sentence, entity: Entity) -> str:
    """The singular of the one plural noun of people (no post) that the sentence before
    a newly named speaker with no post of their own writes in lower case ("The closure
    took many commuters by surprise." → "commuter"), else ""."""
    # a tie to family is no post: a mother may be one of the visitors too
    posts = {w for w in entity.roles - FAMILY_NOUNS if w in ROLE_HEADS or _is_role_word(w)}
    if posts or _is_organisation(entity) or _is_group(entity):
        return ""
    return before.people_named()


def _people_named(tokens: Sequence[str]) -> str:
    """The singular of the one plural noun of people with no post that ``tokens`` write
    in lower case, else ""."""
    groups = {
        _group_role(fold_word(t))
        for t in tokens
        if t.isalpha() and t.islower() and fold_word(t) not in _QUANTIFIERS
    }
    groups.discard("")
    if len(groups) != 1:
        return ""
    (role,) = groups
    return "" if role in ROLE_HEADS or role in _NOT_PEOPLE else role


def _between_ones_words(
    parsed: Sequence[_Sentence],
    paragraphs: Sequence[int],
    owners: list[list[Entity]],
    entities: dict[str, Entity],
) -> None:
    """A sentence of narration between two of one speaker's sentences in their paragraph
    ("Dr. Petrova said the risk remains low. No farm workers have shown symptoms. She
    added …") goes on with their reported account: it is theirs too, unless it or the
    sentence before it quotes, or it opens with someone else."""
    for i in range(1, len(owners) - 1):
        before, after = owners[i - 1], owners[i + 1]
        if owners[i] or len(before) != 1 or before != after:
            continue
        if not paragraphs[i - 1] == paragraphs[i] == paragraphs[i + 1]:
            continue
        s = parsed[i]
        # after a quotation, narration is the reporter's ("“We have an agreement.
        # Nobody objected."); after reported speech, the account goes on
        if any(t in _QUOTE_MARKS or t == "”" for t in [*parsed[i - 1].tokens, *s.tokens]):
            continue
        if not any(fold_word(t.strip(".,")) in entities for t in s.tokens if _is_cap(t)):
            owners[i] = list(before)


def _spoken_for(
    words: list[str],
    resolved: Entity | None,
    bodies: Sequence[tuple[Entity | None, int]],
    ordinal: int,
) -> Entity | None:
    """The body that "the spokesman" speaks for, when no one of that post was named: the
    body that spoke last, in this paragraph or the :data:`BODY_PARAGRAPHS` before it ("The
    Presk Water Authority said …" … "The spokesman said …"), given the post; else None.
    A spokesman speaks for a body, not for whoever a paragraph last named."""
    folded = [fold_word(w).strip(".") for w in words]
    if len(folded) == 3 and folded[0] in {"a", "the"} and folded[2] in _SPOKES_WORDS:
        # "A department spokesman said", after "The state transportation department said"
        body = bodies[-1][0] if bodies and bodies[-1][1] >= ordinal - BODY_PARAGRAPHS else None
        if body is None or folded[1] not in fold_word(body.name).split():
            return None
        body.roles.add(folded[2])
        return body
    if len(folded) != 2 or folded[0] != "the" or folded[1] not in _SPOKES_WORDS:
        return None
    if resolved is not None and related_role_words(resolved.roles) & _SPOKES_WORDS:
        return None
    # the latest body only: an older one is older still
    body = bodies[-1][0] if bodies and bodies[-1][1] >= ordinal - BODY_PARAGRAPHS else None
    if body is not None:
        body.roles.add(folded[1])
    return body


def _is_placed(words: Sequence[str], cut: int) -> bool:
    """Is a description's rest from ``cut`` where it is, a preposition of
    :data:`_PLACING` and a name ("at St. Brendan's", "in the Harlow district" is not)?"""
    rest = [w for w in words[cut + 1 :] if fold_word(w) not in _DETERMINERS]
    return fold_word(words[cut]) in _PLACING and bool(rest) and all(map(_is_cap, rest))


def _take_description(entity: Entity, words: Sequence[str]) -> None:
    """Give a person the post the article describes them by when it speaks of them again
    ("Ruth Lane, the county's emergency manager, said …. The official said …"), so that a
    member asking for "the official" finds her; never a body's or a group's."""
    folded = [fold_word(w).strip(".") for w in words]
    if len(folded) != 2 or folded[0] != "the" or folded[1] not in ROLE_HEADS:
        return
    if _is_group(entity) or _is_organisation(entity) or not entity.name[:1].isupper():
        return
    if folded[1] in _SPOKES_WORDS:
        return  # "the spokesman" speaks for a body; he is asked for by it
    entity.roles.add(folded[1])


def _before_place(words: list[str]) -> list[str]:
    """A description's words before what it is of, for or at: "The nurses' union *at* St.
    Brendan's" → "The nurses' union"."""
    cut = next((i for i in range(1, len(words)) if fold_word(words[i]) in _PREPOSITIONS), None)
    return words if cut is None else words[:cut]


def _body_spoken_again(
    words: Sequence[str], organisations: dict[str, list[Entity]], spoken: Set[Entity]
) -> Entity | None:
    """The body "the union" (a body's noun after "the") speaks as again: the latest body met
    whose name ends in that noun and that has spoken already ("The nurses' union at St.
    Brendan's called on …" … "The union said …"), else None: a body that never spoke is
    no speaker by its noun alone (the article may name several)."""
    folded = [fold_word(w).strip(".") for w in words]
    if len(folded) != 2 or folded[0] != "the" or folded[1] not in BODY_NOUNS:
        return None
    return next((b for b in reversed(organisations.get(folded[1], [])) if b in spoken), None)


def _business_named_here(
    sentence: _Sentence,
    words: Sequence[str],
    names: Sequence[Entity],
    genders: dict[Entity, str],
) -> Entity | None:
    """The business "…, the company said" (or the airline, the utility …) means when the
    sentence ends so after naming it: "… to the Bexley location of MedWay Pharmacy, the
    company confirmed". The last name before the attribution that is no person (no post,
    no "he" or "she", no given name first), no dateline in capitals and no place; None
    when there is none, when that name holds another's in the possessive ("Copperline
    Mining's Dunlow Ridge"), or when the description does not close the sentence's
    report. A name after the attribution or a public body's is passed over: "…, the
    company said, including its flagship Red Barn Lager"."""
    folded = [fold_word(w).strip(".") for w in words]
    if len(folded) != 2 or folded[0] != "the" or folded[1] not in _BUSINESS_NOUNS:
        return None
    toks = [fold_word(t) for t in sentence.tokens]
    closing = next(
        (
            k
            for k in range(len(toks) - 2)
            if toks[k] == "," and toks[k + 1] == "the" and toks[k + 2].strip(".") == folded[1]
        ),
        None,
    )
    if closing is None:
        return None
    before = {t.strip(".,") for t in toks[:closing]}
    for entity in reversed(names):
        parts = entity.name.split()
        if entity.roles & ROLE_HEADS or entity in genders or entity.name.isupper():
            continue
        if fold_word(parts[0]).strip(".,") not in before:
            continue  # "…, the company said, including its flagship Red Barn Lager"
        if {fold_word(t).strip(".,") for t in parts} & _PUBLIC_BODY_WORDS:
            continue  # "stores near the Halvern State University campus": no business
        if any(_owner_word(t) for t in parts[:-1]):
            return None  # "at Copperline Mining's Dunlow Ridge copper mine": a name inside
        if fold_word(parts[-1]).strip(".") in _PLACE_NOUNS or is_given_name(parts[0]):
            continue
        return entity
    return None


def _business_named_before(
    words: Sequence[str],
    mentioned: Sequence[Sequence[Entity]],
    genders: dict[Entity, str],
    previous: Sequence[Entity] = (),
    spoken: Set[Entity] = frozenset(),
    paragraph_start: int | None = None,
) -> Entity | None:
    """The business "the company said" (or the airline, the utility …) means when no body
    of that noun spoke and the sentence names none: the body that spoke in the sentence
    before ("MedWay said …. “…,” the company said"), else the business named last
    before, in this sentence or an earlier one (``mentioned``: the names of each sentence
    so far), by how its name ends (:func:`_is_a_business`); None when there is none.
    A business named last in an earlier paragraph that never spoke gives way to the first
    one named that did, the business the article reports for: "Harvest Basket, the
    regional grocery chain, said …. The machines will be sold back to the vendor,
    Checkpoint Retail Systems …. The company said it would post a full schedule" is
    Harvest Basket. (``paragraph_start``: where in ``mentioned`` this paragraph opens;
    None, every business named counts as named here.)"""
    folded = [fold_word(w).strip(".") for w in words]
    if len(folded) != 2 or folded[0] != "the" or folded[1] not in _BUSINESS_NOUNS:
        return None
    bodies = [e for e in previous if _is_no_person(e, genders) and _may_be_a_business(e)]
    if len(bodies) == 1 and len(previous) == 1:
        return bodies[0]
    named = [entity for names in reversed(mentioned) for entity in reversed(names)]
    last = next((e for e in named if _is_a_business(e, genders)), None)
    here = mentioned if paragraph_start is None else mentioned[paragraph_start:]
    if last is None or last in spoken or any(last in names for names in here):
        return last
    talking = [
        e
        for e in named
        if e in spoken
        and _is_no_person(e, genders)
        and (_is_a_business(e, genders) or e.roles & _BUSINESS_NOUNS)
    ]
    return talking[-1] if talking else last


def _body_of_kind_before(
    words: Sequence[str], mentioned: Sequence[Sequence[Entity]], genders: dict[Entity, str]
) -> Entity | None:
    """The body "the department said" (the union, the team, the group …) means when none
    of that noun spoke and the article names none with its name ending so: the body named
    last before whose name holds the noun before "of" ("Department of Parks and
    Recreation") or whose description gives it ("the Tarnwick Kestrels, the city's
    minor-league team"); no person, place or time. None when there is none."""
    folded = [fold_word(w).strip(".") for w in words]
    if len(folded) != 2 or folded[0] != "the" or folded[1] not in ORGANISATION_NOUNS:
        return None
    noun = folded[1]
    if noun in _PLACE_BODIES:
        return None  # "the city", "the district": the place's government, often unnamed
    for names in reversed(mentioned):
        for entity in reversed(names):
            parts = [fold_word(t).strip(".,") for t in entity.name.split()]
            if len(parts) < 2 or is_given_name(entity.name.split()[0]) or entity in genders:
                continue
            if entity.roles & ROLE_HEADS or set(parts) & (_WHEN_WORDS | _OPENING_WORDS):
                continue
            named = any(w == noun and nxt == "of" for w, nxt in pairwise(parts))
            if named or parts[-1] == noun or noun in entity.roles:
                return entity
    return None


# Bodies named by a place's kind: the article's own place, or one of several of them.
_PLACE_BODIES = frozenset("city town county village borough state district government".split())


def _is_no_person(entity: Entity, genders: dict[Entity, str]) -> bool:
    """Is a speaker no person: no post, no "he" or "she", no given name first, no group?"""
    first = entity.name.split()[0]
    return not (
        entity.roles & ROLE_HEADS or entity in genders or is_given_name(first) or _is_group(entity)
    )


def _may_be_a_business(entity: Entity) -> bool:
    """Is a body's name, as written, possibly a business's: every word capitalised, none
    a public body's or a count's ("Two of Pellmark")?"""
    parts = entity.name.split()
    folded = {fold_word(t).strip(".,") for t in parts}
    if not all(_is_cap(t) or t in {"of", "&", "and"} for t in parts):
        return False
    return not folded & (_PUBLIC_BODY_WORDS | NUMBER_WORDS | _QUANTIFIERS)


def _is_a_business(entity: Entity, genders: dict[Entity, str]) -> bool:
    """Is the name a business's by how it ends ("Ostrander Fastener Co", "Kessler Family
    Farms", "Plover Financial"): no person (no post, no "he" or "she", no given name
    first), no dateline in capitals, no place, no public body, no time ("Last March")?"""
    if not _is_no_person(entity, genders) or entity.name.isupper():
        return False
    words = [fold_word(t).strip(".,") for t in entity.name.split()]
    if len(words) < 2 or words[-1] not in _BUSINESS_NAME_ENDS:
        return False
    return not set(words) & (_PUBLIC_BODY_WORDS | _WHEN_WORDS | _OPENING_WORDS)


# Last words of a business's name: the kind of company ("Co", "Airlines", "Partners") or
# its trade ("Farms", "Plastics", "Logistics").
_BUSINESS_NAME_ENDS = (ORGANISATION_NOUNS - BODY_NOUNS) - frozenset(
    """
    studio group network fund rail railways team party club playhouse theatre theater
    museum library authorities chamber hospital school college university clinic center
    centre institute foundation charity trust organization organisation coalition society
    league guard division city town county village borough state airport agency
    """.split()
) | frozenset(
    """
    company firm utility group electric gas power light homes plastics coatings logistics
    mobility health farms farm foods provisions pharmacy stores gaming line motors
    industries services products brands media communications systems solutions capital
    bancorp chemical chemicals steel manufacturing construction developers properties
    realty transit transport shipping freight trucking apparel beverages brewing brewery
    """.split()
)
# Words of a name that make it a public body's or an institution's, no business's.
_PUBLIC_BODY_WORDS = (BODY_NOUNS - {"company", "firm", "utility"}) | frozenset(
    "university college school hospital institute center centre museum library church".split()
)
# Heads of a body's own name before its "of" ("Board of Elections", "Chamber of
# Commerce"): the name is kept whole, no one's workplace.
_BODY_NAME_HEADS = _PUBLIC_BODY_WORDS | frozenset({"chamber"})
# Nouns "…, the company said" speaks by for a business named in the same sentence.
_BUSINESS_NOUNS = frozenset(
    """
    company firm airline utility retailer chain bank insurer carrier lender manufacturer
    maker operator developer startup automaker railroad railway store pharmacy grocer
    """.split()
)
# Last words of a name that make it a place, no business ("Caddock County").
_PLACE_NOUNS = frozenset(
    "county city town township village state street avenue road park river lake".split()
)


def is_given_name(word: str) -> bool:
    """Is ``word`` a given name the nicknames package knows ("Robert", "Ann")?"""
    folded = fold_word(word).strip(".")
    return bool(GIVEN_NAMES.nicknames_of(folded) or GIVEN_NAMES.canonicals_of(folded))


# The nicknames package's hand-curated English name groups, loaded once for the package
# (index/speaker_answers.py reads short forms of given names from it too).
GIVEN_NAMES = NickNamer()


# A business named by where it does business: "Grayback Mountain Resort …. The resort said".
_PLACES_OF_BUSINESS = frozenset("resort hotel casino brewery winery pharmacy".split())
_ONLY_BODY_NOUNS = ORGANISATION_NOUNS | _PLACES_OF_BUSINESS


def _only_body_named(words: Sequence[str], entities: dict[str, Entity]) -> Entity | None:
    """The body "the university" (a body's noun after "the", or a place of business's: "the
    resort") means when it has not spoken yet: the one entity of the article whose name
    ends in that noun and that holds no post; None when the article names none or
    several."""
    folded = [fold_word(w).strip(".") for w in words]
    if len(folded) != 2 or folded[0] != "the" or folded[1] not in _ONLY_BODY_NOUNS:
        return None
    found = [
        e
        for e in entities.values()
        if len(e.name.split()) >= 2
        and fold_word(e.name.split()[-1]).strip(".") == folded[1]
        # no post's head: the field a body's name goes on with ("Department of Health")
        # is no post
        and not e.roles & ROLE_HEADS
    ]
    return found[0] if len(found) == 1 else None


def _author_of(
    words: Sequence[str], documents: dict[str, tuple[Entity, int]], ordinal: int
) -> Entity | None:
    """Who wrote "the statement" (letter, email, filing) that says something: the latest
    speaker who spoke in one, in this paragraph or the :data:`BODY_PARAGRAPHS` before it
    ("Orbis Health said in a statement …. The statement said …"); else None."""
    folded = [fold_word(w).strip(".") for w in words]
    if len(folded) != 2 or folded[0] != "the" or folded[1] not in documents:
        return None
    author, at = documents[folded[1]]
    return author if at >= ordinal - BODY_PARAGRAPHS else None


def _unnamed_body(words: Sequence[str], entities: dict[str, Entity]) -> Entity | None:
    """A body a description names by its kind and what it is for, when the article gives
    it no name ("the Bobcats' booster club", "the local tenants union"): "the", at least
    one word saying which, and a noun of such a body (:data:`_UNNAMED_BODIES`). Its
    words are its name and its roles, so a member may ask for "the booster club"; "the
    union" alone says too little to be anyone."""
    folded = [fold_word(w).strip(".") for w in words]
    if len(folded) < 3 or folded[0] != "the" or folded[-1] not in _UNNAMED_BODIES:
        return None
    if any(w in _PREPOSITIONS for w in folded):
        return None
    which = [w for w in map(_role_word, words[1:-1]) if w]
    if not which:
        return None
    return _remember(entities, " ".join(words[1:]), [*which, folded[-1]])


# Bodies news names by their kind and whose they are, often never by a name: a club, a
# union, a team. A business or an agency described by its kind ("the Ohio-based chain",
# "the regional carrier", "the medical center") is most often one the article has named.
_UNNAMED_BODIES = _GROUP_BODIES | frozenset(
    "club union association federation society league team division committee chapter "
    "caucus".split()
)


def _is_organisation(entity: Entity) -> bool:
    """Is an entity a body by the noun its name ends with ("Harlow Police Department",
    "Riverbend Regional Medical Center", "Police")?"""
    return fold_word(entity.name.split()[-1]).strip(".") in ORGANISATION_NOUNS


def _holds_post(entity: Entity) -> bool:
    """Does a person's post stand among an entity's roles ("spokesperson", "nurse")?"""
    return bool(entity.roles & ROLE_HEADS) or any(_is_role_word(w) for w in entity.roles)


def _is_body_noun(words: Sequence[str]) -> bool:
    """Does a description name a body by its head ("the state transportation department")?"""
    return bool(words) and fold_word(words[-1]).strip(".") in BODY_NOUNS


def _is_person_noun(word: str) -> bool:
    """Does a description's head name a person by a post or an occupation ("director",
    "steward", "epidemiologist", "owner", "spokeswoman"), rather than a thing ("the
    ability of the immune system", "the alarming number of deaths")?"""
    return (
        word in ROLE_HEADS
        or _is_role_word(word)
        or word in AGENT_NOUNS.values()
        or word.endswith(("man", "woman", "person"))
    )


def _named_now(
    entity: Entity, waiting: dict[Entity, int], unnamed: dict[Entity, str], ordinal: int
) -> Entity | None:
    """The person introduced by a description alone that ``entity``, named for the first
    time as a speaker, is: the latest one of this paragraph or the last whose head noun is
    one of ``entity``'s role words ("A steward for the union, who …, said …" and then
    "The steward, Joe Blum, said …")."""
    for candidate, spoke_in in reversed(waiting.items()):
        if spoke_in >= ordinal - 1 and unnamed[candidate] in related_role_words(entity.roles):
            return candidate
    # "The team's majority owner … had said …" and then "Vincent Caldwell-Ray said": a
    # speaker named with no post of their own right after a description is the person
    # it described (news introduces no one by a bare name)
    latest = next(reversed(waiting.items()), None)
    if latest is not None and latest[1] >= ordinal - 1 and entity.roles <= HONORIFICS:
        # a body is no person a description introduced ("an adjuster told her …. The
        # Orvella Valley Winegrowers Association said …")
        return None if _is_organisation(entity) else latest[0]
    # "The hospital's chief executive said …. Lydia Varga, who has led the hospital
    # since 2019, said": one who leads what the description's top post is of
    if latest is not None and latest[1] >= ordinal - 1 and entity.roles & _LEADING:
        candidate = latest[0]
        # whose post the description names: "the hospital's" → "hospital"
        owners = {_role_word(w) for w in candidate.name.split() if _possessive(w)}
        if unnamed[candidate] in _TOP_POSTS and owners and owners <= entity.roles:
            return candidate
    # "The head of the police department, who …, said …" and then "Police Chief Harriet
    # Moyo said": one in a top post of the field the description's head is of
    if latest is not None and latest[1] >= ordinal - 1 and entity.roles & _TOP_POSTS:
        candidate = latest[0]
        # the field the body is of ("police"), not the kind of body ("department")
        fields = candidate.roles - ROLE_HEADS - (BODY_NOUNS - DOMAIN_MODIFIERS)
        if unnamed[candidate] in _LEADING and fields & entity.roles:
            return candidate
    return None


def _bare_references(entity: Entity) -> set[str]:
    """The nouns by which an entity's role refers to a body named elsewhere: one after
    "the" in lower case, or the one role word that is no title word."""
    return entity.references | {w for w in entity.roles if entity.roles - ROLE_WORDS <= {w}}


def _place(entity: Entity, organisations: dict[str, list[Entity]]) -> bool:
    """Give a speaker the name of the body their role refers to as the latest body of that
    noun met so far ("The state Department of Environmental Quality sent inspectors. A
    department spokesman, Felix Amador, said …": not the fire department met paragraphs
    before), of the field their role names if it names one ("a spokesman for the fire
    department"); False when no such body was met."""
    found = False
    fields = entity.roles & DOMAIN_MODIFIERS
    for word in _bare_references(entity):
        body = next(
            (
                b
                for b in reversed(organisations.get(word, []))
                if fields <= {fold_word(t).strip(".,") for t in b.name.split()}
            ),
            None,
        )
        if body is not None and body is not entity:
            entity.roles.update(
                w
                for w in (fold_word(t).strip(".,") for t in body.name.split())
                if w and w not in _DESCRIPTION_SKIP
            )
            # what the article calls the body before its name ("the *state* Department
            # of Environmental Quality"), never a post someone holds at it
            entity.roles.update(
                w
                for w in body.roles
                if w not in ROLE_HEADS and not (len(w) > 6 and w.endswith(OCCUPATION_ENDINGS))
            )
            found = True
    return found


def _name_organisations(entities: dict[str, Entity], placed: Set[Entity] = frozenset()) -> None:
    """Give a role the name of the body it refers to by its last word: "a spokesperson for
    the commission", where the article names the "U.S. Consumer Product Safety
    Commission", is also a "safety commission" spokesperson. Only a name of two words or
    more counts, and only a reference by a bare noun is looked up: a lower-case one after
    "the", or the one word of a role that is no title word ("Commission chair Oleta
    Brandt"); "chairman of the House Science Committee" names its committee already. A
    name "X of Y" is referred to by X too ("the bureau": "Bureau of Mine Safety"). The
    ``placed`` speakers have their body already, from where they spoke."""
    # no description of a person ("the council's finance chair") is a body
    bodies = {
        key: e
        for key, e in entities.items()
        if len(e.name.split()) >= 2 and fold_word(e.name.split()[0]) not in _DETERMINERS
    }
    for e in list(bodies.values()):
        # "the bureau" for the "Bureau of Mine Safety": the word before its "of" too
        words = e.name.split()
        if "of" in words[1:]:
            bodies.setdefault(fold_word(words[words.index("of", 1) - 1]).strip(".,"), e)
    for entity in list(dict.fromkeys(entities.values())):
        if entity in placed:
            continue
        for word in _bare_references(entity):
            body = bodies.get(word)
            if body is not None and body is not entity:
                entity.roles.update(
                    w
                    for w in (fold_word(t).strip(".,") for t in body.name.split())
                    if w and w not in _DESCRIPTION_SKIP
                )


# Bodies a union is often named as ("Harlow Education Association", "Police Benevolent
# Association"), and the words a person calls their own union by.
_UNION_NAMES = frozenset("association federation guild brotherhood".split())
_UNION_OWNERS = frozenset("the our their its this".split())


def _unions_by_their_officers(
    parsed: Sequence[_Sentence], owners: Sequence[Sequence[Entity]], entities: dict[str, Entity]
) -> None:
    """Make a body named an association (or federation, guild …) a union, with the
    officers who hold its name, when one of them speaks of "the union" ("Renee Castillo,
    president of the Harlow Education Association, …. Castillo said the union had
    agreed …"): teachers' and police unions are named so, and members ask for "the union
    president". Not when the article names a union of its own ("Local 88", "… Union")."""
    people = list(dict.fromkeys(entities.values()))
    if any("union" in fold_word(e.name).split() or "local" in e.roles for e in people):
        return
    bodies: list[tuple[Entity, set[str]]] = []  # each with the words of its name
    for body in people:
        named = body.name.split()
        union_like = len(named) >= 2 and fold_word(named[-1]) in _UNION_NAMES
        if union_like and _is_organisation_named(body):
            bodies.append((body, {w for w in map(_role_word, named) if w}))
    if not bodies:
        return
    unions: list[set[str]] = []
    for s, names in zip(parsed, owners, strict=True):
        folded = [fold_word(t) for t in s.tokens]
        said = any(
            w in {"union", "union's", "union’s"} and n and folded[n - 1] in _UNION_OWNERS
            for n, w in enumerate(folded)
        )
        for person in names if said else ():
            for body, words in bodies:
                if body is not person and words <= person.roles and words not in unions:
                    body.roles.add("union")
                    unions.append(words)
    for person in people:
        if any(words <= person.roles for words in unions):
            person.roles.add("union")  # every officer of it, not only the one who said so


def _officers_of_described_bodies(entities: dict[str, Entity], spoken: Set[Entity]) -> None:
    """Give the officer of a body the article describes in lower case the description's
    words: "The drivers' union has said …" and "…," said Gloria Mendez, president of Local
    1142 of the Amalgamated Transit Union' make her the drivers' union's president too,
    so that a question about the drivers' union finds her words beside its own. Only when
    the article describes one body of that noun, names at most one more, and one person
    who spoke holds a top post (or speaks) for a body of that noun."""
    people = list(dict.fromkeys(entities.values()))
    by_noun: dict[str, list[Entity]] = {}
    by_name_of: dict[str, list[Entity]] = {}  # bodies named "Department of …" too
    for e in people:
        tokens = e.name.split()
        noun = fold_word(tokens[-1]).strip(".")
        if noun in BODY_NOUNS:
            by_noun.setdefault(noun, []).append(e)
            by_name_of.setdefault(noun, []).append(e)
        if "of" in tokens[1:]:
            before_of = fold_word(tokens[tokens.index("of", 1) - 1]).strip(".")
            if before_of in BODY_NOUNS:
                by_name_of.setdefault(before_of, []).append(e)
    for noun, bodies in by_noun.items():
        described = [b for b in bodies if b.name[:1].islower() and b in spoken]
        if len(described) != 1 or len(bodies) > 2:
            continue
        # "a spokeswoman for the department" right after "The state Department of
        # Environmental Quality …" is that department's, not the described one's
        others = [
            named
            for b in by_name_of.get(noun, [])[:MAX_NAMESAKES]
            if b is not described[0]
            and len(named := {w for w in map(_role_word, b.name.split()) if w}) >= 2
        ]
        officers = [
            e
            for e in people
            if e in spoken
            and e not in bodies
            and not _is_group(e)
            and noun in e.roles
            and e.roles & (_TOP_POSTS | _SPOKES_WORDS)
            and not any(named <= e.roles for named in others)
        ]
        if len(officers) == 1:
            # as the body writes its words: "the district attorney's office" leaves her
            # no attorney
            words = (fold_word(t).strip(".,").rstrip("'’") for t in described[0].name.split())
            officers[0].roles.update(w for w in words if w and w not in _DESCRIPTION_SKIP)
    # "The nurses' union, the Aldenport Nurses Association, called on …. Its president,
    # Colette Brisbane, said": a named body's officers (their roles hold its whole name)
    # are asked for by the words that described it too
    for body in people:
        named_words = {w for w in map(_role_word, body.name.split()) if w}
        # words of what the body is, not posts of someone who spoke as it ("The chairman
        # of the Port Authority said" gives the body a chairman)
        extra = {
            w for w in body.roles - named_words if w not in ROLE_HEADS and not _is_role_word(w)
        }
        if body not in spoken or not extra or not _is_organisation(body) or len(named_words) < 2:
            continue
        for e in people:
            if e is body or _is_group(e) or _is_organisation(e) or e not in spoken:
                continue
            if named_words <= e.roles and e.roles & (_TOP_POSTS | _SPOKES_WORDS):
                e.roles.update(extra)


def _heads_of_bodies(entities: dict[str, Entity]) -> None:
    """Give whoever holds the top post of a body (an organisation's noun among their
    roles: "the association's executive director", "president of the union") the role
    "head": members ask for "the head of the growers association"."""
    for e in dict.fromkeys(entities.values()):
        if _is_group(e) or _is_organisation(e) or e.roles & (_BELOW_TOP | FAMILY_NOUNS):
            continue  # "the team president's daughter" heads nothing
        top = bool(e.roles & _HEAD_POSTS) or any(pair <= e.roles for pair in _HEAD_PAIRS)
        if top and e.roles & ORGANISATION_NOUNS:
            e.roles.add("head")


def _abbreviate_bodies(entities: dict[str, Entity]) -> None:
    """Give a person whose roles hold a body's whole name the body's initials too: "a
    senior inspector with the state Department of Environmental Protection" is asked for
    as "the DEP inspector". The initials are those members type for the body
    (:func:`index.acronyms.initials`: three letters or more, a body's name only)."""
    people = list(dict.fromkeys(entities.values()))
    # bodies by the last word of their name, a few of each: the work stays linear in the
    # role words the article gives, however many bodies it names
    by_last: dict[str, list[tuple[Entity, set[str], set[str]]]] = {}
    for body in people:
        letters = initials(body.name)
        words = [w for w in (_role_word(t) for t in body.name.split()) if w]
        if not letters or not words:
            continue
        listed = by_last.setdefault(words[-1], [])
        if len(listed) < MAX_NAMESAKES:
            listed.append((body, set(words), letters))
    for person in people:
        for word in list(person.roles):
            for body, named, letters in by_last.get(word, ()):
                if body is not person and named <= person.roles:
                    person.roles.update(letters)


def _kinds_of_bodies(entities: dict[str, Entity]) -> None:
    """Give a person whose roles hold a body's whole name (two words or more) the body's
    own nouns of what it is, past the common ones of :data:`BODY_NOUNS`: "their insurer,
    Thornbury Mutual" and "Thornbury Mutual's claims director, Desmond Achterberg" make
    him the insurer's, whom a member asks for as "the insurance company guy"."""
    people = list(dict.fromkeys(entities.values()))
    by_last: dict[str, list[tuple[Entity, set[str], set[str]]]] = {}
    for body in people:
        # a kind beyond the bodies' nouns: "the union" or "the company" a person works
        # for is asked for by their post, and the body itself speaks by that noun
        kinds = {w for w in body.roles if w in ORGANISATION_NOUNS and w not in BODY_NOUNS}
        words = {w for w in (_role_word(t) for t in body.name.split()) if w}
        if not kinds or len(words) < 2 or not _is_organisation_named(body):
            continue
        last = _role_word(body.name.split()[-1])
        listed = by_last.setdefault(last, [])
        if len(listed) < MAX_NAMESAKES:
            listed.append((body, words, kinds))
    for person in people:
        for word in list(person.roles):
            for body, named, kinds in by_last.get(word, ()):
                if body is not person and named <= person.roles:
                    person.roles.update(kinds)


def _agencies_of_their_chiefs(entities: dict[str, Entity]) -> None:
    """Give a person titled by a field and a post alone ("Fire Chief Vernon Haskell") the
    name of the one body of that field the article names ("the Ridgeport Fire
    Department"): a member asks for "the ridgeport fire chief". Not when the article
    names two bodies of the field, nor for a post placed elsewhere ("State Fire Marshal
    Ann Lee": "state" is no rank)."""
    people = list(dict.fromkeys(entities.values()))
    by_field: dict[str, list[Entity]] = {}
    for body in people:
        if not _is_organisation(body) or not _is_organisation_named(body):
            continue
        for word in {w for w in (_role_word(t) for t in body.name.split()) if w}:
            if word in DOMAIN_MODIFIERS:
                by_field.setdefault(word, []).append(body)
    for person in people:
        fields = person.roles & by_field.keys()
        if len(fields) != 1 or _is_organisation(person) or not person.roles & ROLE_HEADS:
            continue
        if not person.roles - fields <= ROLE_HEADS | _FIELD_RANKS:
            continue
        bodies = by_field[next(iter(fields))]
        if len(bodies) == 1:  # its place, not its noun: the department still speaks for itself
            named = {_role_word(t) for t in bodies[0].name.split()}
            person.roles.update(w for w in named if w and w not in BODY_NOUNS)


# Ranks a fielded post may carry and still be the field's one body's ("Deputy Fire Chief").
_FIELD_RANKS = frozenset("deputy assistant acting interim battalion".split())


def _is_organisation_named(entity: Entity) -> bool:
    """Is an entity a body by a capitalised name with no post of a person's among its
    roles ("Thornbury Mutual", the insurer)?"""
    return entity.name[:1].isupper() and not entity.roles & ROLE_HEADS


def _owned_by(
    words: list[str],
    entities: dict[str, Entity],
    recent: list[Entity],
    genders: dict[Entity, str],
) -> Entity | None:
    """The speaker of a description a possessive determiner opens ("his family", "its
    lawyers"): the owner themself for their office or staff ("his office said"), a
    person of this or the last paragraph who holds the description's post ("her lawyer"
    after "Rita Vance, her lawyer, …"), else a speaker of their own named by the owner
    the pronoun refers to ("Tom Reyes's family"), or by the description alone when the
    pronoun refers to no one."""
    pronoun = _OWNER_PRONOUNS[fold_word(words[0])]
    owner: Entity | None = None
    # an owner is no one named by an owner of theirs ("Tom Reyes's family")
    owners = [e for e in recent if "'s " not in e.name]
    if pronoun == "it":
        owner = next((e for e in reversed(owners) if e not in genders and not _holds_post(e)), None)
    elif pronoun == "they":
        owner = owners[-1] if owners else None
    else:
        for e in reversed(owners):
            if _is_group(e) or _is_body_noun(e.name.split()):
                continue  # "Police said …. His family said": no body is a "he"
            if genders.setdefault(e, pronoun) == pronoun:
                owner = e
                break
    return _owners(owner, owner.name if owner else "", words[1:], entities, recent)


def _owned_by_name(
    words: list[str], entities: dict[str, Entity], recent: list[Entity]
) -> Entity | None:
    """The speaker of a description a name in the possessive opens ("Pryor's family",
    "Owen Pryor's lawyer"): as for "his family", with the person of that name known to
    the article as the owner (the namesake of this or the last paragraph first), else
    the name as written."""
    at = next(i for i, w in enumerate(words) if _possessive(w))
    name = [*words[:at], _possessive(words[at])]
    namesakes = _namesakes(entities, fold_word(name[-1]))
    owner = _namesake(namesakes, _given(name), set(), recent, True) if namesakes else None
    return _owners(owner, " ".join(name), words[at + 1 :], entities, recent)


def _owners(
    owner: Entity | None,
    owner_name: str,
    words: Sequence[str],
    entities: dict[str, Entity],
    recent: list[Entity],
) -> Entity | None:
    """Who speaks as ``words`` ("family", "lawyer", "office") of ``owner`` (written
    ``owner_name``): the owner themself for their office or staff, a person of this or
    the last paragraph who holds the post, else a speaker named by owner and words."""
    rest = [w.strip(".") for w in words]
    head = fold_word(rest[-1])
    if owner is not None and head in _PROXIES | _DOCUMENTS:
        return owner  # "His office said", "Corvane's statement said": the owner speaks
    if owner_name and head in _DOCUMENTS and len(rest) == 1:
        return _remember(entities, owner_name, [])
    qualifiers = [w for w in map(_role_word, rest) if w]
    theirs = {fold_word(w) for w in (owner.name if owner else owner_name).split()}
    bodies = [
        {fold_word(w) for w in o.name.split()}
        for o in entities.values()
        if o is not owner and _is_organisation(o)
    ]
    for e in reversed(recent):
        if e is not owner and not _is_group(e) and head in e.roles and set(qualifiers) <= e.roles:
            if not theirs <= e.roles and any(b <= e.roles for b in bodies):
                continue  # "Ruiz's spokesperson" is no spokesperson for another body
            return e
    if owner is not None:
        owner_name = owner.name
    if not owner_name:
        return _remember(entities, " ".join(rest), qualifiers)
    return _remember(entities, f"{owner_name}'s {' '.join(rest)}", qualifiers)


def _document_author(words: Sequence[str], folded: Sequence[str], cut: int) -> list[str]:
    """Who speaks as a document or an office a description names by its author: "a
    statement from the mayor's office" → "the mayor's office" → "the mayor" (a post, in
    lower case, whose holder speaks by their office); [] for any other description."""
    if (
        len(folded) > cut + 1
        and cut == 2
        and folded[0] in {"a", "an", "the"}
        and folded[1] in _DOCUMENTS
        and folded[cut] in {"from", "by"}
        and folded[cut + 1] == "the"
    ):
        return list(words[cut + 1 :])
    owner = _possessive(words[1]) if len(words) == 3 and folded[0] == "the" else ""
    if owner and owner.islower() and folded[2] in _PROXIES and fold_word(owner) in ROLE_HEADS:
        return [words[0], owner]
    return []


def _resolve(
    kind: str,
    words: list[str],
    entities: dict[str, Entity],
    recent: list[Entity],
    descriptions: dict[str, Entity],
    genders: dict[Entity, str],
    role_holders: dict[str, list[Entity]],
    unnamed: dict[Entity, str],
) -> Entity | None:
    """The person a subject stands for. A description that fits no one known ("a steward
    for the union", "the festival's director") is a new person, recorded in ``unnamed``
    with its head noun, whom a later name may turn out to be."""
    if kind == "name":
        cut = words.index("|")
        return _remember(entities, " ".join(words[cut + 1 :]), words[:cut], recent, True)
    if kind == "pronoun":
        pronoun = words[0]
        if pronoun == "it":
            # "it" is a body: never a person a "he" or "she" named, or one with a post
            # ("… had been relieved of duty, which it described as routine")
            return next(
                (e for e in reversed(recent) if e not in genders and not _holds_post(e)), None
            )
        if pronoun not in GENDERED:
            return recent[-1] if recent else None
        for e in reversed(recent):
            if _is_group(e) or _is_organisation(e):
                continue  # "Prosecutors argued …", "Police said …": no "he" or "she"
            if genders.setdefault(e, pronoun) == pronoun:
                return e
        return None
    folded = [fold_word(w).strip(".") for w in words]
    if folded[0] in _OWNER_PRONOUNS:
        entity = _owned_by(words, entities, recent, genders)
        post = folded[-1]
        of_body = folded[0] in {"its", "their"}  # "his lawyer" is never he himself
        if of_body and entity is not None and entity not in recent and post in ROLE_HEADS:
            # "Its president said …" and then "…," said the union president, Carla
            # Mendes': a post with no name yet, whom a later name may turn out to be
            unnamed.setdefault(entity, post)
        return entity
    if _is_cap(words[0]) and folded[0] not in _DETERMINERS and any(map(_possessive, words)):
        return _owned_by_name(words, entities, recent)  # "Pryor's family said"
    # The head is the last word before what it is of or for: "a steward *for* the union"
    cut = next((i for i in range(1, len(folded)) if folded[i] in _PREPOSITIONS), len(folded))
    head = folded[cut - 1]
    qualifiers = [w for w in (_role_word(t) for t in words[1:]) if w]
    author = _document_author(words, folded, cut)
    if author:
        # "A statement from the mayor's office said", "the mayor's office said": the
        # mayor speaks
        return _resolve(
            "description", author, entities, recent, descriptions, genders, role_holders,
            unnamed,
        )  # fmt: skip
    if cut < len(folded) and head in BODY_NOUNS and folded[0] == "the" and _is_placed(words, cut):
        # "The nurses' union at St. Brendan's called on …": a body of its own, by the
        # words before where it is, when they are two or more ("the union at the plant"
        # may be any union the article names)
        named = [w for w in map(_role_word, words[1:cut]) if w]
        if len(named) >= 2:
            return _remember(entities, " ".join(words[1:cut]), qualifiers)
    if cut < len(folded) and not _is_person_noun(head) and head not in FAMILY_NOUNS:
        return None  # "the ability of the immune system", "a right for companies"
    if kind == "description" and len(folded) == 2 and folded[0] == "the" and head in _GENDER_NOUNS:
        # "A 34-year-old mother …, said …. The woman said …": whom "she" would mean
        return _resolve(
            "pronoun", [_GENDER_NOUNS[head]], entities, recent, descriptions, genders,
            role_holders, unnamed,
        )  # fmt: skip
    if folded[0] in {"a", "an", "one", "another"}:  # "a Ukrainian source": a new, unnamed speaker
        if head in _TIME_NOUNS or head in _CALENDAR:
            return None  # "a text an hour later saying": a time says nothing
        entity = _remember(entities, " ".join(words[:cut]), qualifiers)
        if entity is not None:
            descriptions[head] = entity
            unnamed[entity] = head
        return entity
    # "the festival's director", "the head of the review": someone in particular; only
    # a person whose roles hold its other words is that one
    qualified = cut < len(folded) or any(_possessive(w) for w in words[1:cut])

    # "the university said" is the body speaking, never its president, whose roles hold
    # "university" as the owner of his post
    body_itself = len(folded) == 2 and folded[0] == "the" and head in ORGANISATION_NOUNS

    def fits(e: Entity) -> bool:
        if body_itself and _holds_post(e):
            return False
        return not qualified or set(qualifiers) <= e.roles | {head}

    # "the source", "the spokesperson", "the president": the latest speaker it describes
    for e in reversed(recent):
        if _is_group(e):
            continue  # "the lead prosecutor" is one of them, not "Prosecutors"
        if (head in e.roles or head in fold_word(e.name).split()) and fits(e):
            return e
    # "the superintendent said", paragraphs after she was introduced: the one person of
    # the article with that role
    holders = role_holders.get(head, [])
    if len(holders) == 1 and fits(holders[0]):
        return holders[0]
    if head in descriptions:
        return descriptions[head]
    if qualified and _is_person_noun(head):
        # not whoever spoke last; named later, if at all
        entity = _remember(entities, " ".join(words[:cut]), qualifiers)
        if entity is not None:
            unnamed[entity] = head
        return entity
    if head in BODY_NOUNS and cut == len(folded) and len(qualifiers) >= 2:
        # "The state transportation department said": a body of its own, named by its
        # words, whom "a department spokesman" later speaks for
        return _remember(entities, " ".join(words[1:]), qualifiers)
    # "the president said", "the official said"; but "the Dunmore resident" is no one
    # else of the article ("Resident Mae Lutz" lives elsewhere)
    if recent and head in ROLE_HEADS and (head not in DESCRIPTIVE_HEADS or len(folded) == 2):
        return recent[-1]
    age = _age_of(head) if cut == len(folded) and len(folded) == 2 else ""
    if age:
        # "Dan Moss, 54, a farmer, …. “…,” the 54-year-old said": the latest person of
        # no other age
        for e in reversed(recent):
            if _is_group(e) or _is_organisation(e) or e.name[:1].islower():
                continue
            if not any(map(_age_of, e.roles)):
                e.roles.add(age)
                return e
            break
    return None
