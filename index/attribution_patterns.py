"""The word and pattern tables :mod:`index.attribution` reads English news prose by.

Kept apart from the logic so that each rule there reads as what it does, and each table
here as what it holds: the verbs of speech, the words that open, end or skip a clause,
the nouns of a body, a time or a person, and the tokenizer's pattern.
The limits that bound the work stay with the logic they bound.
"""

import re

from .roles import BODY_NOUNS, PROXY_NOUNS

SPEECH_VERBS = frozenset(
    """
    say says said saying tell tells told telling write writes wrote adds added
    stated announce announces announced declare declares declared explain explains
    explained noted argue argues argued insist insists insisted claim claims
    claimed warn warns warned confirm confirms confirmed praise praises praised deny denies
    denied urge urges urged reply replies replied respond responds responded acknowledge
    acknowledged admit admits admitted suggest suggests suggested stress stresses stressed
    emphasise emphasised emphasize emphasized comment comments commented tweet tweeted posted
    recalled predicted vowed promised asserted countered remarked observed speak speaks spoke
    apologized apologised apologizes apologises cautioned conceded concedes complained
    complains joked testified testifies reiterated reiterates lamented pledged contended
    recounted wondered answered described texted emailed shouted quoted ruled
    echoed echoes quipped retorted
    """.split()
) | frozenset(
    # Verbs of communication in the past tense (Levin 1993, English Verb Classes and
    # Alternations, §37: transfer of a message 37.1, manner of speaking 37.3, instrument
    # of communication 37.4, say 37.7, complain 37.8, advise 37.9) and the speech acts
    # news reports with them (Searle's directives, commissives and expressives: ordered,
    # thanked, pledged). Only past forms: their present forms are mostly nouns in news
    # ("the union's demands", "orders", "reports").
    """
    asked cited dictated explained preached quoted recited relayed
    whispered yelled screamed muttered murmured mumbled bellowed stammered
    phoned telephoned radioed wired faxed messaged
    announced articulated blurted confessed confided conveyed divulged mentioned
    proclaimed revealed repeated alleged affirmed disclosed
    boasted bragged griped grumbled moaned protested objected
    admonished advised alerted counselled counseled instructed notified informed
    assured reassured reminded
    ordered demanded requested pleaded begged appealed threatened thanked congratulated
    criticized criticised accused blamed condemned welcomed
    """.split()
)

# Verbs of a reply that report what someone holds without a verb of speech ("Doherty
# rejected that account"): a named person's (or a pronoun's) only, never a body's.
RESPONSE_VERBS = frozenset("rejected rejects disputed disputes disagreed disagrees".split())

_AGREEING = frozenset("agreed agrees".split())

PRONOUNS = frozenset("he she they it we i".split())

GENDERED = frozenset({"he", "she"})

# A dash is a token of its own: it sets off a dateline ("HARBRIDGE — The fund …") and an
# aside, as a comma does, so no name runs across it.
_TOKEN = re.compile(r"[\w'’.\-]+|[“”\"(),:;—–]")

_SKIP_BEFORE_VERB = frozenset(
    "also had has have was were would will then later again once further repeatedly "
    "previously reportedly earlier not did does do to refused declined both ( )".split()
)

_COORDINATORS = frozenset({"and", "but"})

_GOING = frozenset("went goes go going".split())  # "X went on to say"

# Nouns of a person by their sex alone, and the pronoun that would mean them.
_GENDER_NOUNS = {"woman": "she", "man": "he", "girl": "she", "boy": "he"}

# Words that open a sentence before a name, never part of it ("For Dan Frey, …").
_OPENING_WORDS = frozenset(
    "for in on at by with from after before since during among like unlike as neither "
    "either both".split()
)

_PASSIVE = frozenset("was were is are be been being".split())

# Words that open a clause set off by commas after a name: "Tom Reyes, who farms…,".
_CLAUSE_OPENERS = frozenset("who whose which where a an the".split())

# Words that end a description of a person: a relative clause or the sentence's verb.
_DESCRIPTION_ENDS = frozenset("who whose which that where when was is has had".split())

# Words of a description that say nothing of the role: "a senior economist *at* UN …".
_DESCRIPTION_SKIP = frozenset(
    "a an the one its his her their our of for at with in on from to and by".split()
)

_PREPOSITIONS = frozenset(
    "in on at with by for from to of into after before during about over under".split()
)

_POSSESSIVES = frozenset("its his her their our my your".split())

_POSSESSIVE_GENDER = {"his": "he", "her": "she"}
_SUBJECT_GENDER = {"he": "he", "she": "she"}
_PARENT_BY_GENDER = {"he": "father", "she": "mother"}

_OWNER_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}

_BOUNDARIES = frozenset({",", "(", ")", ":", ";", "“", "”", '"', "—", "–"})

# Words that begin a time, never a speaker, after a verb: "the recall, announced Thursday".
_CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today tonight yesterday
    january february march april may june july august september october november december
    """.split()
)

# Nouns of a span of time: "an hour later saying …" names when, never who.
_TIME_NOUNS = frozenset(
    "second seconds minute minutes hour hours day days night nights week weeks month months "
    "year years decade decades moment while time".split()
)

# Words of a relative clause before its verb ("who has long led …").
_CLAUSE_ADVERBS = frozenset("has have had also now long still since previously once".split())

# Verbs of a relative clause that give a post: "who became CFO", "who serves as treasurer".
_BECOMING = frozenset("became becomes become".split())

_SERVING = frozenset("serves served serve works worked".split())

# Verbs that give someone a post: "She *named* Deputy Chief Andrea Sloane as interim
# chief", "Marta Quell was *appointed* acting director".
_APPOINTING = frozenset(
    "named appointed tapped picked chose chosen selected hired promoted elected nominated "
    "installed".split()
)

# Words that end the post someone is appointed to: "as interim chief, *effective* …",
# "was named acting director *in* March".
_APPOINTMENT_ENDS = frozenset("in on at after effective last this next by".split())

# Words that end a description with when it held: "who became CFO *in January*".
_WHEN_WORDS = _CALENDAR | frozenset("since until after before when while".split())

# Words that open a clause before a sentence's subject ("Though Luther saw …: “…”").
_CLAUSE_STARTERS = frozenset(
    "though although when while as if after before since because in on at by for with from "
    "during until unless once but and so yet".split()
)

# Words that open a clause with a subject of its own ("after the chair asked …").
_SUBORDINATORS = frozenset(
    "after before since until unless because though although while when once if".split()
)

_OPENING_VERBS = frozenset("said says added adds".split())  # 'Said X: "…"'

_WORKS_AT = frozenset("of with at from".split())  # "X of the weather service"

_SPOKES_WORDS = frozenset("spokesperson spokesman spokeswoman".split())

_QUOTE_MARKS = frozenset({"“", '"'})

# Who speaks for someone named by a possessive: "Abernathy's office said".
_PROXIES = PROXY_NOUNS

# Nouns of an organisation: a name ending in one names a body ("Harlow Police Department",
# "Riverbend Regional Medical Center", "Tidewell Ferry Lines"), whom no "he" or "she" means.
ORGANISATION_NOUNS = BODY_NOUNS | frozenset(
    """
    company firm utility carrier airline bank retailer manufacturer maker operator lender
    chain insurer startup developer automaker studio group railway railroad network fund
    distributor supplier rail railways lines airlines airways air energy inc corp co ltd
    llc plc holdings partners labs laboratories technologies ferries mining financial
    insurance supply agency department ministry authority commission board office bureau
    service regulator administration inspectorate government council committee court
    tribunal district police guard division city town county village borough state union
    association federation coalition society league hospital school college university
    clinic center centre institute foundation charity trust organization organisation club
    team party airport playhouse theatre theater museum library authorities chamber
    """.split()
)

# What someone speaks by without a voice of their own: "Corvane's statement said".
_DOCUMENTS = frozenset("statement letter email filing".split())

# Modal verbs of reported speech: "Mendes said the hospital would keep its emergency
# department open. Patients would be referred to …": the second sentence reports her too.
_REPORTED_MODALS = frozenset("would could might".split())

_DETERMINERS = frozenset("the a an this that".split())

_CONNECTORS = frozenset({"of"})

# Lower-case particles inside personal names: "Jan de Wit", "Ursula von der Leyen".
_PARTICLES = frozenset("de da di del der den van von la le du bin al el ter".split())

_JOINERS = _CONNECTORS | _PARTICLES

# Words that never name a post's field before its title: "according to", "with",
# "when", "the", "and" … end a role read leftwards from a name.
_NO_FIELD = (
    _PREPOSITIONS | _DETERMINERS | _POSSESSIVES | _COORDINATORS | _CLAUSE_STARTERS
    | _SKIP_BEFORE_VERB | _DESCRIPTION_ENDS | _PASSIVE | PRONOUNS | SPEECH_VERBS
    | RESPONSE_VERBS
    | frozenset("according than then through via including like as among against".split())
)  # fmt: skip

# Ranks held in police forces as in armies and fire services ("Lieutenant Victor Amado",
# "Sgt. Ray Dunn"), and the words of a sentence that say which: police.
_RANKS = frozenset(
    "lieutenant lt sergeant sgt captain capt cpt corporal cpl commander inspector insp "
    "officer detective det".split()
)

_POLICE = frozenset("police sheriff".split())

_AGE = re.compile(r"(\d{1,3})-years?-old")

# The tie of someone whose kin a clause names ("whose husband …" → wife).
_RECIPROCAL_KIN = {
    "husband": "wife",
    "wife": "husband",
    **dict.fromkeys("son sons daughter daughters child children kids".split(), "parent"),
}

# Nouns of a body that news writes without an article, as a plural or a collective, and
# places by a town or a region ("Police in Marlow said", "Authorities in Pell County").
_COLLECTIVE_BODIES = frozenset("police authorities".split())

# Prepositions that place a described subject at, in or with a named body or place ("a
# nurse at St. Brendan's", "bus drivers in Bramley", "a meteorologist with the National
# Weather Service"); "of" and "for" are read as whose post it is (:func:`_role_for`).
_PLACING = frozenset("at in from with".split())

# Nouns of a body of people that are no post's ("the organizing group, the X Collective").
_GROUP_BODIES = frozenset("group organization organisation coalition alliance".split())

# Quantifiers and indefinite pronouns that open a sentence's subject: no name
# ("Several studies …", "Nobody objected.").
_QUANTIFIERS = frozenset(
    "several many some most both few all each every any no other another various "
    "nobody none everyone everybody someone somebody anyone anybody".split()
)

# Endings of nouns for people ("residents", "opponents", "customers", "scientists").
_PERSON_ENDINGS = ("er", "or", "ist", "ant", "ent", "ian", "man", "ee")

# Forms of verbs of speech that are also plural nouns, as after an owner ("Thornbury
# Mutual's claims director", "the mayor's comments"); "McDonald's says" is a verb.
_NOUN_FORMS = frozenset("claims comments replies praises stresses echoes answers".split())

# A person's estimate or recommendation reported as a clause ("Trask estimated that …",
# "He recommended that growers photograph …").
_ESTIMATING = frozenset("estimated estimates estimate recommended recommends".split())

_THING_PRONOUNS = frozenset("it them this that".split())

_INDEFINITE = frozenset("a an the".split())

# Words that open a time after "called X": "called the police the next morning".
_WHEN_CALLED = _TIME_NOUNS | frozenset(
    "next following same morning afternoon evening night week weekend".split()
)

# What a person declines to tell ("declined to name the contractor", "refused to
# identify", "declined to elaborate"): a report of them, as "declined to say" is.
_WITHHOLDING_VERBS = frozenset("name identify discuss elaborate specify disclose detail".split())

_REFUSING = frozenset("declined refused".split())

# Words after a refusal that name what it was about: "declined to comment *on* the claims".
_TOPIC_AFTER = frozenset("on about regarding".split())

# Verbs that voice what their object names: "raised concerns", "voiced objections".
_VOICING = frozenset("raised voiced expressed".split())

_CONCERNS = frozenset("concern concerns objection objections doubts fears alarm".split())

_OBJECT_RELATIVES = frozenset("which whom".split())

# Pledges in the present tense, as headlines and ledes report them ("X vows to …"): their
# forms are nouns as often ("campaign pledges"), so only before "to" or "that".
_PRESENT_PLEDGES = frozenset("vows pledges".split())

# Words after which a verb's form is a noun: "a request *for* comment", "*the* claims",
# "*no* comment", "*their* reply", "a call *seeking* comment".
_NOUN_BEFORE = _POSSESSIVES | frozenset("a an the for no any seeking requesting".split())

# Words between a passive's auxiliary and its verb: "were not told", "was also told".
_PASSIVE_GAP = frozenset("not never also n't reportedly repeatedly".split())

_SPEAKING_AT_ALL = frozenset(
    "speak speaks spoke comment comments commented respond responds responded reply "
    "replies replied answer answered testify testified".split()
)

# What someone who "said nothing" said; the pleas of a defendant, which are no account.
_NOTHING = frozenset("nothing little".split())

# Verbs of speech that also name an act done by order or decree when a thing follows
# them ("ordered flags lowered", "declared a state of emergency"): what was done, no words
# of the doer's. Before "that", a day, a preposition or a quotation's end they still
# report speech.
_DECREES = frozenset("ordered declared".split())

_PLEAS = frozenset("guilty not no innocent".split())

# Auxiliaries of a negated fact ("did not speak", "has never commented"); a modal's
# refusal ("would not say whether …") still reports the person.
_DID = frozenset("did does do has have had".split())

_NEGATION_GAP = frozenset("also yet publicly immediately".split())

_SAYING = frozenset("say says said".split())

_OWNING = frozenset("owner founder".split())

_ORDINALS = {"former": 0, "latter": -1}

# Plurals of a person's ending that name no people ("others", "numbers", "centers").
_NOT_PEOPLE = frozenset("other number center centre order letter matter water paper".split())

# Posts of one who leads a body, and the posts at a body's top they stand for.
_LEADING = frozenset("leader head owner".split())

_TOP_POSTS = frozenset(
    "executive president director chief chairman chairwoman chair head leader ceo "
    "superintendent principal administrator".split()
)

# Posts at a body's top ("The association's executive director", "president of the
# union"), whose holder a member asks for as its head; and words of a post below it.
_HEAD_POSTS = frozenset(
    "president chairman chairwoman chairperson chair ceo superintendent".split()
)

_HEAD_PAIRS = (frozenset({"executive", "director"}), frozenset({"chief", "executive"}))

_BELOW_TOP = frozenset("vice deputy assistant associate".split())
