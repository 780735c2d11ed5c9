"""Matching the user's strengths against a pasted job description."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bounceback.domain import BouncebackError
from bounceback.strengths import (
    DEFAULT_VOCABULARY_PATH,
    MAX_DESCRIPTION_CHARS,
    DescriptionTooLong,
    JobMatch,
    Skill,
    Vocabulary,
    VocabularyError,
    from_lines,
    load_vocabulary,
    match_job,
)

ADMIN_AD = """\
Office Administrator - Leeds (full time, £24,000)

We are looking for an organised Office Administrator to join our friendly team.

What you'll do:
• Answer calls and emails, and deliver excellent customer service to visitors
• Keep records up to date and produce weekly reports
• Manage the office diary and arrange meetings for the directors

What you'll need:
• Advanced spreadsheet skills including VLOOKUP
• A full UK driving licence, as the role covers two sites
• GCSE English and Maths at grade C or above
"""

# With no known skills every strength is searched as typed, which isolates normalisation.
NO_SKILLS = Vocabulary(skills=())

TINY = Vocabulary(
    skills=(
        Skill("Excel", ("spreadsheets",)),
        Skill("SQL"),
        Skill("Python"),
        Skill("Negotiation", ("negotiating",)),
    )
)


def admin_match() -> JobMatch:
    """The admin ad against a list with two of its asks and one it does not mention."""
    return match_job(["excel", "Customer Service", "Python"], ADMIN_AD)


# --- A realistic ad --------------------------------------------------------------------------


def test_the_admin_ad_asks_for_excel_and_customer_service_in_the_users_words_and_order() -> None:
    assert admin_match().matched == ("excel", "Customer Service")


def test_the_admin_ad_does_not_ask_for_python() -> None:
    assert admin_match().unmatched == ("Python",)


def test_each_matched_strength_shows_the_words_of_the_ad_that_matched_it() -> None:
    assert admin_match().evidence == {
        "excel": "spreadsheet",
        "Customer Service": "customer service",
    }


def test_the_driving_licence_the_admin_ad_asks_for_is_missing_under_its_readable_name() -> None:
    assert "Driving licence" in admin_match().missing


def test_the_admin_ad_covers_excel_and_customer_service_without_listing_them_as_missing() -> None:
    missing = admin_match().missing
    assert "Excel" not in missing
    assert "Customer service" not in missing


def test_the_score_of_the_admin_ad_is_the_share_of_its_asks_covered() -> None:
    match = admin_match()
    asks = len(match.missing) + 2
    assert match.score == pytest.approx(2 / asks)


# --- Normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("strength", "ad", "evidence"),
    [
        ("CUSTOMER SERVICE", "Excellent customer service.", "customer service"),
        ("Problem-solving", "strong problem solving skills", "problem solving"),
        ("problem solving", "A problem-solving mindset", "problem-solving"),
        ("spreadsheets", "Confident with a spreadsheet", "spreadsheet"),
        ("presentations", "Presenting to clients", "Presenting"),
        ("presentation skills", "Good Presentation Skills", "Presentation Skills"),
        ("organisation", "a large organization", "organization"),
        ("analysing data", "You will analyze data daily", "analyze data"),
        ("programme management", "program management experience", "program management"),
        ("financial modelling", "financial modeling in Excel", "financial modeling"),
        ("driving licence", "Driving licenses checked", "Driving licenses"),
        ("colour theory", "an eye for color theory", "color theory"),
        ("health & safety", "Health and Safety training", "Health and Safety"),
        ("e-commerce", "ecommerce platforms", "ecommerce"),
        ("attention to detail", "great attention for the detail", "attention for the detail"),
        ("travelling", "Willing to travel", "travel"),
        ("café management", "Cafe Management experience", "Cafe Management"),
    ],
)
def test_a_strength_matches_its_plural_spelling_hyphen_and_case_variants(
    strength: str, ad: str, evidence: str
) -> None:
    match = match_job([strength], ad, NO_SKILLS)
    assert match.matched == (strength,)
    assert match.evidence == {strength: evidence}


@pytest.mark.parametrize(
    ("strength", "ad"),
    [
        ("data analysis", "Data entry and analysis of results"),
        ("data analysis", "Accurate data. Analysis is a bonus"),
        ("data analysis", "analysis of data"),
        ("customer service", "the service our customers expect"),
        ("excel", "An excellent opportunity"),
        ("Java", "Strong JavaScript skills"),
        ("C++", "Experience with C# is essential"),
    ],
)
def test_a_strength_does_not_match_words_that_only_resemble_it(strength: str, ad: str) -> None:
    assert match_job([strength], ad, NO_SKILLS).unmatched == (strength,)


# --- Synonyms from the shared vocabulary -----------------------------------------------------


@pytest.mark.parametrize(
    ("strength", "ad", "evidence"),
    [
        ("Excel", "Comfortable with VLOOKUPs", "VLOOKUPs"),
        ("stakeholder management", "Managing stakeholders at all levels", "Managing stakeholders"),
        ("Leadership", "You will be managing a team of six", "managing a team"),
        ("driving licence", "Full UK licence required", "Full UK licence"),
        ("presentation", "Confident at public speaking", "public speaking"),
        ("Budgeting", "Experience of financial planning", "financial planning"),
        ("IT skills", "Good IT literate candidates", "IT literate"),
        ("advanced Excel", "Excel to a good standard", "Excel"),
    ],
)
def test_a_strength_matches_any_way_the_vocabulary_knows_of_saying_it(
    strength: str, ad: str, evidence: str
) -> None:
    match = match_job([strength], ad)
    assert match.matched == (strength,)
    assert match.evidence == {strength: evidence}


def test_a_strength_the_vocabulary_lacks_is_matched_as_a_phrase() -> None:
    match = match_job(["British Sign Language"], "Knowledge of British Sign Language is desirable")
    assert match.evidence == {"British Sign Language": "British Sign Language"}


def test_a_strength_the_vocabulary_lacks_does_not_match_its_words_scattered() -> None:
    match = match_job(["British Sign Language"], "Sign in, in plain British English; language")
    assert match.unmatched == ("British Sign Language",)


def test_java_does_not_match_javascript_which_is_missing_instead() -> None:
    match = match_job(["Java"], "Strong JavaScript and TypeScript skills")
    assert (match.unmatched, match.missing) == (("Java",), ("JavaScript",))


@pytest.mark.parametrize(
    "ad",
    [
        "Proven record of reporting on R&D projects",
        "Great career prospects for our recruiters",
        "Please send your CV to r.smith@example.com",
    ],
)
def test_r_matches_no_word_that_merely_contains_an_r(ad: str) -> None:
    assert match_job(["R"], ad).unmatched == ("R",)


@pytest.mark.parametrize("ad", ["Python or R.", "SQL, R and Excel", "Experience with R/Python"])
def test_r_matches_a_capital_r_standing_alone(ad: str) -> None:
    assert match_job(["R"], ad).evidence == {"R": "R"}


def test_c_is_not_known_so_grade_c_in_an_ad_is_not_a_match() -> None:
    match = match_job(["C"], "GCSE English and Maths at grade C or above")
    assert "C" in match.unmatched


@pytest.mark.parametrize(
    "ad", ["A place where you can excel.", "You'll excel here", "You will excel at this"]
)
def test_the_verb_excel_in_an_ad_is_not_the_skill(ad: str) -> None:
    match = match_job(["Excel"], ad)
    assert (match.unmatched, match.missing) == (("Excel",), ())


@pytest.mark.parametrize("ad", ["Proficient in excel", "Word and excel", "Excel to a high level"])
def test_excel_in_an_ad_still_names_the_software_otherwise(ad: str) -> None:
    assert match_job(["Excel"], ad).matched == ("Excel",)


def test_the_pronoun_it_is_not_information_technology() -> None:
    match = match_job(["IT support"], "It is a support role. Support it well.")
    assert (match.unmatched, match.missing) == (("IT support",), ())


def test_the_longest_known_phrase_wins_so_one_mention_is_one_ask() -> None:
    match = match_job([], "Microsoft Excel and Google Analytics")
    assert match.missing == ("Excel", "Digital marketing")


# --- Empty input -----------------------------------------------------------------------------


def test_no_strengths_match_nothing_and_every_ask_is_missing() -> None:
    match = match_job([], "SQL and Python", TINY)
    assert match == JobMatch((), (), ("SQL", "Python"), 0.0, {})


@pytest.mark.parametrize("ad", ["", "   \n\t", "We are a friendly bunch."])
def test_an_ad_with_no_recognised_asks_scores_zero_and_matches_nothing(ad: str) -> None:
    match = match_job(["Excel", "SQL"], ad, TINY)
    assert match == JobMatch((), ("Excel", "SQL"), (), 0.0, {})


def test_blank_and_repeated_strengths_are_read_once() -> None:
    match = match_job(["Excel", " excel ", "", "   ", "EXCEL"], "Excel", TINY)
    assert (match.matched, match.unmatched) == (("Excel",), ())


# --- The score -------------------------------------------------------------------------------


def test_the_score_is_the_share_of_distinct_asks_covered_counting_the_users_own_phrases() -> None:
    ad = "Spreadsheets, SQL, Python and negotiating. Excel is a must, and so is sign language."
    match = match_job(["excel", "spreadsheets", "sign language"], ad, TINY)
    # Asks: Excel (twice, one ask), SQL, Python, Negotiation, and the user's "sign language".
    # Covered: Excel (by two strengths, counted once) and sign language, so 2 of 5.
    assert match.score == pytest.approx(2 / 5)
    assert match.matched == ("excel", "spreadsheets", "sign language")
    assert match.missing == ("SQL", "Python", "Negotiation")


@pytest.mark.parametrize(
    ("strengths", "score"),
    [([], 0.0), (["SQL"], 1 / 3), (["SQL", "Python"], 2 / 3), (["Python", "SQL", "Excel"], 1.0)],
)
def test_the_score_grows_with_each_ask_covered(strengths: list[str], score: float) -> None:
    assert match_job(strengths, "Python, SQL and Excel", TINY).score == pytest.approx(score)


def test_missing_skills_come_most_mentioned_first_then_earliest() -> None:
    match = match_job([], "Python. SQL. Excel. More SQL, then SQL. Python again.", TINY)
    assert match.missing == ("SQL", "Python", "Excel")


# --- The vocabulary --------------------------------------------------------------------------


def test_the_shipped_vocabulary_knows_between_60_and_120_skills() -> None:
    assert 60 <= len(load_vocabulary().skills) <= 120


def test_the_shipped_vocabulary_is_read_once() -> None:
    assert load_vocabulary() is load_vocabulary()


def test_the_shipped_vocabulary_is_the_one_under_data() -> None:
    assert load_vocabulary(DEFAULT_VOCABULARY_PATH) == load_vocabulary()


def test_a_vocabulary_error_is_a_bounceback_error() -> None:
    assert issubclass(VocabularyError, BouncebackError)


def test_a_skills_file_that_is_not_valid_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "skills.yaml"
    path.write_text(
        "- label: Excel\n  synonyms: [spreadsheets]\n- label: SQL\n  synonyms: [mysql\n",
        encoding="utf-8",
    )
    with pytest.raises(VocabularyError, match=r"skills\.yaml, line 5: .*starts on line 4"):
        load_vocabulary(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a list of skills"),
        ("label: Excel\n", "expected a list of skills"),
        ("- label: Excel\n  synonym: [spreadsheets]\n", "skill 1: expected only 'label'"),
        ("- synonyms: [spreadsheets]\n", "skill 1: 'label' must be some text"),
        ("- label: Excel\n  synonyms: spreadsheets\n", r"skill 1 \(Excel\): 'synonyms' must be"),
        ("- label: Excel\n- label: Sheets\n  synonyms: [EXCEL]\n", "under both Excel and Sheets"),
        ("- label: Excel\n  synonyms: [the]\n", "'the' has no words to look for"),
    ],
)
def test_a_skills_file_of_the_wrong_shape_says_what_is_wrong(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "skills.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError, match=message) as raised:
        load_vocabulary(path)
    assert str(path) in str(raised.value)


def test_a_missing_skills_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match=r"absent\.yaml"):
        load_vocabulary(tmp_path / "absent.yaml")


# --- Long pastes ------------------------------------------------------------------------------

LONG_AD_LINE = (
    "We need Excel, customer service, Python and SQL skills. Project management and data "
    "analysis; a driving licence. Stakeholder management with good communication.\n"
)


def _calls_to_match(characters: int) -> int:
    """How many Python functions one match runs for an ad of that length: work, not time."""
    ad = (LONG_AD_LINE * (characters // len(LONG_AD_LINE) + 1))[:characters]
    strengths = ["Excel", "Python", "teamwork", "project management"]
    match_job(strengths, ad)  # warm the caches, so both counts measure the same work
    calls = 0

    def count(_frame: object, event: str, _arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        match_job(strengths, ad)
    finally:
        sys.setprofile(None)
    return calls


def test_matching_does_work_in_proportion_to_the_ad_s_length() -> None:
    short, long = _calls_to_match(3_000), _calls_to_match(12_000)
    assert long <= 4.5 * short, f"4 times the text took {long / short:.1f} times the work"


def test_a_description_longer_than_any_advert_is_refused_with_a_plain_message() -> None:
    match_job(["Excel"], "x" * MAX_DESCRIPTION_CHARS)  # the longest one that is read
    with pytest.raises(DescriptionTooLong, match=r"30,001 characters.*up to 30,000"):
        match_job(["Excel"], "x" * (MAX_DESCRIPTION_CHARS + 1))


def test_the_longest_description_read_still_finds_every_ask() -> None:
    ad = (LONG_AD_LINE * (MAX_DESCRIPTION_CHARS // len(LONG_AD_LINE)))[:MAX_DESCRIPTION_CHARS]
    found = match_job(["Excel", "Python", "teamwork"], ad)
    assert found.matched == ("Excel", "Python")
    assert found.unmatched == ("teamwork",)
    assert "SQL" in found.missing


def test_strengths_typed_one_per_line_are_trimmed_kept_once_and_in_order() -> None:
    typed = "  Python\n\nstakeholder management \nPython\n   \nSQL"
    assert from_lines(typed) == ("Python", "stakeholder management", "SQL")
