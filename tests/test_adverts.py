"""Reading a pasted job advert: what it finds, the words it found it in, and hostile pastes."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounceback.adverts import AdvertReading, SalaryPeriod, read_advert
from bounceback.config import CURRENCIES as CURRENCY_CODES
from bounceback.strengths import MAX_DESCRIPTION_CHARS, DescriptionTooLong, match_job
from bounceback.validation import SHORT_TEXT, text_problem
from tests.hostile import PAYLOADS

TODAY = date(2026, 12, 2)


@dataclass(frozen=True)
class Expected:
    """Every field one advert should give."""

    company: str
    role: str
    location: str
    salary_min: int | str | None
    salary_max: int | str | None
    currency: str
    period: SalaryPeriod | None
    closing_on: date | None


ADVERTS = {
    "uk-labelled": (
        """\
Data Analyst
Northern Rail Analytics Ltd
Location: Leeds (hybrid)
Salary: £32,000 - £38,000 per annum
Closing date: 14th January 2027

About the role
You'll turn timetable data into decisions, working with planners across the network.
""",
        Expected(
            "Northern Rail Analytics Ltd",
            "Data Analyst",
            "Leeds (hybrid)",
            32000,
            38000,
            "GBP",
            SalaryPeriod.YEAR,
            date(2027, 1, 14),
        ),
    ),
    "linkedin-uk": (
        """\
Senior Data Engineer
Acme Ltd · Leeds, England, United Kingdom (Hybrid)
2 weeks ago · Over 100 applicants
Full-time · Mid-Senior level

About the job
You will build and run our data pipelines. Salary £55k\u2013£65k plus bonus.
""",
        Expected(
            "Acme Ltd",
            "Senior Data Engineer",
            "Leeds, England, United Kingdom (Hybrid)",
            55000,
            65000,
            "GBP",
            SalaryPeriod.YEAR,
            None,
        ),
    ),
    "us-hourly": (
        """\
Warehouse Associate at Bluebird Logistics
Columbus, OH
Pay: $18.50/hr
Weekend shifts available. Apply by 01/15/2027
""",
        Expected(
            "Bluebird Logistics",
            "Warehouse Associate",
            "Columbus, OH",
            "18.50",
            "18.50",
            "USD",
            SalaryPeriod.HOUR,
            date(2027, 1, 15),
        ),
    ),
    "us-k-range": (
        """\
Staff Engineer
Company: Helix Robotics Inc.
Location: Austin, TX
Compensation: USD 120k\u2013150k
Applications close March 3, 2027
""",
        Expected(
            "Helix Robotics Inc.",
            "Staff Engineer",
            "Austin, TX",
            120000,
            150000,
            "USD",
            SalaryPeriod.YEAR,
            date(2027, 3, 3),
        ),
    ),
    "linkedin-us-base-pay": (
        """\
Product Designer
Northwind Traders · New York, NY (On-site)
1 week ago · 45 applicants
About the job
Design the tools our buyers use every day.
Base pay range
$110,000.00/yr - $135,000.00/yr
""",
        Expected(
            "Northwind Traders",
            "Product Designer",
            "New York, NY (On-site)",
            110000,
            135000,
            "USD",
            SalaryPeriod.YEAR,
            None,
        ),
    ),
    "de-yearly": (
        """\
Stellenanzeige
Stelle: Softwareentwickler (m/w/d)
Unternehmen: Brückner Systeme GmbH
Standort: München
Gehalt: € 55.000 \u2013 65.000 brutto/Jahr
Bewerbungsschluss: 15.01.2027
""",
        Expected(
            "Brückner Systeme GmbH",
            "Softwareentwickler (m/w/d)",
            "München",
            55000,
            65000,
            "EUR",
            SalaryPeriod.YEAR,
            date(2027, 1, 15),
        ),
    ),
    "de-monthly": (
        """\
Pflegefachkraft
Arbeitgeber: Klinikum am See
Arbeitsort: Hamburg
Vergütung: 4.250 € brutto/Monat
Bewerbungsfrist: 31. März 2027
""",
        Expected(
            "Klinikum am See",
            "Pflegefachkraft",
            "Hamburg",
            4250,
            4250,
            "EUR",
            SalaryPeriod.MONTH,
            date(2027, 3, 31),
        ),
    ),
    "fr-yearly": (
        """\
Chef de projet
Entreprise : Lumière Conseil SAS
Lieu : Lyon
Salaire : 45\u202f000 € par an
Date limite de candidature : 15 janvier 2027
""",
        Expected(
            "Lumière Conseil SAS",
            "Chef de projet",
            "Lyon",
            45000,
            45000,
            "EUR",
            SalaryPeriod.YEAR,
            date(2027, 1, 15),
        ),
    ),
    "uk-day-rate": (
        """\
Contract: SAP Consultant - London
Client: a FTSE 100 retailer
Rate: £450 per day (outside IR35)
Location - London / remote
Closing: 03/04/2027
""",
        Expected(
            "",
            "SAP Consultant",
            "London / remote",
            450,
            450,
            "GBP",
            SalaryPeriod.DAY,
            date(2027, 4, 3),
        ),
    ),
    "uk-no-salary": (
        """\
Office Administrator
Bright Futures Charity Ltd
Salary: Competitive
We'd love to hear from you.
""",
        Expected(
            "Bright Futures Charity Ltd",
            "Office Administrator",
            "",
            None,
            None,
            "",
            None,
            None,
        ),
    ),
    "indeed-several-salaries": (
        """\
Customer Service Advisor
Greenleaf Energy plc
4.1 out of 5 stars
Bristol BS1
£24,000 - £26,000 a year - Full-time
Band 5 advisors: £27,000 - £30,000 a year
""",
        Expected(
            "Greenleaf Energy plc",
            "Customer Service Advisor",
            "Bristol BS1",
            24000,
            26000,
            "GBP",
            SalaryPeriod.YEAR,
            None,
        ),
    ),
    "uk-up-to-pro-rata-closed": (
        """\
Marketing Manager (part time)
Company: Tall Trees Studio
Location: Remote (UK)
Salary: up to £45,000 pro rata
Deadline: 2025-11-30
""",
        Expected(
            "Tall Trees Studio",
            "Marketing Manager",
            "Remote (UK)",
            None,
            45000,
            "GBP",
            SalaryPeriod.YEAR,
            date(2025, 11, 30),
        ),
    ),
    "uk-hourly-sentence": (
        """\
Staff Nurse - Night Shifts
Join Riverside Care as a Staff Nurse on our award-winning ward.
Pay: £15.20 an hour
Applications close on Friday 9th April 2027.
""",
        Expected(
            "Riverside Care",
            "Staff Nurse",
            "",
            "15.20",
            "15.20",
            "GBP",
            SalaryPeriod.HOUR,
            date(2027, 4, 9),
        ),
    ),
    "uk-weekly-no-year": (
        """\
Kitchen Porter
Employer: The Copper Kettle
Based in York
£600 per week, paid weekly.
Apply before 1 March
""",
        Expected(
            "The Copper Kettle",
            "Kitchen Porter",
            "York",
            600,
            600,
            "GBP",
            SalaryPeriod.WEEK,
            date(2027, 3, 1),
        ),
    ),
    "linkedin-us-company-first": (
        """\
Acme Corp
Share
Show more options
Software Engineer II
New York, NY · 1 week ago · Over 100 applicants
Promoted by hirer · Actively reviewing applicants

$120K/yr - $150K/yr
Hybrid
Full-time
""",
        Expected(
            "Acme Corp",
            "Software Engineer II",
            "New York, NY",
            120000,
            150000,
            "USD",
            SalaryPeriod.YEAR,
            None,
        ),
    ),
    "indeed-us-hourly": (
        """\
Full job description
Bookkeeper
Hillside Dental Group
Denver, CO 80202
Estimated $52.3K - $66.2K a year
Job details
Pay
$25 - $30 an hour
Job type
Part-time
""",
        Expected(
            "Hillside Dental Group",
            "Bookkeeper",
            "Denver, CO 80202",
            25,
            30,
            "USD",
            SalaryPeriod.HOUR,
            None,
        ),
    ),
    "uk-school": (
        """\
Teaching Assistant
Oakfield Primary School
Location: Sheffield
Salary: £18,500 - £20,000 per annum (actual), Grade 3 pro rata
Hours: 32.5 per week, term time only
Closing Date: 9am, Monday 11 January 2027
Interviews: w/c 18 January 2027
""",
        Expected(
            "Oakfield Primary School",
            "Teaching Assistant",
            "Sheffield",
            18500,
            20000,
            "GBP",
            SalaryPeriod.YEAR,
            date(2027, 1, 11),
        ),
    ),
    "fr-k-euro": (
        """\
Ingénieur DevOps H/F
Société : Nuage Bleu SA
Lieu : Paris (télétravail partiel)
Rémunération : 50 - 60 K€ brut annuel
Date de clôture : 31/01/2027
""",
        Expected(
            "Nuage Bleu SA",
            "Ingénieur DevOps H/F",
            "Paris (télétravail partiel)",
            50000,
            60000,
            "EUR",
            SalaryPeriod.YEAR,
            date(2027, 1, 31),
        ),
    ),
    "html-paste": (
        "<h1>Data Scientist</h1><p>Company: Foo &amp; Bar Ltd</p>"
        "<p>Location: Manchester</p><p>Salary: &pound;30-35k per year</p>"
        "<ul><li>Python</li><li>SQL</li></ul>",
        Expected(
            "Foo & Bar Ltd",
            "Data Scientist",
            "Manchester",
            30000,
            35000,
            "GBP",
            SalaryPeriod.YEAR,
            None,
        ),
    ),
}


def _money(value: int | str | None) -> Decimal | None:
    """An expected amount as the reading gives it."""
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("text, expected", ADVERTS.values(), ids=ADVERTS.keys())
def test_each_advert_gives_every_field(text: str, expected: Expected) -> None:
    reading = read_advert(text, today=TODAY)
    assert reading.company == expected.company
    assert reading.role == expected.role
    assert reading.location == expected.location
    assert reading.salary_min == _money(expected.salary_min)
    assert reading.salary_max == _money(expected.salary_max)
    assert reading.currency == expected.currency
    assert reading.salary_period == expected.period
    assert reading.closing_on == expected.closing_on


@pytest.mark.parametrize("text, expected", ADVERTS.values(), ids=ADVERTS.keys())
def test_each_field_says_the_words_it_came_from(text: str, expected: Expected) -> None:
    reading = read_advert(text, today=TODAY)
    filled = {
        "company": expected.company,
        "role": expected.role,
        "location": expected.location,
        "salary": expected.salary_min or expected.salary_max,
        "closing_on": expected.closing_on,
    }
    assert set(reading.found_from) == {name for name, value in filled.items() if value}
    for words in reading.found_from.values():
        assert 0 < len(words) <= SHORT_TEXT
        assert words.split()[0] in reading.description
    for name in ("company", "role", "location"):
        if filled[name]:
            assert filled[name] in reading.found_from[name]


def test_the_salary_words_quote_the_salary_line() -> None:
    text, _ = ADVERTS["uk-labelled"]
    reading = read_advert(text, today=TODAY)
    assert reading.found_from["salary"] == "Salary: £32,000 - £38,000 per annum"
    assert reading.found_from["closing_on"] == "Closing date: 14th January 2027"
    assert reading.notes == ()


def test_a_label_alone_takes_its_value_from_the_next_line() -> None:
    text, _ = ADVERTS["linkedin-us-base-pay"]
    words = read_advert(text, today=TODAY).found_from["salary"]
    assert words == "Base pay range $110,000.00/yr - $135,000.00/yr"


def test_what_it_could_not_read_is_said() -> None:
    text, _ = ADVERTS["uk-no-salary"]
    notes = read_advert(text, today=TODAY).notes
    assert "No location found in the advert." in notes
    assert "The salary is given without a figure: 'Salary: Competitive'." in notes
    assert "No closing date found in the advert." in notes


def test_a_past_closing_date_and_pro_rata_are_noted() -> None:
    text, _ = ADVERTS["uk-up-to-pro-rata-closed"]
    notes = read_advert(text, today=TODAY).notes
    assert "The closing date, 30 November 2025, has already passed." in notes
    assert any("pro rata" in note for note in notes)


def test_several_salaries_fill_in_the_first_and_name_the_others() -> None:
    text, _ = ADVERTS["indeed-several-salaries"]
    notes = read_advert(text, today=TODAY).notes
    assert any("more than one salary" in note and "£27,000 - £30,000" in note for note in notes)


def test_a_date_either_order_could_mean_follows_the_adverts_currency() -> None:
    text, _ = ADVERTS["uk-day-rate"]
    notes = read_advert(text, today=TODAY).notes
    assert (
        "03/04/2027 is read as day/month/year (3 April 2027), as adverts in GBP write dates."
        in (notes)
    )
    us = read_advert("Pay: $20/hr\nApply by 03/04/2027", today=TODAY)
    assert us.closing_on == date(2027, 3, 4)


def test_without_a_currency_the_users_country_orders_the_date() -> None:
    text = "Closing date: 03/04/2027"
    assert read_advert(text, today=TODAY).closing_on == date(2027, 4, 3)
    assert read_advert(text, today=TODAY, country="US").closing_on == date(2027, 3, 4)


def test_a_date_without_a_year_says_which_year_it_was_read_as() -> None:
    text, _ = ADVERTS["uk-weekly-no-year"]
    notes = read_advert(text, today=TODAY).notes
    assert "The closing date names no year; it is read as 1 March 2027." in notes


def test_a_bare_dollar_is_the_users_dollar_and_no_currency_is_theirs() -> None:
    canadian = read_advert("Salary: $85,000 - $95,000 per year", today=TODAY, currency="CAD")
    assert (canadian.currency, canadian.salary_min) == ("CAD", Decimal(85000))
    assert read_advert("Salary: US$85,000", today=TODAY, currency="CAD").currency == "USD"
    bare = read_advert("Salary: 32,000 - 38,000 per annum", today=TODAY, currency="EUR")
    assert (bare.currency, bare.salary_min, bare.salary_max) == ("EUR", 32000, 38000)
    assert "The salary names no currency; EUR (your usual) is assumed." in bare.notes
    unknown = read_advert("Salary: 30,000 per annum", today=TODAY, currency="")
    assert (unknown.currency, unknown.salary_min) == ("", 30000)
    assert "The salary names no currency." in unknown.notes


SALARY_LINES = {
    "currency after the range": ("Salary: 55.000 - 65.000 EUR", 55000, 65000, "EUR", "year"),
    "to and plus": ("Salary £25,000 to £28,000 + benefits", 25000, 28000, "GBP", "year"),
    "an allowance after": (
        "Salary: £32,000 - £38,000 per annum plus £3,000 London weighting",
        *(32000, 38000, "GBP", "year"),
    ),
    "a grade before": ("Salary: Grade 5, £30,000 - £33,000", 30000, 33000, "GBP", "year"),
    "k with a point": ("£22.5k - £25k", 22500, 25000, "GBP", "year"),
    "capital K": ("Salary: $120K - $150K", 120000, 150000, "USD", "year"),
    "decimal comma": ("Verg\u00fctung: 12,50 \u20ac/Stunde", "12.50", "12.50", "EUR", "hour"),
    "lakh grouping": ("Salary: \u20b912,00,000 per annum", 1200000, 1200000, "INR", "year"),
    "apostrophe grouping": ("Salary: CHF 110'000 - 130'000", 110000, 130000, "CHF", "year"),
    "monthly": ("Salary: \u00a31,950 per month", 1950, 1950, "GBP", "month"),
    "hours after": (
        "Salary: \u00a335,000 per year. Hours: 37.5 per week",
        35000,
        35000,
        "GBP",
        "year",
    ),
}


@pytest.mark.parametrize(
    "text, low, high, currency, period", SALARY_LINES.values(), ids=SALARY_LINES
)
def test_salary_lines(
    text: str, low: int | str, high: int | str, currency: str, period: str
) -> None:
    reading = read_advert(text, today=TODAY)
    assert (reading.salary_min, reading.salary_max) == (_money(low), _money(high))
    assert (reading.currency, reading.salary_period) == (currency, SalaryPeriod(period))
    assert str(reading.salary_min) == str(low)


def test_a_date_on_the_salary_line_is_no_salary() -> None:
    vague = read_advert("Salary: competitive, reviewed 1 April 2027", today=TODAY)
    assert (vague.salary_min, vague.salary_max) == (None, None)
    dated = read_advert("Salary: 32,000 from 01/04/2027", today=TODAY)
    assert (dated.salary_min, dated.salary_max) == (32000, 32000)
    worded = read_advert("Salary: 32,000 from 1 April 2027", today=TODAY)
    assert (worded.salary_min, worded.salary_max) == (32000, 32000)
    only_date = read_advert("Salary: reviewed on 14th January 2027", today=TODAY)
    assert (only_date.salary_min, only_date.salary_max) == (None, None)


def test_a_salary_without_a_figure_is_noted_even_without_a_label() -> None:
    reading = read_advert("Competitive salary and benefits", today=TODAY)
    assert "The salary is given without a figure: 'Competitive salary and benefits'." in (
        reading.notes
    )


def test_other_dated_lines_are_neither_title_nor_closing_date() -> None:
    text = "Month-end closing and reporting\nStart date: 1 February 2027"
    reading = read_advert(text, today=TODAY)
    assert (reading.role, reading.closing_on) == ("", None)
    closing = read_advert("Closing date: Sunday 14 January 2027 at midnight", today=TODAY)
    assert (closing.role, closing.company, closing.closing_on) == ("", "", date(2027, 1, 14))


def test_a_line_of_skills_is_no_company_or_place() -> None:
    reading = read_advert("Data Analyst\nPython · SQL · Excel\nLocation: Hull", today=TODAY)
    assert (reading.company, reading.location) == ("", "Hull")


def test_money_that_is_no_pay_is_not_a_salary() -> None:
    text = "Software Tester\nWe are a £5m company with 250 employees and $20 million in funding."
    reading = read_advert(text, today=TODAY)
    assert (reading.salary_min, reading.salary_max, reading.currency) == (None, None, "")
    assert "No salary found in the advert." in reading.notes


def test_from_a_figure_has_no_top() -> None:
    reading = read_advert("Salary: from £28,000 a year", today=TODAY)
    assert (reading.salary_min, reading.salary_max) == (Decimal(28000), None)
    plus = read_advert("Salary: £50k+ DOE", today=TODAY)
    assert (plus.salary_min, plus.salary_max) == (Decimal(50000), None)


def test_the_advert_is_kept_as_the_job_description() -> None:
    text, _ = ADVERTS["uk-labelled"]
    assert read_advert(f"\n\n{text}\n", today=TODAY).description == text.strip()


def test_web_page_code_is_kept_as_plain_text() -> None:
    text, _ = ADVERTS["html-paste"]
    reading = read_advert(text, today=TODAY)
    assert "<" not in reading.description
    assert "Company: Foo & Bar Ltd" in reading.description.splitlines()
    assert any("web page code" in note for note in reading.notes)


def test_a_too_long_advert_is_cut_to_the_job_description_limit_and_says_so() -> None:
    text, _ = ADVERTS["uk-labelled"]
    long = text + ("More about the team and the work we do.\n" * 2000)
    reading = read_advert(long, today=TODAY)
    assert len(long) > MAX_DESCRIPTION_CHARS >= len(reading.description)
    assert reading.description.endswith("we do.")
    assert reading.company == "Northern Rail Analytics Ltd"
    assert any(f"The advert is {len(long):,} characters" in note for note in reading.notes)
    with pytest.raises(DescriptionTooLong):
        match_job(("Python",), long)
    assert 0 <= match_job(("Python",), reading.description).score <= 1
    short = read_advert(text, today=TODAY)
    assert not any("characters;" in note for note in short.notes)


def test_hidden_characters_are_taken_out_and_noted() -> None:
    text = "Data\x00 Analyst\u202e\nCompany: Acme\ud800 Ltd\u200f\nSalary: £30,000\ufeff per annum"
    reading = read_advert(text, today=TODAY)
    assert (reading.role, reading.company) == ("Data Analyst", "Acme Ltd")
    assert reading.salary_min == 30000
    assert text_problem(reading.description, MAX_DESCRIPTION_CHARS, "Job description") is None
    assert (
        "5 hidden characters were taken out (NUL bytes, direction marks and the like can't be "
        "stored)."
    ) in reading.notes


def test_an_empty_paste_asks_for_text() -> None:
    reading = read_advert(" \n\x00\t", today=TODAY)
    assert reading == AdvertReading(
        "",
        notes=(
            "1 hidden character was taken out (NUL bytes, direction marks and the like can't be "
            "stored).",
            "Nothing to read: paste the advert's text.",
        ),
    )


def _check(reading: AdvertReading) -> None:
    """What holds for any paste: storable text, short fields, known currencies."""
    assert len(reading.description) <= MAX_DESCRIPTION_CHARS
    assert text_problem(reading.description, MAX_DESCRIPTION_CHARS, "Job description") is None
    for value in (reading.company, reading.role, reading.location, *reading.found_from.values()):
        assert len(value) <= SHORT_TEXT
        assert text_problem(value, SHORT_TEXT, "Field") is None
    assert reading.currency in ("", *CURRENCY_CODES)
    for amount in (reading.salary_min, reading.salary_max):
        assert amount is None or amount > 0


@pytest.mark.parametrize("payload", [*PAYLOADS, "W" * 1_000_000, "\x00" * 1000, "\ud83d" * 99])
def test_hostile_pastes_are_read_without_error(payload: str) -> None:
    _check(read_advert(f"Company: {payload}\n{payload}\nSalary: {payload}", today=TODAY))


# Each once made some pattern try every way to split a run; each must come back in one pass.
PATHOLOGICAL = (
    "1" * 30_000,
    "1,000" * 6_000,
    "123 " * 7_500,
    "£1 " * 10_000,
    "£1-\n" * 7_500,
    "Salary: " + "£1-" * 10_000,
    "<" * 30_000,
    ("<a" + " " * 1_998) * 15,
    "<p>" + "x</p><p>" * 3_750,
    "closing date " * 2_300,
    "closing\n" * 3_750,
    "1 abcdefg " * 3_000,
    "1/1/" * 7_500,
    "Jan 1 " * 5_000,
    "Join " + "A " * 15_000,
    "A " * 15_000 + " is hiring",
    "About " + "x" * 30_000,
    "·" * 30_000,
    "\n \n" * 10_000,
    "£1 per " * 4_300,
    "up to " * 5_000 + "£30,000",
    "1k " * 10_000,
    "\u202e\u200fSalary £30k" * 2_300,
    "Location:\n" * 3_000,
    "Salary: " + "1/1/2027 " * 3_300,
)


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_pathological_pastes_come_back(text: str) -> None:
    _check(read_advert(text, today=TODAY))


FRAGMENTS = (
    "Salary: ",
    "Closing date: ",
    "Location: ",
    "Company: ",
    "Job title: ",
    " · ",
    "£",
    "$",
    "€",
    "USD ",
    "k",
    " - ",
    "\u2013",
    " per annum",
    "/hr",
    " up to ",
    "14th January 2027",
    "01/15/2027",
    "15.01.2027",
    "<p>",
    "&amp;",
    "\n",
    "\x00",
    "\u202e",
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(FRAGMENTS) | st.text(st.characters(exclude_categories=()), max_size=12),
        max_size=40,
    ).map("".join)
)
def test_any_paste_reads_without_error(text: str) -> None:
    _check(read_advert(text, today=TODAY))


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=())), st.dates())
def test_any_text_on_any_day_reads_without_error(text: str, today: date) -> None:
    _check(read_advert(text, today=today))


def test_the_reader_does_not_import_streamlit() -> None:
    code = "import sys, bounceback.adverts; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=".")
    assert result.stdout.strip() == "False", result.stderr
