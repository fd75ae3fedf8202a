"""Role words: which words name a post rather than a person, and the common titles that
news writes both in full and abbreviated.

Articles introduce a speaker once with a role ("Chief Financial Officer Ruth Adeyemi",
"the county's fire marshal, Ann Lee") and readers ask by the role, often in its other
spelling ("what did the CFO say"). So the words of a title and its abbreviation are made
to meet: a speaker whose role holds every word of a full title also carries its
abbreviation, and one whose role holds the abbreviation also carries the full title's
words. The table is of general titles and abbreviations only, never of synonyms of one
article's wording ("union boss" for "general secretary" is a paraphrase, not a title).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from wordfreq import zipf_frequency

# Abbreviation → the words of the title it stands for (folded).
TITLE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "ceo": ("chief", "executive"),
    "cfo": ("chief", "financial", "officer"),
    "coo": ("chief", "operating", "officer"),
    "cto": ("chief", "technology", "officer"),
    "cmo": ("chief", "medical", "officer"),
    "cio": ("chief", "information", "officer"),
    "cno": ("chief", "nursing", "officer"),
    "vp": ("vice", "president"),
    "pm": ("prime", "minister"),
    "mp": ("member", "parliament"),
    "fm": ("foreign", "minister"),
    "un": ("united", "nations"),
    "us": ("united", "states"),
    "eu": ("european", "union"),
    "gm": ("general", "manager"),
    "ag": ("attorney", "general"),
    "da": ("district", "attorney"),
    "md": ("managing", "director"),
    "pd": ("police", "department"),
    "ems": ("emergency", "services"),
}
# Members' words for family ties news writes formally ("a mother of two": "the mom").
KIN_VARIANTS: tuple[frozenset[str], ...] = (
    frozenset({"mother", "mom", "mum", "mommy", "mummy", "mama"}),
    frozenset({"father", "dad", "daddy", "papa"}),
    frozenset({"grandmother", "grandma", "granny", "nan"}),
    frozenset({"grandfather", "grandpa", "grandad", "granddad"}),
)
# A family tie is shared by people the article never calls so ("Parent Rosa Quintero,
# whose daughter was on the bus" is a mom too): a description's kin word is never one
# that rules out whoever the article did not give it to.
KIN_WORDS = frozenset().union(*KIN_VARIANTS) | {"parent"}
# Nouns of a tie to someone that describe a person ("the victim's mother", "her son").
FAMILY_NOUNS = KIN_WORDS | frozenset(
    """
    son daughter brother sister wife husband widow widower fiance fiancee partner uncle
    aunt cousin nephew niece grandson granddaughter child
    """.split()
)
# Words that name the same post in different genders or styles: each stands for all.
# Posts of someone who speaks for another.
SPOKES_WORDS = frozenset({"spokesperson", "spokesman", "spokeswoman"})
ROLE_VARIANTS: tuple[frozenset[str], ...] = (
    SPOKES_WORDS,
    frozenset({"chairman", "chairwoman", "chairperson", "chair"}),
    # "The head of the union" is the one "who has led" it.
    frozenset({"head", "leader"}),
    frozenset({"councilmember", "councilman", "councilwoman", "councillor", "councilor"}),
    # Titles news abbreviates before a name ("Gov. Angela Ruiz", "Supt. Linda Graves").
    frozenset({"gov", "governor"}),
    frozenset({"sen", "senator"}),
    frozenset({"rep", "representative"}),
    frozenset({"supt", "superintendent"}),
    frozenset({"atty", "attorney", "lawyer"}),
    frozenset({"prof", "professor"}),
    frozenset({"rev", "reverend"}),
    frozenset({"dr", "doctor"}),
    # Clipped forms readers type for a post or its field ("the ag sec", "the state vet",
    # "the transportation sec", "the health commish").
    frozenset({"sec", "secy", "secretary"}),
    frozenset({"ag", "agriculture", "agricultural"}),
    frozenset({"vet", "veterinarian"}),
    frozenset({"commish", "commissioner"}),
    frozenset({"supe", "supt", "superintendent"}),
    frozenset({"pres", "prez", "president"}),
    frozenset({"exec", "executive"}),
    frozenset({"dir", "director"}),
    frozenset({"mgr", "manager"}),
    frozenset({"admin", "administrator"}),
    frozenset({"asst", "assistant"}),
    frozenset({"dept", "department"}),
    frozenset({"govt", "government"}),
    frozenset({"doc", "doctor"}),
    frozenset({"ref", "referee"}),
    frozenset({"transpo", "transportation"}),
    frozenset({"econ", "economist"}),
    frozenset({"sgt", "sergeant"}),
    frozenset({"lt", "lieutenant"}),
    frozenset({"det", "detective"}),
    frozenset({"capt", "cpt", "captain"}),
    frozenset({"col", "colonel"}),
    frozenset({"cpl", "corporal"}),
    frozenset({"insp", "inspector"}),
    frozenset({"adm", "admiral"}),
    frozenset({"assoc", "assn", "association"}),
    frozenset({"coop", "co-op", "cooperative"}),
    # the emergency room or department, where "the ER doctor" works: no post of its own
    frozenset({"er", "emergency"}),
    # a team's post and a party's members as readers clip them ("the qb", "the dem chair")
    frozenset({"qb", "quarterback"}),
    frozenset({"dem", "dems", "democrat", "democratic"}),
    frozenset({"gop", "republican"}),
    *KIN_VARIANTS,
)
# Titles written as one word or two ("councilman", "council member"): a speaker whose
# role holds the two words carries the one, and the other way round; the one word's
# variants follow (:data:`ROLE_VARIANTS`).
COMPOUND_TITLES: dict[str, tuple[str, ...]] = {
    "councilmember": ("council", "member"),
    "boardmember": ("board", "member"),
    # a member's words for a kind of body ("the insurance company guy": the insurer's)
    "insurer": ("insurance", "company"),
}
# A word for a person's tie to someone that implies another a member may ask by: a
# widow was the dead man's wife ("Owen Pryor's widow" is "Owen Pryor's wife"). One way
# only: a wife is no widow.
IMPLIED_ROLE_WORDS: dict[str, str] = {
    "widow": "wife",
    "widower": "husband",
    # a mother is a parent ("what did the parent say"); a parent is no mother
    "mother": "parent",
    "father": "parent",
    # a member asks for one who forecasts by the field ("the weather guy")
    "meteorologist": "weather",
    "forecaster": "weather",
    # "the Rev. Samuel Odum of First Baptist Church" leads a church: "the pastor"
    "rev": "pastor",
    "reverend": "pastor",
}
# Members' words for anyone who polices ("what did the cop say"), one way only: a
# sheriff, a deputy, a trooper or a police spokesman is a cop to them, a cop no sheriff.
POLICE_MEMBER_WORDS = frozenset("cop cops policeman policewoman police".split())
# Posts (and a post's field) that police wherever they stand in a role: a sheriff's
# office, a police department, state troopers, constables, detectives.
POLICE_POSTS = frozenset(
    "police sheriff sheriff's trooper troopers constable detective det patrolman "
    "patrolwoman policeman policewoman".split()
)
# Titles that police when they are a person's only post ("Officer Sam Diaz", "Deputy Amy
# Frost"): with another ("chief financial officer", "deputy mayor", "press officer") they
# are that post's.
POLICE_TITLES_ALONE = frozenset("officer deputy".split())
# Titles of two words or more that imply a plain word for the post, one way only: a
# district attorney, assistant or not, prosecutes ("the prosecutor"); a prosecutor may
# be no district attorney.
IMPLIED_BY_TITLE: dict[tuple[str, ...], str] = {
    ("district", "attorney"): "prosecutor",
    ("state's", "attorney"): "prosecutor",
    ("crown", "prosecutor"): "prosecutor",
}
# Occupations named by a verb in a clause beside a name ("Luis Ortega, who owns the
# diner"): the verb → the noun a reader asks by ("the diner owner").
AGENT_NOUNS: dict[str, str] = {
    "owns": "owner", "owned": "owner", "runs": "owner", "ran": "owner",
    "manages": "manager", "managed": "manager", "leads": "leader", "led": "leader",
    "heads": "head", "headed": "head", "chairs": "chair", "chaired": "chair",
    "founded": "founder", "teaches": "teacher", "taught": "teacher", "coaches": "coach",
    "represents": "representative", "directs": "director", "edits": "editor",
    "run": "owner", "oversees": "head", "oversaw": "head", "overseen": "head",
    "directed": "director", "supervises": "supervisor",
    "supervised": "supervisor", "coordinates": "coordinator", "organizes": "organizer",
    "organises": "organiser", "trains": "trainer", "trained": "trainer",
    "rides": "rider", "rode": "rider", "ridden": "rider",
}  # fmt: skip
# Endings of occupations written in lower case before a name ("state epidemiologist Dr.
# Karen Lutz", "pediatrician Farah Haddad").
OCCUPATION_ENDINGS = ("ist", "ician")

# Heads that describe a person by where they live rather than by a post: a member asking
# for "the neighbor" may mean one the article describes in other words ("Paul Ek, who
# lives next door"), so no one holding the word is no reason to decline.
DESCRIPTIVE_HEADS = frozenset("neighbor neighbour homeowner resident".split())
# Nouns by which a post's holder speaks ("the governor's office said", "the mayor's
# campaign"): articles and questions both read them as the holder.
PROXY_NOUNS = frozenset("office campaign administration staff aides camp".split())
# Nouns that name a post or an occupation: in a capitalised run they end the role, and
# the words after them are the name ("County Fire Marshal | Dennis Kowalski").
# Descriptions news writes before a name as a title ("Neighbor Tom Reyes said") end the
# role there too, though they are no post.
ROLE_HEADS = DESCRIPTIVE_HEADS | frozenset(
    """
    president minister secretary spokesperson spokesman spokeswoman chancellor senator
    governor mayor king queen prince princess pope chief director ceo cfo coo cto chairman
    chairwoman chair chairperson leader ambassador commander judge justice official envoy
    adviser advisor head speaker representative rep sen gov coach captain officer marshal
    manager treasurer economist analyst commissioner councillor councilor councilman
    councilwoman inspector superintendent sheriff meteorologist forecaster administrator
    attorney
    prosecutor general lawmaker mp pm fm premier trustee executive founder owner
    correspondent editor professor dr mr mrs ms sir lord lady provost principal steward
    auditor comptroller sergeant lieutenant detective constable veterinarian surgeon
    physician midwife colonel corporal admiral capt cpt lt sgt det col cpl insp adm
    organiser organizer member
    coroner clerk warden chaplain rabbi imam pastor reverend rev curator architect engineer
    planner researcher scientist lawyer solicitor barrister counsel trooper firefighter
    paramedic pilot assessor registrar magistrate ombudsman controller supervisor foreman
    ranger dispatcher nurse teacher parent keeper zookeeper deputy referee umpire
    """.split()
)
# Words that stand before a role head and belong to the role ("Chief Financial Officer",
# "Deputy Foreign Minister", "Fire Marshal").
ROLE_MODIFIERS = frozenset(
    """
    prime foreign defence defense interior finance financial operating technology state vice
    deputy former acting us uk eu un senior assistant associate executive managing
    emergency fire police health safety press communications county city regional
    national federal district
    """.split()
)
ROLE_WORDS = ROLE_HEADS | ROLE_MODIFIERS
# Modifiers that name the field of a post rather than its rank: a question's "police
# chief" or "health director" names no chief or director of another field.
DOMAIN_MODIFIERS = frozenset(
    """
    foreign defence defense interior finance financial technology police fire health safety
    emergency press communications
    """.split()
)
# The levels of government a post or a body is of, each with the words a member may use
# for it: "the state health dept" is no county health department nor its director.
GOVERNMENT_LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"state", "provincial"}),
    frozenset({"county"}),
    frozenset({"city", "town", "village", "municipal", "township", "borough"}),
    frozenset({"federal", "national"}),
)
LEVEL_WORDS = frozenset().union(*GOVERNMENT_LEVELS)
# Nouns that name a body, not a person: "the state transportation department said" is the
# department speaking, and a member asks for it by those words ("the transportation dept").
BODY_NOUNS = frozenset(
    """
    department agency ministry authority commission council board committee office bureau
    service company firm utility union association federation district government
    administration court tribunal regulator inspectorate police
    """.split()
)
# Nouns of what a body is that news gives a body named otherwise ("their insurer,
# Thornbury Mutual"; "the utility, Northvale Power").
BODY_KINDS = BODY_NOUNS | frozenset("insurer utility carrier airline bank lender".split())
# Heads that name someone acting for a body rather than a title of their own: a member may
# call a union's chief steward its "rep".
GENERIC_ROLE_HEADS = frozenset("rep representative official leader head".split())
# Words that stand before a name and are not part of it, for who-speaks-where
# (index/attribution.py) and for telling a name in a sentence (index/answer_types.py):
# the role words and honorifics.
TITLE_WORDS = ROLE_WORDS | frozenset(
    """
    president minister secretary spokesperson spokesman spokeswoman chancellor prime foreign
    defence defense interior finance general senator governor mayor king queen prince
    princess pope chief director ceo chairman chairwoman chair leader ambassador commander
    judge justice dr mr mrs ms sir lord lady state vice deputy former acting us uk eu un
    official envoy adviser advisor head speaker representative rep sen gov coach captain
    """.split()
)
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "can")


def is_demonym(folded: str) -> bool:
    """ "russian", "chinese", "british", "american": a folded word that stands before a
    name, as a title does."""
    return folded.endswith(_DEMONYM_ENDINGS)


# Words of address before a name, never part of a post's initials ("Dr. Helen Marsh, the
# hospital's chief executive" is no "dhce").
HONORIFICS = frozenset("dr mr mrs ms miss sir lord lady".split())
# A post of this many words or more is also asked for by its initials ("chief administrative
# officer" → "cao"); shorter ones' initials are everyday words or ambiguous ("st", "pc").
INITIALISM_MIN_WORDS = 3
# ... and at most this many: longer runs are no post anyone abbreviates, and the bound keeps
# the work linear in a speaker's role words however many an article gives.
INITIALISM_MAX_WORDS = 6
# Initials that spell a common word ("fund executive director": "fed") name no one by it.
INITIALISM_MAX_ZIPF = 4.0


def initialisms(words: Sequence[str]) -> set[str]:
    """The initials of each post in ``words`` (folded role words in the order the article
    gives them), as readers abbreviate it: "chief administrative officer" → "cao", "the
    fund's chief investment officer" → "cio" (and "fcio"). A post is a run of words ending
    at a head noun (:data:`ROLE_HEADS`); its initials are read from the article's own
    words, so no list of acronyms is needed. Initials that spell a common English word
    ("fed", "cop") are left out: a member asking for "the fed" means no fund's director."""
    out: set[str] = set()
    for end, word in enumerate(words):
        if word not in ROLE_HEADS or word in HONORIFICS:
            continue
        first = max(end - INITIALISM_MAX_WORDS + 1, 0)
        for start in range(end - INITIALISM_MIN_WORDS + 1, first - 1, -1):
            run = words[start : end + 1]
            if not run[0][:1].isalpha() or run[0] in HONORIFICS:
                break
            letters = "".join(w[0] for w in run)
            if zipf_frequency(letters, "en") < INITIALISM_MAX_ZIPF:
                out.add(letters)
    return out


def related_role_words(words: Iterable[str]) -> set[str]:
    """``words`` with the variants, abbreviations and full titles they imply added.

    Variants are read from ``words`` themselves, so an abbreviation added for a title
    never brings in a clipping that spells the same ("ag" for an attorney general is no
    "agriculture")."""
    out = set(words)
    out.update(IMPLIED_ROLE_WORDS[w] for w in list(out) if w in IMPLIED_ROLE_WORDS)
    alone = out & POLICE_TITLES_ALONE and out <= POLICE_TITLES_ALONE | HONORIFICS
    if out & POLICE_POSTS or alone:
        out |= POLICE_MEMBER_WORDS
    out.update(one for one, two in COMPOUND_TITLES.items() if all(w in out for w in two))
    for group in ROLE_VARIANTS:
        if out & group:
            out |= group
    for one, two in COMPOUND_TITLES.items():
        if one in out:
            out.update(two)
    # an owner's title is abbreviated too: "a spokeswoman for the district attorney's
    # office" is the DA's spokeswoman (the title itself stays the owner's, no post of hers)
    owners = {w[:-2] for w in out if w.endswith(("'s", "’s"))}
    for abbreviation, full in TITLE_ABBREVIATIONS.items():
        if abbreviation in out:
            out.update(full)
        elif all(w in out for w in full):
            out.add(abbreviation)
        elif all(w in out or w in owners for w in full):
            out.add(abbreviation + "'s")
    if not out & SPOKES_WORDS:  # a spokesperson for the DA's office prosecutes no one
        out.update(p for title, p in IMPLIED_BY_TITLE.items() if all(w in out for w in title))
    return out
