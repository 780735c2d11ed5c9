"""Presenter mode's core: stable aliases, scrubbing, and masks that leave nothing identifying."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bounceback import exports
from bounceback.presenter import (
    Aliases,
    asked_for,
    mask_application,
    mask_frames,
    scrub_quote,
)
from bounceback.storage import Store
from tests.conftest import TODAY, draft
from tests.identifying import COMPANY, CONTACT, EMAIL, LESSON, SECRETS, seed_identifying


def _leaks(text: str) -> list[str]:
    """The identifying strings found in some text."""
    return [secret for secret in SECRETS if secret.casefold() in text.casefold()]


@pytest.fixture
def seeded(db_url: str) -> Store:
    """Two plain applications, then the identifying one."""
    store = Store.open(db_url)
    store.add_application(draft(company="Alder Ltd"), today=TODAY)
    store.add_application(draft(company="Birch plc"), today=TODAY)
    seed_identifying(store, TODAY)
    return store


@pytest.mark.parametrize(
    ("number", "letters"), [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ")]
)
def test_aliases_run_like_spreadsheet_columns(number, letters):
    names = [f"Employer {index}" for index in range(number + 1)]
    assert Aliases.build(names).company(names[-1]) == f"Company {letters}"


def test_aliases_follow_the_order_employers_were_first_added():
    aliases = Aliases.build(["Alder", "Birch", "Alder", "Cedar"])
    assert [aliases.company(name) for name in ("Alder", "Birch", "Cedar")] == [
        "Company A",
        "Company B",
        "Company C",
    ]


def test_one_employer_spelt_two_ways_gets_one_alias():
    aliases = Aliases.build(["Alder Ltd", "  alder   LTD "])
    assert aliases.company("ALDER LTD") == "Company A"
    assert len(aliases.companies) == 1


def test_an_employer_added_later_never_changes_earlier_aliases(seeded):
    before = Aliases.of(seeded.frames())
    seeded.add_application(draft(company="Aardvark Co"), today=TODAY)
    after = Aliases.of(seeded.frames())
    assert {name: after.companies[name] for name in before.companies} == dict(before.companies)


def test_an_unknown_employer_still_never_shows_its_name():
    assert Aliases.build(["Alder"]).company("Somewhere Else") == "Another company"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Research Zebulon Quartzworks first", "Research Company A first"),
        ("research zebulon  quartzworks first", "research Company A first"),
        ("Thank Philippa Drummond", "Thank Contact 1"),
        ("Mail philippa.drummond@zebulon.example today", "Mail [contact details] today"),
        (
            "Quartzworkshop of Zebulonia is another firm",
            "Quartzworkshop of Zebulonia is another firm",
        ),
    ],
)
def test_scrub_replaces_known_names_as_whole_words(text, expected):
    aliases = Aliases.build([COMPANY], [CONTACT], [EMAIL])
    assert aliases.scrub(text) == expected


def test_the_longer_of_two_overlapping_names_is_replaced_whole():
    aliases = Aliases.build(["Acme", "Acme Labs"])
    assert aliases.scrub("Acme Labs and Acme") == "Company B and Company A"


def test_masked_frames_hold_nothing_identifying(seeded):
    frames = seeded.frames()
    assert _leaks("".join(frame.to_csv() for frame in frames.values()))
    masked = mask_frames(frames, Aliases.of(frames))
    assert _leaks("".join(frame.to_csv() for frame in masked.values())) == []


def test_masked_frames_keep_lessons_and_what_went_well_with_names_replaced(seeded):
    frames = seeded.frames()
    masked = mask_frames(frames, Aliases.of(frames))
    assert masked["lessons"]["text"].tolist() == ["Read up on Company C before a panel"]
    assert masked["reflections"]["went_well"].tolist() == ["Clear answers on incident reviews"]


def test_masking_leaves_the_real_frames_untouched(seeded):
    frames = seeded.frames()
    mask_frames(frames, Aliases.of(frames))
    assert COMPANY in frames["applications"]["company"].tolist()


def test_a_masked_application_holds_nothing_identifying(seeded):
    aliases = Aliases.of(seeded.frames())
    found = next(item for item in seeded.all() if item.draft.company == COMPANY)
    assert _leaks(repr(found))
    masked = mask_application(found, aliases)
    assert _leaks(repr(masked)) == []
    assert masked.draft.company == "Company C"
    assert masked.draft.contacts[0].name == "Contact 1"
    assert masked.draft.contacts[0].role == "Hiring manager"
    assert masked.reflections[0].lessons[0].text == LESSON.replace(COMPANY, "Company C")
    assert masked.stage is found.stage
    assert masked.events == tuple(replace(event, note="") for event in found.events)


@pytest.mark.parametrize("export", [exports.history_csv, exports.follow_ups_ics])
def test_downloads_of_masked_applications_hold_nothing_identifying(seeded, export):
    aliases = Aliases.of(seeded.frames())
    everything = seeded.all()
    assert _leaks(export(everything))
    assert _leaks(export([mask_application(item, aliases) for item in everything])) == []


def test_a_role_or_location_naming_the_employer_is_scrubbed_too(db_url):
    store = Store.open(db_url)
    store.add_application(
        draft(company=COMPANY, role=f"Engineer, {COMPANY} payments", location=f"{COMPANY} HQ"),
        today=TODAY,
    )
    frames = store.frames()
    aliases = Aliases.of(frames)
    masked = mask_frames(frames, aliases)
    assert masked["applications"][["role", "location"]].iloc[0].tolist() == [
        "Engineer, Company A payments",
        "Company A HQ",
    ]
    shown = mask_application(store.all()[0], aliases)
    assert COMPANY not in repr(shown)


@pytest.mark.parametrize(
    ("companies", "contacts", "text", "expected"),
    [
        (["Großmann Logistik GmbH"], [], "Met GROSSMANN LOGISTIK today", "Met Company A today"),
        (["Strasse Digital"], [], "Ask Straße Digital again", "Ask Company A again"),
        (
            ["\u0130nci Yaz\u0131l\u0131m"],
            [],
            "Call inci yaz\u0131l\u0131m back",
            "Call Company A back",
        ),
        (["INCI YAZILIM"], [], "Call \u0130nci Yaz\u0131l\u0131m back", "Call Company A back"),
        (["Zentrix Ltd\u200b"], [], "Zentrix Ltd said no", "Company A said no"),
        (["Zentrix Ltd"], [], "Zentrix\u200b Ltd said no", "Company A said no"),
        (["Zentrix Ltd"], [], "Research Zentrix first", "Research Company A first"),
        (["Northwind Analytics"], [], "Northwind was kind", "Company A was kind"),
        ([], ["Siobhán Kearney"], "Thank Siobhan today", "Thank Contact 1 today"),
        ([], ["Siobhan Kearney"], "Thank Siobhán today", "Thank Contact 1 today"),
        ([], ["Priya Shah"], "Priya was lovely", "Contact 1 was lovely"),
        ([], ["Priya Shah"], "Follow up with Shah.", "Follow up with Contact 1."),
        ([], ["Priya Shah"], "Shahid and Priyanka", "Shahid and Priyanka"),
        (["Data Ltd"], [], "Data Engineer at Data Ltd", "Data Engineer at Company A"),
        ([], ["Mark Jones"], "Mark the date; ask Jones", "Mark the date; ask Contact 1"),
        (["Apple Inc"], [], "Read up on Apple", "Read up on Company A"),
        (["Harbour & Finch"], [], "harbour and finch", "Company A and Company A"),
    ],
)
def test_names_are_found_however_they_are_spelt_and_in_part(companies, contacts, text, expected):
    assert Aliases.build(companies, contacts).scrub(text) == expected


def test_a_name_spelt_another_way_keeps_its_alias():
    aliases = Aliases.build(["Zentrix Ltd", "Großmann"], ["Siobhán Kearney"])
    assert aliases.company("ZENTRIX LTD\u200b") == "Company A"
    assert aliases.company("Grossmann") == "Company B"
    assert aliases.contact("siobhan kearney") == "Contact 1"


def test_a_part_shared_by_two_names_never_outranks_a_whole_name():
    aliases = Aliases.build(["Northwind Analytics", "Northwind"], ["Northwind Jones"])
    assert aliases.scrub("Northwind and Northwind Analytics") == "Company B and Company A"


def test_scrubbing_keeps_the_text_around_a_name_exactly():
    aliases = Aliases.build(["Siobhán's Café"])
    text = "  Before\r\nsiobha\u0301n's cafe\u0301, after 🎉 "
    assert aliases.scrub(text) == "  Before\r\nCompany A, after 🎉 "


def test_many_names_sharing_a_first_word_are_each_found_whole():
    names = [f"The Employer{index} Analytics Ltd" for index in range(300)]
    aliases = Aliases.build(names, ["Firstname7 Surname7"])
    text = "The best: ask Firstname7 at the employer7 analytics, then The Employer299 Ltd"
    assert (
        aliases.scrub(text) == "The best: ask Contact 1 at the Company H, then The Company KN Ltd"
    )


@pytest.mark.parametrize(
    "text",
    [
        'Call Ada: =HYPERLINK("http://evil.example/a","ACTX")',
        "See https://www.linkedin.com/in/ada-quill-123 before Friday",
        "Portfolio at www.adaquill.example/work, then apply",
    ],
)
def test_a_web_address_in_free_text_is_hidden_when_presenting(text: str) -> None:
    shown = Aliases.build([]).scrub(text)
    assert "evil.example" not in shown and "linkedin" not in shown and "adaquill" not in shown
    assert "[link hidden]" in shown


@pytest.mark.parametrize("value", ["1", "true", "True", "yes", "on", "", " 1 ", "please"])
def test_any_presenter_value_in_the_address_but_a_plain_off_turns_it_on(value):
    assert asked_for(value)


@pytest.mark.parametrize("value", [None, "0", "false", "FALSE", "no", "off", " Off "])
def test_presenter_mode_is_off_only_without_the_key_or_with_a_plain_off(value):
    assert not asked_for(value)


QUOTED = Aliases.build([COMPANY], [CONTACT], [EMAIL])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Known names become their aliases, as everywhere else in presenter mode.
        (
            "Philippa Drummond said Zebulon wanted more Kubernetes",
            "Contact 1 said Company A wanted more Kubernetes",
        ),
        # Names nobody recorded: a capital where a sentence does not start, a greeting, a
        # signature, a title, "X said" and "X from", given names that are also words.
        ("We went with Oskar Lindqvist.", "We went with [name hidden]."),
        ("Dear Sam,\n\nKind regards,\nLeah", "Dear [name hidden],\n\nKind regards,\n[name hidden]"),
        ("mr smith liked you", "mr [name hidden] liked you"),
        ("Sarah from HR felt you rambled.", "[name hidden] from HR felt you rambled."),
        ("Mark said your Excel was weak.", "[name hidden] said your Excel was weak."),
        ("Grace was lovely.", "[name hidden] was lovely."),
        # Names written small, which a fresh pair of eyes found shown: one that speaks, one
        # right before an employer. Roles that speak stay.
        ("priya said no.", "[name hidden] said no."),
        ("a note from tom at Zebulon", "a note from [name hidden] at Company A"),
        ("the recruiter said my manager rang", "the recruiter said my manager rang"),
        # ...and one who is quoted or heard from, written small after the words.
        ("Good feedback overall, said jo.", "Good feedback overall, said [name hidden]."),
        ("the recruiter told jo smith that", "the recruiter told [name hidden] that"),
        ("message from sam: they chose another", "message from [name hidden]: they chose another"),
        ("they said no and told me to apply again", "they said no and told me to apply again"),
        # Found by a fresh pair of eyes: a name written small before "asked", and a letter
        # that is no name.
        (
            "I froze when sam asked about A/B testing",
            "I froze when [name hidden] asked about A/B testing",
        ),
        ("We went to plan B; J. Smith chaired", "We went to plan B; [name hidden] chaired"),
        ("from memory they said nothing about it", "from memory they said nothing about it"),
        # An agreed action says whom to reach: the name after "ask" and its surname go.
        (
            "Ask john smith (j.smith@gmail.com, +44 161 496 0000) for a referral",
            "Ask [name hidden] ([contact details], [contact details]) for a referral",
        ),
        ("ask about the salary band", "ask about the salary band"),
        # Addresses, numbers and sums, known or not.
        (
            "Mail jo.bloggs@example.org or ring 020 7946 0958.",
            "Mail [contact details] or ring [contact details].",
        ),
        ("See https://x.example/p?q=1 and www.y.example.", "See [link hidden] and [link hidden]."),
        (
            "or linkedin.com/in/tom-baker-99, or tombaker.co.uk.",
            "or [link hidden], or [link hidden].",
        ),
        (
            "Your £45,000 was over our 40k budget; we pay 38000.",
            "Your [amount hidden] was over our [amount hidden] budget; we pay [amount hidden].",
        ),
        # What the coaching needs stays: the start of a sentence, pronouns, tools, months.
        (
            "She said you lacked advanced Excel and the STAR method. Post on hold until April.",
            "She said you lacked advanced Excel and the STAR method. Post on hold until April.",
        ),
        (
            "I'm sorry, it's a no AND they didn't say why.",
            "I'm sorry, it's a no AND they didn't say why.",
        ),
    ],
)
def test_a_quote_shown_in_presenter_mode_names_no_one(text, expected):
    assert scrub_quote(text, QUOTED) == expected


def test_a_quote_full_of_identifying_details_keeps_none_of_them():
    quote = (
        f"{CONTACT} ({EMAIL}, +44 7700 900123) said {COMPANY.upper()} wanted more Kubernetes; "
        "see https://jobs.zebulon.example/advert/4471. Oskar Lindqvist agreed, 98,765 a year."
    )
    shown = scrub_quote(quote, QUOTED)
    assert _leaks(shown) == []
    assert not {"Oskar", "Lindqvist", "98,765", "4471"} & set(shown.replace(".", " ").split())
    assert "wanted more Kubernetes" in shown


def test_a_label_scrubbed_hides_addresses_and_numbers_before_names():
    # A known contact's name inside an e-mail address must not break the address apart
    # ("Contact 1@Company A.co.uk" was shown), and unknown addresses go too.
    shown = QUOTED.scrub(
        f"Email {CONTACT.lower()} at philippa.drummond@zebulon.co.uk, ring 07700-900-127, "
        "or see linkedin.com/in/pdrummond"
    )
    assert shown == (
        "Email Contact 1 at [contact details], ring [contact details], or see [link hidden]"
    )


def test_every_word_in_the_presenter_lists_is_read_as_a_word():
    """YAML reads a bare no, on or yes as a boolean, so the word would silently drop out."""
    import yaml

    from bounceback.presenter import WORDS_PATH

    lists = yaml.safe_load(WORDS_PATH.read_text(encoding="utf-8"))
    assert [
        (name, word) for name, words in lists.items() for word in words if not isinstance(word, str)
    ] == []
