"""Curator suggestions worth following (issue 22): each rule with a near miss on each side.

The unprofiled-name scan (core/validate.py) suggests names of two words or more that recur, one-word
names capitalised mid-sentence, a near-spelling of an existing actor as an alias of that actor, never a
possessive, a byline or a dateline as a name. Schema messages suggest an allowed value by meaning
(`kind: nation` -> `state`); `briefing new actor "Full Name"` makes the id; messages spell possessives.
Unit tests run the loader and the checks in this process; the user-level tests run `briefing`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import conftest
from conftest import REPO, briefing, new_project
from generator.core import validate
from generator.load.project import load_project
from generator.model import id_for, possessive
from generator.session.pipeline import analyse

FIXTURES = conftest.FIXTURES / "delivered"
SUGGESTED = re.compile(r"'(.+?)' appears \d+ times? (?:\(and as [^)]*\) )?but matches no actor profile")
ALIAS = re.compile(r"'([^']+)' appears \d+ times?, spelt differently from '([^']+)' of actor '([^']+)' \(add '[^']+' to aliases in (\S+),")


def warnings(tmp_path: Path, files: dict[str, str]) -> list[str]:
    root = new_project(tmp_path / "p", files)
    project = load_project(root)
    analyse(project)
    return [p.message for p in project.problems.sorted() if p.severity == "warning"]


def suggested(tmp_path: Path, files: dict[str, str]) -> set[str]:
    """The names `check` suggests as new actors."""
    return {m.group(1) for w in warnings(tmp_path, files) for m in [SUGGESTED.match(w)] if m}


def article(*paragraphs: str, name: str = "a") -> dict[str, str]:
    return {f"seeds/articles/{name}.txt": "\n".join(paragraphs) + "\n", f"seeds/articles/{name}.yaml": 'date: "2024-03-03"\n'}


# ---- possessives ---------------------------------------------------------------------------------

def test_a_possessive_is_cut_off_what_it_owns(tmp_path):
    found = suggested(tmp_path, article(
        "Ships were attacked by Yemen's Houthis on Monday.",
        "Officials said Yemen's Houthis would go on, and the EU's Aspides mission said Yemen's Houthis were to blame.",
        "Diplomats met Lena Hartmann's deputy and Lena Hartmann's staff.",
    ))
    assert "Houthis" in found  # three times mid-sentence, after its owner
    assert "Lena Hartmann" in found
    assert not [name for name in found if "'" in name or "’" in name], found  # never "Yemen's Houthis"
    assert "Yemen" in found  # the owner is a name of its own, three times mid-sentence
    assert "Aspides" not in found and "EU" not in found  # once; an acronym is not a one-word name


def test_a_possessive_that_belongs_to_the_name_is_kept(tmp_path):
    found = suggested(tmp_path, article("Units of the People's Liberation Army moved.", "The People's Liberation Army denied it."))
    assert found == {"People's Liberation Army"}, found


def test_pieces_cut_at_an_owner_and_at_an_adjective_made_of_a_name():
    assert validate._pieces("Yemen's Houthi", 10) == [(10, "Yemen"), (18, "Houthi")]
    assert validate._pieces("Iran-backed Houthi", 0) == [(0, "Iran"), (12, "Houthi")]
    assert validate._pieces("Lena Hartmann’s", 0) == [(0, "Lena Hartmann")]
    assert validate._pieces("Guinea-Bissau President", 0) == [(0, "Guinea-Bissau President")]  # no lowercase part
    assert validate._pieces("Faisal al-Murtada", 0) == [(0, "Faisal al-Murtada")]


# ---- bylines and datelines -----------------------------------------------------------------------

def test_wire_copy_furniture_suggests_no_writer_and_no_dateline(tmp_path):
    """The delivered fixtures' bylines, datelines and credits are furniture (core/furniture.py), out of the
    story; what the scan sees is the story, and its recurring names are suggested."""
    root = new_project(tmp_path / "p")
    for name in ("reuters_web.txt", "ap.txt", "afp.txt", "bloomberg.txt"):
        shutil.copy(FIXTURES / name, root / "seeds" / "articles" / name)
    result = briefing("check", cwd=root)
    found = {m.group(1) for line in result.output.splitlines() for m in [SUGGESTED.search(line)] if m}
    for writer in ("Jane Aldous", "Piet Vermeer", "Tom Halloway", "Marta Kovac", "MARTA KOVAC", "Youssef Hamdi", "Claire Dubois", "Lena Hartmann"):
        assert writer not in found, (writer, found)
    assert not [name for name in found if "Reuters" in name or "COPENHAGEN" in name or "'s" in name], found
    assert {"Maersk", "Egypt", "Houthis"} <= found, found  # "Denmark": twice mid-sentence in these four


def test_a_byline_or_dateline_left_in_the_story_is_no_name(tmp_path):
    found = suggested(tmp_path, article(
        "Ships diverted", "", "Denmark said ships would be diverted, and Jane Doe agreed with Tom Roe.", "",
        "By Jane Doe", "", "COPENHAGEN, March 4 (Reuters) - More ships were diverted.", "",
        "By Jane Doe and Tom Roe", "", "Reporting by Jane Doe; Editing by Tom Roe",
        "", "Stockholm Harbour Authority, March 4 (Reuters) - Ships were diverted again.",
    ))
    assert "Jane Doe" not in found and "Tom Roe" not in found, found  # once each in the story
    found = suggested(tmp_path / "2", article("Ships diverted", "", "Jane Doe met Tom Roe.", "", "Later Jane Doe met Tom Roe again."))
    assert found == {"Jane Doe", "Tom Roe"}, found  # in sentences, names as any other


# ---- one-word names ------------------------------------------------------------------------------

def test_a_one_word_name_capitalised_mid_sentence_three_times_is_suggested(tmp_path):
    found = suggested(tmp_path, article(
        "Ships avoid the canal, and Maersk said so.", "The largest carrier, Maersk, agreed; traffic to Egypt fell.",
        "Analysts expect Maersk to wait; Egypt lost fees.",
    ))
    assert "Maersk" in found  # three times mid-sentence
    assert "Egypt" not in found  # twice


@pytest.mark.parametrize("paragraphs", [
    # Capitalised only where a sentence starts: at the paragraph's start, after a full stop, a quote, a colon.
    ["Maersk said so.", "Ships wait. Maersk agreed.", "He said: \"Maersk will wait.\"", "Maersk, later, agreed."],
    # Words capitalised mid-sentence that are no names: days, months, nationalities, titles.
    ["Ships left on Monday and on Monday again.", "Ships came on Monday, in March, in March and in March.",
     "Danish officials met Danish and Egyptian officials, and Egyptian ones met the President, the President too.",
     "The talks, said the President, went well."],
])
def test_a_capital_from_the_sentence_or_a_word_that_is_no_name_is_not_suggested(tmp_path, paragraphs):
    assert suggested(tmp_path, article(*paragraphs)) == set()


def test_one_word_names_in_the_stop_list_and_shapes(tmp_path):
    assert validate._one_word_name("Egypt.") == "Egypt"
    assert validate._one_word_name("Maersk's") == "Maersk"
    assert validate._one_word_name("Houthis'") == "Houthis"
    assert validate._one_word_name("Houthi-led") == "Houthi"
    assert validate._one_word_name("O'Brien") == "O'Brien"
    for no_name in ("The", "However", "Monday", "March", "Danish", "Egyptian", "I'm", "U.S.", "COPENHAGEN", "A" * 201, "President"):
        assert validate._one_word_name(no_name) == "", no_name


def test_spellings_of_one_new_name_are_one_suggestion(tmp_path):
    lines = [w for w in warnings(tmp_path, article(
        "Attacks by the Houthis went on, and the Houthis said so; the Houthis fired again.",
        "A Houthi spokesman spoke, and a Houthi drone flew.",
    )) if "Houthi" in w]
    assert len(lines) == 1 and lines[0].startswith("'Houthis' appears 3 times (and as 'Houthi' 2 times) but matches no actor profile"), lines
    assert "the other spellings are its aliases" in lines[0]


# ---- near-spellings of an existing actor ---------------------------------------------------------

@pytest.mark.parametrize("written", ["Arsenio Dominguez", "arsenio Domínguez", "Arsenio-Domínguez", "ARSENIO Domínguez"])
def test_a_near_spelling_of_an_actor_is_suggested_as_its_alias(tmp_path, written):
    files = {"seeds/actors/arsenio-dominguez.yaml": "name: Arsenio Domínguez\nkind: person\n"}
    text = f"The talks were led by Arsenio Domínguez, and later by {written} again, said {written}."
    found = warnings(tmp_path, files | article(text))
    near = [m.groups() for w in found for m in [ALIAS.match(w)] if m]
    if written in ("arsenio Domínguez", "ARSENIO Domínguez"):  # not a name the scan finds: no suggestion at all
        assert not [w for w in found if "ppears" in w], found
        return
    assert near == [(written, "Arsenio Domínguez", "arsenio-dominguez", "seeds/actors/arsenio-dominguez.yaml")], found
    assert not any("briefing new actor" in w for w in found), found


def test_a_different_name_beside_an_actor_is_a_new_actor_not_an_alias(tmp_path):
    files = {"seeds/actors/arsenio-dominguez.yaml": "name: Arsenio Domínguez\nkind: person\naliases: [Houthis]\n"}
    found = warnings(tmp_path, files | article("Arsenio Domínguez met Arsenio Dominguez Jr and then Arsenio Dominguez Jr again."))
    assert not [w for w in found if ALIAS.match(w)], found
    assert any(w.startswith("'Arsenio Dominguez Jr' appears 2 times but matches no actor profile") for w in found), found


def test_a_singular_beside_a_plural_actor_is_its_alias(tmp_path):
    files = {"seeds/actors/houthis.yaml": "name: Houthis\nkind: group\n"}
    found = warnings(tmp_path, files | article("The Houthis said a Houthi drone flew."))
    assert any(w.startswith("'Houthi' appears 1 time, spelt differently from 'Houthis' of actor 'houthis' "
                            "(add 'Houthi' to aliases in seeds/actors/houthis.yaml") for w in found), found
    found = warnings(tmp_path / "2", files | article("The Houthis said Hout and Houthistan were near."))
    assert not [w for w in found if ALIAS.match(w)], found


def test_a_name_whose_id_is_taken_is_suggested_as_an_alias_of_that_id(tmp_path):
    files = {"seeds/actors/maersk.yaml": "name: A.P. Moller-Maersk\nkind: organization\n"}
    found = warnings(tmp_path, files | article("Ships from Maersk, and Maersk said Maersk would wait."))
    assert any(w.startswith("'Maersk' appears 3 times, spelt differently from 'A.P. Moller-Maersk' of actor 'maersk'") for w in found), found


def test_id_for_drops_accents():
    assert id_for("Arsenio Domínguez") == "arsenio-dominguez"
    assert id_for("Søren Lykke") == "soren-lykke"
    assert id_for("Tomas_Reyvik") == "tomas-reyvik"
    assert id_for("!!") == ""


# ---- enum synonyms -------------------------------------------------------------------------------

@pytest.mark.parametrize("key, value, meant", [
    ("kind", "nation", "state"), ("kind", "country", "state"), ("kind", "company", "organization"),
    ("kind", "NGO", "organization"), ("kind", "organisation", "organization"), ("kind", "ministry", "government-body"),
    ("kind", "agency", "government-body"), ("kind", "individual", "person"), ("kind", "militia", "group"),
    ("kind", "faction", "group"), ("kind", "persn", "person"),  # a typo: by spelling, as before
])
def test_enum_values_are_suggested_by_meaning_then_spelling(tmp_path, key, value, meant):
    found = _errors(tmp_path, {"seeds/actors/x.yaml": f"name: X\n{key}: {value}\n"})
    assert f"'{key}' is '{value}' (did you mean '{meant}'?)" in found, found


def test_stance_confidence_and_relation_synonyms(tmp_path):
    found = _errors(tmp_path, {
        "seeds/topics/t.yaml": "title: T\nquestion: Q?\n",
        "seeds/actors/y.yaml": "name: Y\nkind: state\n",
        "seeds/actors/x.yaml": "name: X\nkind: state\npositions:\n  - topic: t\n    stance: against\n    confidence: strong\n"
                               "relations:\n  - type: ally\n    target: y\n",
    })
    assert "'stance' in positions item 1 is 'against' (did you mean 'opposes'?)" in found, found
    assert "'confidence' in positions item 1 is 'strong' (did you mean 'high'?)" in found, found
    assert "'type' in relations item 1 is 'ally' (did you mean 'allied-with'?)" in found, found


def test_no_synonym_and_no_close_spelling_suggests_nothing(tmp_path):
    found = _errors(tmp_path, {"seeds/actors/x.yaml": "name: X\nkind: planet\n"})
    assert "'kind' is 'planet'; allowed: person, state, organization, government-body, group" in found, found


def _errors(tmp_path: Path, files: dict[str, str]) -> str:
    root = new_project(tmp_path / "p", files)
    project = load_project(root)
    return "\n".join(p.message for p in project.problems.sorted() if p.severity == "error")


# ---- `briefing new actor "Full Name"` ------------------------------------------------------------

def test_new_takes_a_name_and_makes_the_id(tmp_path):
    root = new_project(tmp_path / "p")
    made = briefing("new", "actor", "Vincent Clerc", "--kind", "person", cwd=root)
    assert made.code == 0, made.output
    assert made.stdout.strip() == "seeds/actors/vincent-clerc.yaml"
    assert 'name: "Vincent Clerc"' in (root / "seeds/actors/vincent-clerc.yaml").read_text(encoding="utf-8")
    made = briefing("new", "actor", "Arsenio Domínguez", "--kind", "person", "--name", "Arsenio Domínguez Ortiz", cwd=root)
    assert made.code == 0 and 'name: "Arsenio Domínguez Ortiz"' in (root / "seeds/actors/arsenio-dominguez.yaml").read_text(encoding="utf-8")
    assert briefing("new", "topic", "Red Sea shipping", cwd=root).stdout.strip() == "seeds/topics/red-sea-shipping.yaml"
    again = briefing("new", "actor", "Vincent Clerc", "--kind", "person", cwd=root)
    assert again.code == 2 and "vincent-clerc.yaml already exists; edit it instead" in again.output


@pytest.mark.parametrize("given, valid", [("Vincent_Clerc", "vincent-clerc"), ("acme--corp", "acme-corp"), ("acme-", "acme")])
def test_new_refuses_an_invalid_id_that_is_no_name_and_says_the_valid_one(tmp_path, given, valid):
    root = new_project(tmp_path / "p")
    refused = briefing("new", "actor", given, "--kind", "person", cwd=root)
    assert refused.code == 2
    assert f"'{given}' is not a valid id" in refused.output and f"(did you mean '{valid}'?)" in refused.output, refused.output
    assert not list((root / "seeds/actors").iterdir())


# ---- possessives in messages ---------------------------------------------------------------------

def test_possessive_of_a_name():
    assert possessive("Houthis") == "Houthis'"
    assert possessive("Egypt") == "Egypt's"


def test_stale_stance_message_spells_the_possessive(tmp_path):
    root = new_project(tmp_path / "p", {
        "seeds/topics/escorts.yaml": "title: Escorts\nquestion: Will navies escort ships?\n",
        "seeds/actors/houthis.yaml": "name: Houthis\nkind: group\npositions:\n  - topic: escorts\n    stance: opposes\n"
                                     "    as_of: \"2023-01\"\n",
        **article("The Houthis said no.", name="a"),
    })
    result = briefing("check", "--stale", "30", cwd=root)
    assert "Houthis' current stance on 'escorts' is as of January 2023" in result.output, result.output
    assert "Houthis's" not in result.output


# ---- as a user meets them ------------------------------------------------------------------------

def test_check_output_a_curator_can_follow(tmp_path):
    root = new_project(tmp_path / "p", {
        "seeds/actors/arsenio-dominguez.yaml": "name: Arsenio Domínguez\nkind: person\n",
        "seeds/actors/houthis.yaml": "name: Houthis\nkind: group\n",
        **article(
            "Red Sea shipping", "",
            "By Jane Doe", "",
            "COPENHAGEN, March 3, 2024 (Reuters) - Ships from Maersk were diverted, and Maersk said Yemen's Houthis were to blame.",
            "Arsenio Dominguez, the envoy, said the carrier Maersk would wait.",
            "Reporting by Jane Doe; Editing by Tom Roe",
        ),
    })
    result = briefing("check", cwd=root)
    assert result.code == 0, result.output
    lines = [line for line in result.output.splitlines() if ": warning: " in line]
    assert lines == [
        "seeds/actors/arsenio-dominguez.yaml:1:7: warning: no article mentions 'Arsenio Domínguez' or its aliases; add the name as it "
        "appears in the text to 'aliases'",
        "seeds/articles/a.txt:5: warning: 'Maersk' appears 3 times but matches no actor profile "
        "(`briefing new actor maersk --name \"Maersk\" --kind ...`, or list it in seeds/unprofiled-ignore.txt)",
        "seeds/articles/a.txt:6: warning: 'Arsenio Dominguez' appears 1 time, spelt differently from 'Arsenio Domínguez' of actor "
        "'arsenio-dominguez' (add 'Arsenio Dominguez' to aliases in seeds/actors/arsenio-dominguez.yaml, or list it in "
        "seeds/unprofiled-ignore.txt)",
    ], result.output
    # Following the advice silences it.
    (root / "seeds/actors/arsenio-dominguez.yaml").write_text("name: Arsenio Domínguez\nkind: person\naliases: [Arsenio Dominguez]\n", encoding="utf-8")
    made = briefing("new", "actor", "Maersk", "--kind", "organization", cwd=root)
    assert made.code == 0, made.output
    (root / "seeds/actors/maersk.yaml").write_text("name: Maersk\nkind: organization\n", encoding="utf-8")
    result = briefing("check", cwd=root)
    assert "warning" not in result.output.replace("0 warnings", ""), result.output


def test_this_repository_has_no_suggestion():
    result = briefing("check", cwd=REPO)
    assert result.code == 0 and "briefing check: 0 errors, 0 warnings" in result.output, result.output
