"""Speakers in patterns of wire copy the earlier rounds left: a post of a body after a
name ("X, chief executive of Y, said"), a titled name after a description of a body, a
family named by its owner's name, "X, which said", "he" and "she" that never mean a
body, a noun that looks like a verb of speech ("a request for comment"), "one juror"
described first and named later, "added" with a sum, a party and state after a
lawmaker's name, a statement that speaks for its author, a spokesman's
body and the defence lawyer. Each class has a near miss that must stay as it was.
"""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle
from stub_library import library_of

from index.models import Document

# Posts of a body written after the name, in lower case.
POSTS: list[tuple[int, str]] = [
    (1, "Lucy Tran, chief executive of Orbis Health, said the merger would save money."),
    (2, "Ben Cho, president of the Harlow Nurses Union, said staff were worried."),
    (3, "Ann Moss, CEO of Brightline, said the deal was fair."),
    (4, "The chair, retired judge Margaret Oyelaran, said the plan called for 60 stewards."),
]
_POSTS = SmallArticle("posts", POSTS)


def test_a_post_of_a_body_after_a_name_is_the_persons() -> None:
    assert _POSTS.speaker_of("Lucy Tran") == ["Lucy Tran"]
    assert _POSTS.speaker_of("Ben Cho") == ["Ben Cho"]
    assert _POSTS.who("what did the orbis ceo say") == ["Lucy Tran"]
    assert _POSTS.who("what did the union president say") == ["Ben Cho"]
    # near misses: a capitalised post after the name, a post before a name
    assert _POSTS.speaker_of("Ann Moss") == ["Ann Moss"]
    assert _POSTS.speaker_of("The chair, retired judge") == ["Margaret Oyelaran"]


# A spokesperson described by her body, then named with a title.
LICENCE: list[tuple[int, str]] = [
    (1, "Councillor Sam Whitfield argued that the shop had caused no complaints."),
    (
        2,
        "A spokesperson for the Ashford Police Service, Constable Leah Moran, confirmed "
        "that officers had not been called to the address.",
    ),
    (3, '"We have had no incidents at that location," she said.'),
    (4, "Paula Jimenez, a teacher from Columbus, Ohio, said the lid flew open."),
]
_LICENCE = SmallArticle("licence", LICENCE)


def test_a_titled_name_after_a_description_of_a_body_is_the_speaker() -> None:
    assert _LICENCE.speaker_of("A spokesperson for") == ["Leah Moran"]
    assert _LICENCE.speaker_of('"We have had') == ["Leah Moran"]
    assert {"police", "spokesperson", "constable"} <= _LICENCE.roles("Leah Moran")
    # near miss: a place after a description stays part of it
    assert _LICENCE.speaker_of("Paula Jimenez") == ["Paula Jimenez"]


# A welder's death: his family speaks by his name.
SCAFFOLD: list[tuple[int, str]] = [
    (1, "Owen Pryor, 58, a welder from Dunmore, was killed when the scaffold fell."),
    (2, "Site manager Ray Cole said the scaffold had passed inspection."),
    (3, "Pryor's family said in a statement that they wanted answers."),
    (4, '"He deserved better," the family said.'),
    (5, "Corvane's statement said the scaffold was sound."),
    (8, "The family's lawyer, Dana Voss, said they would sue."),
    (9, "Tuesday's report said the bolts had rusted."),
]
_SCAFFOLD = SmallArticle("scaffold", SCAFFOLD)


def test_a_family_speaks_by_its_owners_name() -> None:
    assert _SCAFFOLD.speaker_of("Pryor's family") == ["Owen Pryor's family"]
    assert _SCAFFOLD.speaker_of('"He deserved better') == ["Owen Pryor's family"]
    assert _SCAFFOLD.who("what did the family say") == ["Owen Pryor's family"]
    assert _SCAFFOLD.speaker_of("Corvane's statement") == ["Corvane"]
    # near misses: the family's lawyer is the lawyer, a day owns no report
    assert _SCAFFOLD.speaker_of("The family's lawyer") == ["Dana Voss"]
    assert _SCAFFOLD.speaker_of("Tuesday's report") == []


# A shooting: "he" and "she" after a body are the last person.
SHOOTING: list[tuple[int, str]] = [
    (1, "Mayor Tom Hale said the outage had closed schools."),
    (2, "The Harlow Police Department said two people were hurt."),
    (2, "He said the schools would reopen Monday."),
    (3, "Councilwoman Ada Price said the city should sue."),
    (4, "Police said the roads were clear."),
    (4, "She said the city had been warned."),
    (5, "Chief Ann Park of the Harlow Police Department said the roads were open."),
    (5, "She said the suspect had fled."),
]
_SHOOTING = SmallArticle("shooting", SHOOTING)


def test_he_or_she_is_never_a_body() -> None:
    assert _SHOOTING.speaker_of("He said the schools") == ["Tom Hale"]
    assert _SHOOTING.speaker_of("She said the city") == ["Ada Price"]
    # near miss: a person of the body is still "she"
    assert _SHOOTING.speaker_of("She said the suspect") == ["Ann Park"]


# Requests for comment: nouns shaped like verbs of speech.
SILENT: list[tuple[int, str]] = [
    (1, "A spokesperson for Orbis Health did not respond to a request for comment."),
    (2, "A spokeswoman for the county did not immediately respond to an email."),
    (3, "Orbis Health responded that the claims were false."),
    (4, "Mayor Jo Hart told reporters she had no comment on the lawsuit."),
]
_SILENT = SmallArticle("silent", SILENT)


def test_a_request_for_comment_is_no_speech() -> None:
    assert _SILENT.speaker_of("A spokesperson for Orbis") == []
    assert _SILENT.speaker_of("A spokeswoman for the county") == []
    # near misses: a reply is speech, and so is telling reporters of no comment
    assert _SILENT.speaker_of("Orbis Health responded") == ["Orbis Health"]
    assert _SILENT.speaker_of("Mayor Jo Hart") == ["Jo Hart"]


# A verdict: one juror described, then named.
VERDICT: list[tuple[int, str]] = [
    (1, "One juror, a retired bus driver, spoke to reporters on the courthouse steps."),
    (1, "The juror, Alan Rusk, said the bank statements had convinced the panel."),
    (2, "One study said the panel was right."),
    (3, "No one spoke after the verdict."),
]
_VERDICT = SmallArticle("verdict", VERDICT)


def test_one_juror_described_and_named_later_is_one_speaker() -> None:
    assert _VERDICT.speaker_of("One juror") == ["Alan Rusk"]
    assert _VERDICT.speaker_of("The juror, Alan Rusk") == ["Alan Rusk"]
    assert _VERDICT.who("what did the juror say") == ["Alan Rusk"]
    # near misses: "one" of a thing, and "no one", name no speaker
    assert _VERDICT.speaker_of("One study") == []
    assert _VERDICT.speaker_of("No one spoke") == []


# A bank's breach: a sum added, and a body inside a person's reported speech.
BREACH: list[tuple[int, str]] = [
    (1, "Caldera Savings Bank said no passwords were taken."),
    (
        2,
        "Robert Ainsley said letters would go out next week, and that the bank had added "
        "200 staff to its call centers.",
    ),
    (3, "Nurse Gloria Tembe said the union had asked the bank to hire more staff."),
    (4, "Caldera Savings Bank added that it had hired a security firm."),
]
_BREACH = SmallArticle("breach", BREACH)


def test_a_sum_added_and_a_body_in_reported_speech_name_no_speaker() -> None:
    assert _BREACH.speaker_of("Robert Ainsley") == ["Robert Ainsley"]
    assert _BREACH.speaker_of("Nurse Gloria Tembe") == ["Gloria Tembe"]
    # near miss: a body that adds words speaks
    assert _BREACH.speaker_of("Caldera Savings Bank added") == ["Caldera Savings Bank"]


# A vote in Congress: a party and a state after a lawmaker's name.
CONGRESS: list[tuple[int, str]] = [
    (1, "Sen. Amy Walsh, D-Mass., said the bill would pass."),
    (2, "Rep. Tom Fuller (R-Texas) said he would vote no."),
    (3, "Sen. Ray Dunn (Ohio) said the vote was close."),
    (4, "Lee Park, 45, said she had called her senator."),
]
_CONGRESS = SmallArticle("congress", CONGRESS)


def test_a_party_and_state_after_a_lawmakers_name_are_no_speaker() -> None:
    assert _CONGRESS.speaker_of("Sen. Amy Walsh") == ["Amy Walsh"]
    assert _CONGRESS.speaker_of("Rep. Tom Fuller") == ["Tom Fuller"]
    assert _CONGRESS.who("what did walsh say") == ["Amy Walsh"]
    # near misses: a state alone in brackets, an age after the name
    assert _CONGRESS.speaker_of("Sen. Ray Dunn") == ["Ray Dunn"]
    assert _CONGRESS.speaker_of("Lee Park") == ["Lee Park"]


# A body named before "which said".
BODIES: list[tuple[int, str]] = [
    (2, "The engines are made by Varrow Aero Engines, which said it had sent a team."),
    (4, "The dam, which was built in 1931, held."),
    (5, "Rescuers found the hikers, which said nothing of their route."),
]
_BODIES = SmallArticle("bodies", BODIES)


def test_a_body_named_before_which_said_speaks() -> None:
    assert _BODIES.speaker_of("The engines") == ["Varrow Aero Engines"]
    assert _BODIES.who("what did varrow aero engines say") == ["Varrow Aero Engines"]
    # near misses: a clause without speech, and "said nothing"
    assert _BODIES.speaker_of("The dam") == []
    assert _BODIES.speaker_of("Rescuers found") == []


# A neighbor kept in sight by "he"; spokeswomen of two bodies.
HOSPITAL: list[tuple[int, str]] = [
    (1, "Nurse Tom Marsh said the wards were full."),
    (
        2,
        "One patient, Walter Briggs, was moved to Lower Dale after his appointment was "
        "canceled, his family said.",
    ),
    (3, "Neighbor Ray Cole said he saw smoke at 3 a.m."),
    (4, "He called 911 and ran to the door."),
    (5, '"It was terrifying," he said.'),
    (6, "A company spokeswoman said the plant would reopen."),
    (7, "A hospital spokeswoman said two patients remained in care."),
    (8, "Marsh said the ward had reopened."),
    (9, "Ann Lee, a nurse, said her husband had told her about the fire."),
]
_HOSPITAL = SmallArticle("hospital", HOSPITAL)


def test_a_person_kept_in_sight_by_he_and_spokeswomen_of_two_bodies() -> None:
    assert _HOSPITAL.speaker_of('"It was terrifying') == ["Ray Cole"]
    assert _HOSPITAL.speaker_of("A hospital spokeswoman") == ["A hospital spokeswoman"]
    # near misses: a description of the same head is still one person, and a husband
    # inside the reported speech of a speaker is theirs alone
    assert _HOSPITAL.speaker_of("A company spokeswoman") == ["A company spokeswoman"]
    assert _HOSPITAL.speaker_of("Marsh said") == ["Tom Marsh"]
    assert _HOSPITAL.speaker_of("Ann Lee") == ["Ann Lee"]


# A layoff: a statement that speaks for its author.
POLICE: list[tuple[int, str]] = [
    (3, "Police Chief Dan Ortiz said officers were reviewing video."),
    (4, "Orbis Health said in a statement Tuesday that it would cut 200 jobs."),
    (5, "The statement said the cuts would fall mostly on office staff."),
    (6, "The report said the cuts were overdue."),
]
_POLICE = SmallArticle("police", POLICE)


def test_a_statement_speaks_for_its_author() -> None:
    assert _POLICE.speaker_of("The statement said") == ["Orbis Health"]
    assert _POLICE.who("what did orbis health say") == ["Orbis Health"]
    # near misses: the chief is still asked for by his post, and a report no one spoke
    # in speaks for no one
    assert _POLICE.who("what did the police chief say") == ["Dan Ortiz"]
    assert _POLICE.speaker_of("The report said") == []


# A verdict: the defence lawyer is no field of a post, and no prosecutor is one.
TRIAL: list[tuple[int, str]] = [
    (1, "Assistant District Attorney Marcus Hale said she had created a fake company."),
    (2, "Pelletier's lawyer, Lena Brandt, said she would file an appeal."),
]
_TRIAL = SmallArticle("trial", TRIAL)


def test_the_defence_lawyer_is_the_lawyer_who_is_no_prosecutor() -> None:
    assert _TRIAL.who("what did the defence lawyer say") == ["Lena Brandt"]
    assert _TRIAL.who("what did the defense attorney say") == ["Lena Brandt"]
    # near misses: the prosecutor is still asked for, and a defence minister is no lawyer
    assert _TRIAL.who("what did the prosecutor say") == ["Marcus Hale"]
    assert _TRIAL.who("what did the defence minister say") == []


# An ammonia leak: "a department spokesman" speaks for the department met last.
LEAK: list[tuple[int, str]] = [
    (1, "Merriton Fire Department crews reached the valve at 8 a.m."),
    (2, "Fire Chief Dana Whitcombe said the wind was the biggest worry."),
    (3, "The state Department of Environmental Quality sent two inspectors."),
    (4, "A department spokesman, Felix Amador, told reporters the agency would review records."),
    (5, "Eli Park, a spokesman for the fire department, said the crews were safe."),
]
_LEAK = SmallArticle("leak", LEAK)


def test_a_spokesman_speaks_for_the_body_of_his_noun_met_last() -> None:
    assert {"environmental", "quality"} <= _LEAK.roles("Felix Amador")
    assert "fire" not in _LEAK.roles("Felix Amador")
    assert _LEAK.who("what did the environmental quality spokesman say") == ["Felix Amador"]
    # near miss: a spokesman for "the fire department" is the fire department's
    assert {"fire", "merriton"} <= _LEAK.roles("Eli Park")


# A role no speaker of the library holds, or holds only in another town.
SCHOOL_DOC = Document(
    text=(
        "WEXMOOR — A state appeals court overturned the zoning approval for a warehouse "
        "planned next to Hollis Creek Elementary School.\n\n"
        "Parents had asked the mayor to stop the warehouse at a meeting in March.\n\n"
        "The superintendent of the Wexmoor Unified School District, Dr. Anita Rourke, said "
        "the district had asked the developer to move the loading docks."
    ),
    source="school.txt",
    title="Court overturns Wexmoor warehouse approval",
)
BRIDGE_DOC = Document(
    text=(
        "HALDEN — The old river bridge will close for repairs in June.\n\n"
        'Mayor Carla Brandt said the town would run a free shuttle. "Nobody will be '
        'stranded," she said.'
    ),
    source="bridge.txt",
    title="Halden bridge to close for repairs",
)


async def test_a_role_no_speaker_holds_there_is_declined(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, SCHOOL_DOC, BRIDGE_DOC)
    declined = await lib.ask("what did the mayor of wexmoor say")
    assert not declined.quotes  # no sentence that only names a mayor
    assert declined.declined_by == "role-unheld"
    nobody = await lib.ask("what did the police chief say")
    assert nobody.declined_by == "role-unheld"
    # near misses: the role held in the town asked about, or in another spelling
    held = await lib.ask("what did the mayor of halden say")
    assert held.quotes and "Brandt" in held.quotes[0].text
    spelled = await lib.ask("what did the school district supt say")
    assert spelled.quotes and "Rourke" in spelled.quotes[0].text
    await lib.close()  # its connection's thread outlived the test and its loop
