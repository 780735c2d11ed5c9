"""Which stage may follow which: the rules that keep an application's history believable."""

from __future__ import annotations

from bounceback.domain import CLOSING, PROGRESS, Stage

# A ghosted application sometimes comes back to life: the employer replies late.
_REVIVED_FROM_GHOSTED = (Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER)


def allowed_next(current: Stage) -> tuple[Stage, ...]:
    """The stages a user may move to next; an interview may repeat, one round per event."""
    if current in (Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN):
        return ()
    if current is Stage.GHOSTED:
        return (*_REVIVED_FROM_GHOSTED, Stage.REJECTED, Stage.WITHDRAWN)
    if current is Stage.SAVED:
        # Before applying, the only way to close is deciding not to.
        return (*PROGRESS[1:5], Stage.WITHDRAWN)
    position = PROGRESS.index(current)
    forward = [stage for stage in PROGRESS[position + 1 : 5]]
    if current is Stage.INTERVIEW:
        forward.insert(0, Stage.INTERVIEW)
    if current is Stage.OFFER:
        forward.append(Stage.ACCEPTED)
    return (*forward, *CLOSING)


def next_step(current: Stage) -> Stage | None:
    """The one step a board card offers: the next column along, or None once it is decided."""
    if current not in PROGRESS[:4]:
        return None  # an offer is decided with care, in the detail; closed ones are closed
    return PROGRESS[PROGRESS.index(current) + 1]
