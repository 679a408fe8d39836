"""Events only pack ``officers-groups`` reacts to. Shared events live in :mod:`propriety.domain.events.core`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from propriety.domain.events.base import Event, Id, PersonId


class DifficultyDiscussed(Event):
    """The Chief Executive talked a difficulty raised under officers-groups/14 through with Group Leaders.

    Several of these may be recorded for one case, one per conversation; the duty to discuss is
    met once every relevant Group Leader has been covered.
    """

    type: Literal["DifficultyDiscussed"] = "DifficultyDiscussed"
    case: Id = Field(description="the DifficultyRaised case discussed")
    by: PersonId = Field(description="who held the discussion (the Chief Executive)")
    leaders: list[PersonId] = Field(min_length=1, description="the Group Leaders it was discussed with")
    outcome: str = ""


EVENTS: tuple[type[Event], ...] = (DifficultyDiscussed,)
