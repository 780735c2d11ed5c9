"""Presenter mode: stable aliases for employers and contacts, and the masks that apply them.

An advisor sharing a screen shows the shape of a search, never who it was with. Employer
names become "Company A", contacts "Contact 1"; salaries, links, contact details, notes,
feedback and what went wrong are blanked. Lessons and what went well stay (they are the
coaching), with any known name or contact detail in them replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

from bounceback.domain import Application, Contact
from bounceback.reflections import Reflection

HIDDEN = "(hidden in presenter mode)"

# A reflection's notes, blanked in presenter mode; what went well is scrubbed and kept.
REFLECTION_NOTES = ("went_wrong", "tricky_question", "feedback")


def _letters(number: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet column names, so aliases never run out."""
    name = ""
    number += 1
    while number:
        number, remainder = divmod(number - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name


def _fold(text: str) -> str:
    """The form two spellings of one name share."""
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class Aliases:
    """Who is who in presenter mode: real names (folded) to their stable aliases."""

    companies: Mapping[str, str]
    contacts: Mapping[str, str]
    scrubbed: tuple[tuple[re.Pattern[str], str], ...] = ()

    @classmethod
    def build(
        cls, companies: Iterable[str], contacts: Iterable[str] = (), details: Iterable[str] = ()
    ) -> Aliases:
        """Aliases in order of first appearance, so "Company A" stays A as data grows."""
        company_aliases: dict[str, str] = {}
        for name in companies:
            key = _fold(name)
            if key and key not in company_aliases:
                company_aliases[key] = f"Company {_letters(len(company_aliases))}"
        contact_aliases: dict[str, str] = {}
        for name in contacts:
            key = _fold(name)
            if key and key not in contact_aliases:
                contact_aliases[key] = f"Contact {len(contact_aliases) + 1}"
        found = {key: alias for key, alias in {**contact_aliases, **company_aliases}.items()}
        found.update({_fold(detail): "[contact details]" for detail in details if _fold(detail)})
        # Longest first, so "Acme Labs" is replaced before "Acme".
        patterns = tuple(
            (
                re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, key.split())) + r"(?!\w)", re.I),
                alias,
            )
            for key, alias in sorted(found.items(), key=lambda item: -len(item[0]))
        )
        return cls(company_aliases, contact_aliases, patterns)

    @classmethod
    def of(cls, frames: Mapping[str, pd.DataFrame]) -> Aliases:
        """The aliases for one owner's data, ordered by when each employer was first added."""
        applications = frames["applications"]
        companies = applications.sort_values("id")["company"].tolist() if len(applications) else []
        contacts = frames["contacts"]
        if len(contacts):
            ordered = contacts.sort_values("id")
            names = ordered["name"].tolist()
            details = [*ordered["email"].tolist(), *ordered["phone"].tolist()]
        else:
            names, details = [], []
        return cls.build(companies, names, details)

    def company(self, name: str) -> str:
        """The alias of one employer; an unknown one still never shows its name."""
        return self.companies.get(_fold(name), "Another company")

    def contact(self, name: str) -> str:
        """The alias of one contact, or nothing for a contact with no name."""
        return self.contacts.get(_fold(name), "A contact") if _fold(name) else ""

    def scrub(self, text: str) -> str:
        """Free text with every known employer, contact and contact detail replaced."""
        for pattern, alias in self.scrubbed:
            text = pattern.sub(alias, text)
        return text


def mask_frames(frames: Mapping[str, pd.DataFrame], aliases: Aliases) -> dict[str, pd.DataFrame]:
    """Every frame as presenter mode shows it: aliases in, identifying details out."""
    masked = {name: frame.copy() for name, frame in frames.items()}
    applications = masked["applications"]
    applications["company"] = applications["company"].map(aliases.company)
    for column in ("role", "location"):  # "Engineer, Zebulon payments" names its employer
        applications[column] = applications[column].map(aliases.scrub)
    applications["link"] = ""
    applications["notes"] = ""
    applications["salary_min"] = pd.NA
    applications["salary_max"] = pd.NA
    contacts = masked["contacts"]
    contacts["name"] = contacts["name"].map(aliases.contact)
    contacts["role"] = contacts["role"].map(aliases.scrub)
    contacts["email"] = ""
    contacts["phone"] = ""
    for name in ("events", "follow_ups"):
        masked[name]["note"] = ""
    reflections = masked["reflections"]
    for column in REFLECTION_NOTES:
        reflections[column] = ""
    reflections["went_well"] = reflections["went_well"].map(aliases.scrub)
    if "lessons" in masked:
        masked["lessons"]["text"] = masked["lessons"]["text"].map(aliases.scrub)
    return masked


def mask_contact(contact: Contact, aliases: Aliases) -> Contact:
    """A contact known only by alias and role."""
    return Contact(name=aliases.contact(contact.name), role=aliases.scrub(contact.role))


def mask_application(application: Application, aliases: Aliases) -> Application:
    """One application as presenter mode shows it, for cards, details and forms."""
    draft = application.draft
    return replace(
        application,
        draft=replace(
            draft,
            company=aliases.company(draft.company),
            role=aliases.scrub(draft.role),
            location=aliases.scrub(draft.location),
            link="",
            salary_min=None,
            salary_max=None,
            notes="",
            contacts=tuple(mask_contact(contact, aliases) for contact in draft.contacts),
        ),
        events=tuple(replace(event, note="") for event in application.events),
        follow_ups=tuple(replace(item, note="") for item in application.follow_ups),
        reflections=tuple(
            _mask_reflection(reflection, aliases) for reflection in application.reflections
        ),
    )


def _mask_reflection(reflection: Reflection, aliases: Aliases) -> Reflection:
    """A reflection with its notes blanked and known names scrubbed from the rest."""
    return replace(
        reflection,
        went_well=aliases.scrub(reflection.went_well),
        lessons=tuple(
            replace(lesson, text=aliases.scrub(lesson.text)) for lesson in reflection.lessons
        ),
        **{column: "" for column in REFLECTION_NOTES},
    )


def mask_snippets(snippets: pd.DataFrame, aliases: Aliases) -> pd.DataFrame:
    """Feedback snippets with their words hidden and their employer aliased; themes kept."""
    masked = snippets.copy()
    masked["text"] = HIDDEN
    masked["triggers"] = [[] for _ in range(len(masked))]
    masked["company"] = masked["company"].map(aliases.company)
    return masked
