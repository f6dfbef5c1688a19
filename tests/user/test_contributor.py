"""Contributor experience (issue #15): one cause one message, messages, quiet builds, init.

(Raw-format diagnostics are held by tests/user/test_article_reader.py.)

Everything through the command line, as a contributor meets it.
"""

from __future__ import annotations


from conftest import REPO, briefing, html, mkdocs_build

ARTICLE = "Lena Hartmann met Tomas Reyvik in Geneva. Trade Commissioner Lena Hartmann said little.\nTomas Reyvik spoke after Lena Hartmann.\n"


def warnings_and_errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": warning: " in line or ": error: " in line]


# ---- 3. one cause, one message ----------------------------------------------------------------------

def test_a_failed_or_misnamed_profile_keeps_its_names_and_gets_a_valid_id_suggested(make_project):
    root = make_project({
        "seeds/articles/a1.txt": ARTICLE,
        "seeds/articles/a1.yaml": 'date: "2023-04"\n',
        "seeds/actors/lena-hartmann.yaml": 'name: Lena Hartmann\nkind: person\nsummary: "TODO: one or two sentences"\n',
        "seeds/actors/Tomas_Reyvik.yaml": "name: Tomas Reyvik\nkind: person\n",
    })
    check = briefing("check", cwd=root)
    assert check.code == 1
    lines = warnings_and_errors(check.stdout)
    assert "seeds/actors/Tomas_Reyvik.yaml:1: error: 'Tomas_Reyvik' is not a valid id: rename it to 'tomas-reyvik.yaml'" in lines
    assert any(line.startswith("seeds/actors/lena-hartmann.yaml:3:10: error: 'summary' is not filled in yet") for line in lines), lines
    assert not any("matches no actor profile" in line for line in lines), lines
    assert len(lines) == 2, lines


def test_unprofiled_name_suggestion_drops_the_title_and_the_ignore_list_silences_it(make_project):
    root = make_project({"seeds/articles/a1.txt": ARTICLE + "The Geneva Accord Group met. The Geneva Accord Group left.\n"})
    check = briefing("check", cwd=root)
    assert check.code == 0
    assert "'Lena Hartmann' appears 3 times but matches no actor profile (`briefing new actor lena-hartmann --name \"Lena Hartmann\" --kind ...`" in check.stdout
    assert "Trade Commissioner" not in check.stdout
    assert "'Geneva Accord Group' appears 2 times" in check.stdout
    (root / "seeds/unprofiled-ignore.txt").write_text("# names that need no profile\nGeneva Accord Group\nLena Hartmann  # a minor official\n", encoding="utf-8")
    check = briefing("check", cwd=root)
    assert "Geneva Accord Group" not in check.stdout and "Lena Hartmann" not in check.stdout
    assert "'Tomas Reyvik' appears 2 times" in check.stdout


def test_two_profiles_with_one_name_are_an_error_at_the_second(make_project):
    root = make_project({
        "seeds/articles/a1.txt": "India and Pakistan met.\n",
        "seeds/actors/india.yaml": "name: India\nkind: state\naliases: [New Delhi]\n",
        "seeds/actors/inda.yaml": "name: India\nkind: state\naliases: [New Delhi]\n",
    })
    check = briefing("check", cwd=root)
    assert check.code == 1
    errors = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert errors == [
        "seeds/actors/india.yaml:1:7: error: 'India' is already a name or alias of 'inda' (seeds/actors/inda.yaml:1): two actors cannot share one; keep it on one of them",
        "seeds/actors/india.yaml:3:11: error: 'New Delhi' is already a name or alias of 'inda' (seeds/actors/inda.yaml:3): two actors cannot share one; keep it on one of them",
    ], check.stdout


def test_did_you_mean_only_when_close_and_for_allowed_values_too(make_project):
    root = make_project({
        "seeds/articles/a1.txt": "India and China met.\n",
        "seeds/actors/india.yaml": "name: India\nkind: state\n",
        "seeds/topics/trade.yaml": "title: Trade\nquestion: Should tariffs fall?\n",
        "seeds/events/summit.yaml": "date: 2023-01-01\ntitle: Summit\nactors: [china, inda]\n",
        "seeds/actors/lena.yaml": (
            "name: Lena\nkind: person\npositions:\n  - topic: trade\n    stance: supports\n    confidence: medium\n"
        ),
    })
    check = briefing("check", cwd=root)
    assert "unknown actor 'china' (no seeds/actors/china.yaml)" in check.stdout
    assert "unknown actor 'inda' (did you mean 'india'?)" in check.stdout
    assert "'confidence' in positions item 1 is 'medium' (did you mean 'moderate'?)" in check.stdout


# ---- 5. quiet builds ----------------------------------------------------------------------------

PROFILED = {
    "seeds/articles/a1.txt": ARTICLE,
    "seeds/actors/lena-hartmann.yaml": "name: Lena Hartmann\nkind: person\n",
    "seeds/actors/tomas-reyvik.yaml": "name: Tomas Reyvik\nkind: person\n",
    "seeds/topics/trade.yaml": "title: Lena Hartmann's trade question\nquestion: Will Lena Hartmann cut tariffs?\n",
}


def test_build_lists_no_generated_page_as_missing_from_the_nav_and_this_repository_is_warning_free(make_project):
    root = make_project(PROFILED)
    built = mkdocs_build(root)
    assert built.code == 0, built.output
    assert "not included in the" not in built.output, built.output
    check = briefing("check", cwd=REPO)
    assert check.code == 0 and check.stderr.strip() == "briefing check: 0 errors, 0 warnings", check.output


def test_an_actor_page_is_boosted_in_search(make_project):
    root = make_project(PROFILED)
    assert mkdocs_build(root).code == 0
    # Pagefind (the default search): the actor's name weighs more than the same words in a title elsewhere.
    boosted = '<h1 data-pagefind-weight="10"'
    assert boosted in (root / "site/actors/lena-hartmann/index.html").read_text(encoding="utf-8")
    assert boosted not in (root / "site/topics/trade/index.html").read_text(encoding="utf-8")


# ---- 4. messages ----------------------------------------------------------------------------------

def test_unclosed_quote_is_reported_where_it_opens_not_where_yaml_stumbles(make_project):
    root = make_project({
        "seeds/actors/xq.yaml": 'name: Xavier Q\nkind: person\nsummary: "A person who\naliases:\n  - XQ\nreviewed: "2023"\n',
    })
    check = briefing("check", cwd=root)
    assert check.code == 1
    assert "seeds/actors/xq.yaml:3:10: error: YAML syntax: a quoted value is not closed: add the closing \" at the end of this line" in check.stdout
    assert "indentation" not in check.stdout


def test_quote_not_found_shows_where_the_closest_passage_differs(make_project):
    root = make_project({
        "seeds/articles/a1.txt": "Officials said on Monday that the talks in Geneva were calm and useful, and would resume soon.\n",
        "seeds/topics/talks.yaml": "title: Talks\nquestion: Will the talks resume?\n",
        "seeds/actors/xq.yaml": (
            "name: Officials\nkind: group\npositions:\n  - topic: talks\n    stance: supports\n    sources:\n"
            "      - article: a1\n        quote: \"the talks in Geneva were tense and useful, and would resume\"\n"
            "      - article: a1\n        quote: \"bananas grow on trees in the south\"\n"
        ),
    })
    check = briefing("check", cwd=root)
    assert ("seeds/actors/xq.yaml:8:16: error: quote not found in article 'a1': it must be the article's exact words; "
            "the closest passage differs at {your words → the article's}: \"… in Geneva were {tense → calm} and useful, and …\"") in check.stdout
    assert "seeds/actors/xq.yaml:10:16: error: quote not found in article 'a1': it must be the article's exact words\n" in check.stdout


def test_check_finds_the_project_from_a_folder_inside_it_and_prints_paths_from_there(make_project):
    root = make_project({"seeds/actors/lena.yaml": "name: Lena\nkind: persn\n"})
    inside = briefing("check", cwd=root / "seeds/actors")
    assert inside.code == 1
    assert inside.stdout.startswith("lena.yaml:2:7: error: 'kind' is 'persn' (did you mean 'person'?)"), inside.stdout
    above = briefing("check", "project", cwd=root.parent)
    assert above.stdout.startswith("project/seeds/actors/lena.yaml:2:7: error:"), above.stdout
    new = briefing("new", "topic", "trade", cwd=root / "seeds/actors")
    assert new.code == 0 and (root / "seeds/topics/trade.yaml").is_file(), new.output


def test_every_subcommand_help_describes_it_and_its_arguments(tmp_path):
    for command, words in {
        "check": ["Validate every file under seeds/", "project folder (default: the project the current folder is in)"],
        "generate": ["Write every generated page as Markdown", "--out OUT", "output folder"],
        "init": ["Create a new briefing project in DIR", "the new project's folder"],
        "new": ["from a commented template", "required for an actor", "the new id, which is the file name"],
    }.items():
        result = briefing(command, "--help", cwd=tmp_path)
        assert result.code == 0
        text = " ".join(result.stdout.split())
        for word in words:
            assert word in text, (command, word, result.stdout)


# ---- 5. what init leaves --------------------------------------------------------------------------

def test_init_leaves_site_url_and_intro_todos_that_check_reports_until_edited(tmp_path):
    from pathlib import Path

    # A known repository for the tool's pin (without one, the pin is a third placeholder: test_init_project.py).
    result = briefing("init", "my-briefing", "--tool-source", "https://git.example.org/tools/briefing.git", cwd=tmp_path)
    assert result.code == 0
    # The next step names the preview command by a path that works without activating the virtual environment.
    command = result.stderr.split("next: cd my-briefing && ", 1)[1].split()
    assert Path(command[0]).is_file() and command[0].endswith("briefing") and command[1] == "serve", result.stderr
    root = tmp_path / "my-briefing"
    check = briefing("check", cwd=root)
    assert check.code == 0
    assert "docs/index.md:3: warning: the introduction is still init's placeholder" in check.stdout
    assert "mkdocs.yml:2: warning: site_url is still init's placeholder" in check.stdout
    (root / "docs/index.md").write_text("# My briefing\n\nTrade talks, for the desk.\n", encoding="utf-8")
    yml = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    yml[1] = "site_url: https://briefing.example.org/"
    (root / "mkdocs.yml").write_text("\n".join(yml), encoding="utf-8")
    check = briefing("check", cwd=root)
    assert check.stderr.strip() == "briefing check: 0 errors, 0 warnings", check.stderr


# ---- 6. docs/contributing.md ----------------------------------------------------------------------

def test_contributing_worked_examples_check_clean_against_the_seed(make_project):
    """The topic, event and sidecar examples of docs/contributing.md, saved where their first line
    says, check with no problem beside this repository's seed article."""
    from conftest import SEED

    text = (REPO / "docs/contributing.md").read_text(encoding="utf-8")
    examples = {}
    for block in text.split("```yaml\n")[1:]:
        body = block.split("```", 1)[0]
        first = body.splitlines()[0]
        if first.startswith("# seeds/") and first[2:].split("/")[1] in ("topics", "events", "articles"):
            examples[first[2:].strip()] = body
    assert set(examples) == {"seeds/topics/negotiation-timing.yaml", "seeds/events/china-peace-proposal.yaml",
                             "seeds/articles/000_9dd4ae56c3f1a1a7.yaml"}, sorted(examples)
    for heading in ("## Add a topic", "## Add an event", "## Titles", "## Sidecars"):
        assert heading in text
    root = make_project({**examples, "seeds/articles/000_9dd4ae56c3f1a1a7.txt": SEED.read_bytes(),
                         "seeds/actors/china.yaml": "name: China\nkind: state\naliases: [Beijing]\n"})
    check = briefing("check", cwd=root)
    assert check.code == 0 and " error:" not in check.stdout, check.stdout
    built = mkdocs_build(root)
    assert built.code == 0, built.output
    assert "China calls for peace talks in a 12-point document" in html(root / "site", "timeline/")
