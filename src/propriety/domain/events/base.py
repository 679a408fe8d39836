"""The facts Propriety records: one class per kind of event, named in the past tense.

Every event carries ``id``, ``type``, ``at`` (ISO 8601 with offset), and optionally the
``authority`` it belongs to and who ``recorded_by``. The JSON Lines interchange form and
its JSON Schema (``propriety schema events``) are generated from these classes, so the
classes are the single description of the log.

A "may I?" question is one of these events that is run through the rules and never stored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

Id = Annotated[str, Field(min_length=1, max_length=128)]
PersonId = Annotated[str, Field(min_length=1, max_length=128, description="a person's id in the organisation")]
ClauseId = Annotated[str, Field(pattern=r"^[a-z0-9-]+/\S+$", description="a clause id, e.g. islington-2006/4.1(b)")]

OthersPresent = Literal[
    "elected-member-of-another-authority",
    "party-member",
    "member-of-public",
    "council-staff",
]
"""Who else is at a group meeting besides the group's own councillors and the officer asked.

The packs draw the line in different places (officers-groups/9: non-councillors;
islington-2006/4.5(c): non-council members; ce-groups-2009/2.5: neither members nor staff;
lc-member-officer-2019/6.non-members: not elected members of any local authority), so the
event records who they are and each rule decides.
"""


class Event(BaseModel):
    """Fields every event has."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: Id
    type: str
    at: AwareDatetime = Field(description="when it happened, ISO 8601 with offset")
    authority: str | None = Field(default=None, description="the authority the event belongs to")
    recorded_by: PersonId | None = None
