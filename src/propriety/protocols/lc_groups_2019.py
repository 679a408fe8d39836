"""Pack ``lc-groups-2019``: London Councils' party group / Political Adviser relations (June 2019)."""

from __future__ import annotations

from propriety.protocols.registry import Pack

pack = Pack("lc-groups-2019")
