"""Benchmark of the Propriety engine: throughput of `check`, its memory, and decision latency.

Reports figures; asserts nothing. Usage::

    python bench/engine.py [--events N] [--decisions N] [--out FILE]

1. Writes a synthetic JSON Lines log of N events (default 1,000,000) to a temporary file,
   streaming: a fictional council's working hours, ~2,000 events a working day (so the default
   log spans about two years), each case opened and later closed, so the number of open
   obligations stays at a few thousand whatever the log's length.
2. Times the `check` path (read line, ``parse_event_json``, ``CheckRun.feed`` with a
   ``SpillCollector``, ``finish``) in a fresh subprocess and reports events/s and peak RSS;
   the same at N/10 (same daily rate, a shorter log) to show whether memory grows with the
   length of the log. Times the real CLI (``propriety check --json``) too when it runs.
3. Times ``Engine.decide`` for an AttendanceRequested against a hand-written function giving the
   same answer, for the four-pack profile and an Islington-only profile; profiles the engine's
   decide path when it is more than 1.5x slower.
4. Prints a Markdown report (``--out FILE`` also writes it).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import heapq
import io
import json
import os
import platform
import pstats
import random
import resource
import shlex
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

import orjson  # noqa: E402

from propriety.adapters.orgfile import load_organisation  # noqa: E402
from propriety.adapters.profilefile import parse_profile  # noqa: E402
from propriety.domain.effects import Decision, Outcome  # noqa: E402
from propriety.domain.events import AttendanceRequested, parse_event_json  # noqa: E402
from propriety.domain.organisation import Organisation, Role  # noqa: E402
from propriety.domain.profile import Profile  # noqa: E402
from propriety.engine.engine import Engine  # noqa: E402
from propriety.service_layer.checking import CheckRun, SpillCollector  # noqa: E402

ORG_PATH = ROOT / "tests" / "scenarios" / "organisation.yaml"

PRECEDENCE_REASON = "the council's constitution adopts the stricter Islington rule"

FULL_PROFILE = f"""\
authority: ashcombe
name: Ashcombe Borough Council
packs: [officers-groups, ce-groups-2009, lc-member-officer-2019, islington-2006]
precedence:
  - question: officer-attends-group-meeting
    winner: islington-2006
    over: [officers-groups, ce-groups-2009, lc-member-officer-2019]
    reason: {PRECEDENCE_REASON}
"""

ISLINGTON_PROFILE = """\
authority: ashcombe
name: Ashcombe Borough Council
packs: [islington-2006]
"""

START = dt.date(2024, 11, 4)  # a Monday; the default log (~520 working days) ends in November 2026
PER_DAY = 2000  # events per working day: 1,000,000 events is about two years
DAY_OPEN = 8 * 3600 + 30 * 60  # 08:30
DAY_SECONDS = 9 * 3600  # until 17:30

TARGET_RATIO = 1.5
TARGET_EVENTS_PER_S = 100_000


# --- 1. the synthetic log ---------------------------------------------------------------------


class Clock:
    """Working days from START (bank holidays skipped) and ISO timestamps in local time."""

    def __init__(self, profile: Profile, days: int) -> None:
        tz = ZoneInfo(profile.calendar.timezone)
        self.days: list[dt.date] = []
        self.prefix: list[str] = []
        self.offset: list[str] = []
        d = START
        while len(self.days) < days:
            if profile.calendar.is_working_day(d):
                noon = dt.datetime(d.year, d.month, d.day, 12, tzinfo=tz)
                off = noon.utcoffset() or dt.timedelta(0)
                hours, rest = divmod(int(off.total_seconds()), 3600)
                self.days.append(d)
                self.prefix.append(d.isoformat() + "T")
                self.offset.append(f"{'+' if hours >= 0 else '-'}{abs(hours):02d}:{rest // 60:02d}")
            d += dt.timedelta(days=1)

    def iso(self, day: int, second: int) -> str:
        h, rest = divmod(second, 3600)
        m, s = divmod(rest, 60)
        return f"{self.prefix[day]}{h:02d}:{m:02d}:{s:02d}{self.offset[day]}"


GROUPS = {"red": ("m-ada", "m-bram"), "blue": ("m-cleo", "m-dev"), "green": ("m-esme",)}
LEADERS = ["m-ada", "m-cleo", "m-esme"]
MEMBERS = ["m-ada", "m-bram", "m-fergus", "m-cleo", "m-dev", "m-esme"]
CHIEF_OFFICERS = ["o-cara", "o-dan", "o-dina", "o-nia", "o-jo", "o-hal"]
BRIEFERS = ["o-cara", "o-nia", "o-dina", "o-hal", "o-jo"]
# (complainant, about, handler who acknowledges): one pair per route of lc-member-officer-2019/13.
COMPLAINTS = [
    ("m-cleo", "o-ivy", "o-dina", 30),  # member about officer -> director
    ("m-dev", "o-nia", "o-cara", 15),  # member about director -> chief executive
    ("o-ivy", "m-bram", "o-dina", 25),  # officer about member -> officer's director (+ notices)
    ("o-hal", "m-cleo", "o-cara", 10),  # officer about group leader -> chief executive
    ("o-max", "m-fergus", "o-cara", 10),  # officer about chair -> chief executive
    ("m-ada", "o-cara", "x-sam", 2),  # about the chief executive: statutory route, no 5-day duty
]
SUBJECTS = ["street lighting", "bin rounds", "planning appeal", "council tax", "school places", "parking"]


class LogWriter:
    """Generates cases day by day; follow-ups wait in a heap so the log comes out in time order."""

    def __init__(self, clock: Clock, rng: random.Random) -> None:
        self.clock = clock
        self.rng = rng
        self.heap: list[tuple[int, int, int, dict[str, Any]]] = []
        self.seq = 0
        self.cases = 0

    def at(self, day: int, after: int = -1) -> tuple[int, int]:
        """A random time in working hours on ``day``, later than ``after`` (second of day)."""
        lo = max(DAY_OPEN, after + 1)
        return day, self.rng.randrange(lo, DAY_OPEN + DAY_SECONDS)

    def push(self, when: tuple[int, int], event: dict[str, Any]) -> None:
        self.seq += 1
        event["id"] = f"ev-{self.seq:08d}"
        event["at"] = self.clock.iso(*when)
        heapq.heappush(self.heap, (when[0], when[1], self.seq, event))

    # Each case returns the events it will produce (first one at ``start``).

    def information(self, start: tuple[int, int]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
        r = self.rng
        n = self.cases
        req = f"R{n}"
        member = r.choice(MEMBERS)
        asked = r.choice(CHIEF_OFFICERS)
        day = start[0]
        out = [
            (
                start,
                {
                    "type": "InformationRequested",
                    "request": req,
                    "member": member,
                    "asked": asked,
                    "subject": r.choice(SUBJECTS),
                    "in_confidence": r.random() < 0.05,
                },
            )
        ]
        roll = r.random()
        if roll < 0.80:  # answered on time (due 10 working days after receipt)
            out.append((self.at(day + r.randint(1, 8)), {"type": "InformationProvided", "request": req, "by": asked}))
        elif roll < 0.90:  # answered late: a violation, then done late
            out.append((self.at(day + r.randint(11, 20)), {"type": "InformationProvided", "request": req, "by": asked}))
        else:  # the delay explained in writing, with a new date, then answered (mostly by it)
            explained = day + r.randint(3, 8)
            new_day = explained + r.randint(8, 15)
            out.append(
                (
                    self.at(explained),
                    {
                        "type": "InformationDelayExplained",
                        "request": req,
                        "by": asked,
                        "reason": "records are archived off site",
                        "new_date": self.clock.days[new_day].isoformat(),
                    },
                )
            )
            answered = new_day - r.randint(0, 5) if r.random() < 0.85 else new_day + r.randint(1, 5)
            out.append((self.at(answered), {"type": "InformationProvided", "request": req, "by": asked}))
        return out

    def complaint(self, start: tuple[int, int]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
        r = self.rng
        cid = f"C{self.cases}"
        complainant, about, handler, _ = r.choices(COMPLAINTS, weights=[c[3] for c in COMPLAINTS])[0]
        late = r.random() < 0.10
        ack_day = start[0] + (r.randint(6, 10) if late else r.randint(1, 4))
        return [
            (
                start,
                {
                    "type": "ComplaintLodged",
                    "complaint": cid,
                    "complainant": complainant,
                    "about": about,
                    "summary": "conduct at a meeting",
                },
            ),
            (
                self.at(ack_day),
                {
                    "type": "ComplaintAcknowledged",
                    "complaint": cid,
                    "by": handler,
                    "intended_action": "review the records and speak to those involved",
                    "expected_time": "three weeks",
                },
            ),
        ]

    def briefing(self, start: tuple[int, int]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
        r = self.rng
        group = r.choice(list(GROUPS))
        by = r.choice(BRIEFERS)
        matter = f"matter-{self.cases}"
        out: list[tuple[tuple[int, int], dict[str, Any]]] = [
            (
                start,
                {
                    "type": "BriefingGiven",
                    "briefing": f"B{self.cases}",
                    "groups": [group],
                    "by": by,
                    "matter": matter,
                    "routine": r.random() < 0.3,
                },
            )
        ]
        for other in GROUPS:
            if other == group:
                continue
            late = r.random() < 0.10
            day = start[0] + (r.randint(6, 9) if late else r.randint(1, 4))
            out.append((self.at(day), {"type": "BriefingOffered", "group": other, "by": by, "matter": matter}))
        return out

    def attendance(self, start: tuple[int, int]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
        r = self.rng
        req = f"A{self.cases}"
        group = r.choice(list(GROUPS))
        requested_by = r.choice(GROUPS[group]) if r.random() < 0.95 else "m-fergus"
        addressed_to = r.choice(["o-cara", "o-dan", "o-hal", "o-dina"])
        roll = r.random()
        others: list[str] = (
            []
            if roll < 0.70
            else ["council-staff"]
            if roll < 0.85
            else ["party-member"]
            if roll < 0.95
            else ["member-of-public"]
        )
        decider = "o-cara" if others and others != ["council-staff"] else addressed_to
        copied = list(LEADERS) if r.random() < 0.9 else LEADERS[:2]
        return [
            (
                start,
                {
                    "type": "AttendanceRequested",
                    "request": req,
                    "group": group,
                    "requested_by": requested_by,
                    "addressed_to": addressed_to,
                    "matter": r.choice(SUBJECTS),
                    "sensitive": r.random() < 0.05,
                    "others_present": others,
                },
            ),
            (
                self.at(start[0] + r.randint(1, 5)),
                {
                    "type": "AttendanceDecided",
                    "request": req,
                    "decided_by": decider,
                    "approved": r.random() < 0.8,
                    "officer": "o-ivy",
                    "copied_to": copied,
                },
            ),
        ]

    def write(self, path: Path, n: int, per_day: int) -> dict[str, Any]:
        """Write ``n`` events to ``path``; returns a summary (span, counts by type)."""
        r = self.rng
        kinds: list[Callable[[tuple[int, int]], list[tuple[tuple[int, int], dict[str, Any]]]]] = [
            self.information,
            self.attendance,
            self.briefing,
            self.complaint,
        ]
        weights = [40, 25, 20, 15]
        mean_chain = (40 * 2.1 + 25 * 2 + 20 * 3 + 15 * 2) / 100
        cases_per_day = max(1, round(per_day / mean_chain))
        committed = 0
        written = 0
        counts: dict[str, int] = {}
        first_at = last_at = ""
        last_key = (-1, -1)
        day = 0
        with path.open("wb", buffering=1 << 20) as f:
            while self.heap or committed < n:
                if committed < n:
                    starts = sorted(r.randrange(DAY_OPEN, DAY_OPEN + DAY_SECONDS) for _ in range(cases_per_day))
                    for second in starts:
                        if committed >= n:
                            break
                        self.cases += 1
                        chain = r.choices(kinds, weights)[0]((day, second))
                        chain = chain[: n - committed]  # the last case may be cut short: it stays open
                        for when, event in chain:
                            self.push(when, event)
                        committed += len(chain)
                while self.heap and self.heap[0][0] <= day:
                    d, s, _, event = heapq.heappop(self.heap)
                    if (d, s) < last_key:
                        raise RuntimeError("generator produced events out of time order")
                    last_key = (d, s)
                    f.write(orjson.dumps(event))
                    f.write(b"\n")
                    written += 1
                    counts[event["type"]] = counts.get(event["type"], 0) + 1
                    if not first_at:
                        first_at = event["at"]
                    last_at = event["at"]
                day += 1
        return {"events": written, "first": first_at, "last": last_at, "working_days": day, "types": counts}


def generate(path: Path, n: int, per_day: int, seed: int) -> dict[str, Any]:
    profile = parse_profile(FULL_PROFILE, "<bench>")
    days_needed = n // per_day + 200
    clock = Clock(profile, days_needed)
    t0 = time.perf_counter()
    summary = LogWriter(clock, random.Random(seed)).write(path, n, per_day)
    summary["seconds"] = time.perf_counter() - t0
    summary["bytes"] = path.stat().st_size
    return summary


def code_fingerprint() -> str:
    """A short hash of the package's source as it is now, to tell whether it changed mid-run."""
    digest = hashlib.sha256()
    for path in sorted((SRC / "propriety").rglob("*.py")):
        digest.update(str(path.relative_to(SRC)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def git_revision() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"], capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    rev = head.stdout.strip() or "unknown"
    return rev + (" with uncommitted changes under src/" if dirty.stdout.strip() else "")


# --- 2. the check path, in a fresh process ----------------------------------------------------


def maxrss_mib() -> float:
    """This process's peak RSS in MiB.

    VmHWM (Linux) belongs to the process's own address space, so it starts afresh at exec; the
    ``ru_maxrss`` fallback would also count the parent's RSS at the time it forked us."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def check_phase(log: Path, profile_path: Path, sample_every: int) -> dict[str, Any]:
    """Runs inside the child process: the check path exactly as ``propriety check`` drives it."""
    fingerprint = code_fingerprint()
    org = load_organisation(ORG_PATH)
    profile = parse_profile(profile_path.read_text("utf-8"), str(profile_path))
    collector = SpillCollector()
    run = CheckRun(profile, org, collector)
    ledger = run.engine.ledger
    baseline = maxrss_mib()
    max_open = max_cases = 0
    last_at = None
    n = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    with log.open("rb") as f:
        for line in f:
            event = parse_event_json(line)
            run.feed(event)
            last_at = event.at
            n += 1
            if n % sample_every == 0:
                max_open = max(max_open, ledger.open_count())
                max_cases = max(max_cases, ledger.case_count())
    open_end, cases_end = ledger.open_count(), ledger.case_count()
    run.finish(last_at)
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    peak = maxrss_mib()
    counts = dict(collector.counts)
    collector.close()
    # Parse alone, to show how the time divides between pydantic and the engine.
    t1 = time.perf_counter()
    with log.open("rb") as f:
        for line in f:
            parse_event_json(line)
    parse_seconds = time.perf_counter() - t1
    return {
        "events": n,
        "seconds": seconds,
        "events_per_s": n / seconds,
        "cpu_seconds": cpu_seconds,
        "parse_seconds": parse_seconds,
        "baseline_rss_mib": baseline,
        "peak_rss_mib": peak,
        "open_end": open_end,
        "cases_end": cases_end,
        "max_open": max(max_open, open_end),
        "max_cases": max(max_cases, cases_end),
        "results": counts,
        "finish_at": last_at.isoformat() if last_at else None,
        "fingerprint": fingerprint,
    }


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    return env


def run_check_subprocess(log: Path, profile_path: Path, sample_every: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", "check", "--log", str(log)]
    cmd += ["--profile-file", str(profile_path), "--sample-every", str(sample_every)]
    done = subprocess.run(cmd, capture_output=True, check=False, env=child_env())
    if done.returncode != 0:
        raise SystemExit(f"the check phase failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def profile_check_subprocess(log: Path, profile_path: Path, limit: int) -> str:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", "profile-check", "--log", str(log)]
    cmd += ["--profile-file", str(profile_path), "--events", str(limit)]
    done = subprocess.run(cmd, capture_output=True, check=True, env=child_env(), text=True)
    return done.stdout


def profile_check_phase(log: Path, profile_path: Path, limit: int) -> str:
    org = load_organisation(ORG_PATH)
    profile = parse_profile(profile_path.read_text("utf-8"), str(profile_path))
    collector = SpillCollector()
    run = CheckRun(profile, org, collector)

    def body() -> None:
        with log.open("rb") as f:
            for i, line in enumerate(f):
                if i >= limit:
                    break
                run.feed(parse_event_json(line))

    # Mean time of CheckRun.feed by event type (parse excluded), on a fresh run.
    timed = CheckRun(profile, org, SpillCollector())
    per_type: dict[str, list[float]] = {}
    clock = time.perf_counter
    with log.open("rb") as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            event = parse_event_json(line)
            t0 = clock()
            timed.feed(event)
            spent = clock() - t0
            slot = per_type.setdefault(event.type, [0, 0.0])
            slot[0] += 1
            slot[1] += spent
    by_type = "\n".join(
        f"{kind:<28} {n:>9,} events  {total / n * 1e6:>9.1f} µs/event  {total:>7.1f} s total"
        for kind, (n, total) in sorted(per_type.items(), key=lambda kv: -kv[1][1])
    )
    prof = cProfile.Profile()
    prof.runcall(body)
    collector.close()
    return f"CheckRun.feed by event type (first {limit:,} events, parse excluded):\n{by_type}\n\n{top_costs(prof, 18)}"


def time_cli(log: Path, profile_path: Path, at: str | None) -> dict[str, Any]:
    """``propriety check LOG --org ORG --profile PROFILE --json > /dev/null``, wall clock and max RSS."""
    args = ["check", str(log), "--org", str(ORG_PATH), "--profile", str(profile_path), "--json"]
    if at:
        args += ["--at", at]
    shown = " ".join(shlex.quote(c) for c in ["propriety", *args]) + " > /dev/null"
    # The `propriety` console script is `from propriety.entrypoints.cli import app; app()`; run that
    # in a fresh interpreter, noting VmHWM at exit (a child's ru_maxrss would include our own RSS).
    wrapper = (
        "import atexit, os, sys\n"
        "def _hwm():\n"
        "    with open('/proc/self/status') as f, open(os.environ['BENCH_HWM_FILE'], 'w') as out:\n"
        "        out.write(next((l.split()[1] for l in f if l.startswith('VmHWM:')), '0'))\n"
        "if os.path.exists('/proc/self/status'):\n"
        "    atexit.register(_hwm)\n"
        "sys.argv[0] = 'propriety'\n"
        "from propriety.entrypoints.cli import app\n"
        "app()\n"
    )
    cmd = [sys.executable, "-c", wrapper, *args]
    try:
        with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as d:
            hwm_file = Path(d) / "hwm"
            env = child_env() | {"BENCH_HWM_FILE": str(hwm_file)}
            t0 = time.perf_counter()
            done = subprocess.run(cmd, stdout=devnull, stderr=err, env=env, check=False)
            seconds = time.perf_counter() - t0
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
            hwm = int(hwm_file.read_text() or 0) / 1024 if hwm_file.exists() else None
    except OSError as exc:
        return {"ok": False, "command": shown, "why": f"could not start it: {exc}"}
    if done.returncode != 0:
        tail = stderr.strip().splitlines()[-3:]
        return {"ok": False, "command": shown, "why": f"exit status {done.returncode}: {' / '.join(tail)}"}
    return {"ok": True, "command": shown, "seconds": seconds, "peak_rss_mib": hwm}


# --- 3. decision latency ----------------------------------------------------------------------

ATTEND = "officer-attends-group-meeting"
ISL_C = "islington-2006/4.5(c)"
ISL_D = "islington-2006/4.5(d)"
OUTSIDERS = frozenset({"elected-member-of-another-authority", "party-member", "member-of-public"})
ISL_CONDITIONS = (
    "Advice is limited to the material facts and the options with their merits and demerits (islington-2006/4.5(d)).",
    "No political implications and no recommendation to the group (islington-2006/4.5(d)).",
)


ASPECT: dict[str, Any] = {"aspect": "others-present"} if "aspect" in Decision.__dataclass_fields__ else {}


def _outsiders_reason(outsiders: list[str]) -> str:
    return (
        f"The meeting would include people who are not members of the council "
        f"({', '.join(o.replace('-', ' ') for o in outsiders)}). Islington's protocol allows no "
        f"officer at such a meeting, and makes no exception."
    )


def hand_islington(e: AttendanceRequested, tz: ZoneInfo) -> Decision:
    """islington-2006/4.5(c)-(d) written out by hand: what an Islington-only authority answers."""
    outsiders = sorted(OUTSIDERS.intersection(e.others_present))
    if outsiders:
        return Decision(
            question=ATTEND,
            outcome=Outcome.DENY,
            clauses=(ISL_C,),
            reason=_outsiders_reason(outsiders),
            pack="islington-2006",
            **ASPECT,
        )
    return Decision(
        question=ATTEND,
        outcome=Outcome.PERMIT,
        clauses=(ISL_C, ISL_D),
        reason="Only council members will be present, so an officer may attend.",
        conditions=ISL_CONDITIONS,
        pack="islington-2006",
        **ASPECT,
    )


def _name(org: Organisation, pid: str | None) -> str:
    if pid is None:
        return "nobody"
    try:
        return org.person(pid).name
    except LookupError:
        return pid


NOT_ELECTED_ANYWHERE = frozenset({"party-member", "member-of-public"})
OVERRIDDEN = ("officers-groups/9", "ce-groups-2009/2.5")  # answer who may be present, in pack order
LC_NON_MEMBERS = "lc-member-officer-2019/6.non-members"


def hand_full(e: AttendanceRequested, org: Organisation, tz: ZoneInfo) -> Decision | None:
    """The four-pack authority's answer, written out by hand, to a request for an officer at a group
    meeting where people who are not council members would be present (None for other requests).

    Islington's no-exception rule (4.5(c)) wins on who may be present, and the reason names the
    clauses of the other packs it overrides (officers-groups/9, ce-groups-2009/2.5 and, when people
    elected nowhere are present, lc-member-officer-2019/6.non-members); a request not made in
    writing by the group's Leader or Secretary is refused under officers-groups/4 as well."""
    outsiders = sorted(OUTSIDERS.intersection(e.others_present))
    if not outsiders:
        return None
    on = e.at.astimezone(tz).date()
    lost = ", ".join(OVERRIDDEN + ((LC_NON_MEMBERS,) if not NOT_ELECTED_ANYWHERE.isdisjoint(outsiders) else ()))
    why = f"{_outsiders_reason(outsiders)} This authority applies {ISL_C} over {lost} here: {PRECEDENCE_REASON}."
    leader_or_secretary = org.has_role(e.requested_by, Role.GROUP_LEADER, on, group=e.group) or org.has_role(
        e.requested_by, Role.GROUP_SECRETARY, on, group=e.group
    )
    if e.in_writing and leader_or_secretary:
        return Decision(ATTEND, Outcome.DENY, (ISL_C,), why, pack="islington-2006")
    missing = []
    if not e.in_writing:
        missing.append("it was not made in writing")
    if not leader_or_secretary:
        missing.append(f"{_name(org, e.requested_by)} is not the group's Leader or Secretary")
    refused = f"The request cannot go ahead as made: {' and '.join(missing)}."
    return Decision(
        ATTEND,
        Outcome.DENY,
        ("officers-groups/4", ISL_C),
        f"{refused} {why}",
        pack="officers-groups, islington-2006",
    )


def sample_requests() -> list[AttendanceRequested]:
    at = dt.datetime(2026, 5, 11, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    base = {"at": at, "group": "blue", "requested_by": "m-cleo", "addressed_to": "o-cara", "matter": "bus lanes"}
    variants: list[dict[str, Any]] = [
        {"others_present": ["party-member"]},  # the benchmarked request
        {"others_present": ["member-of-public"], "sensitive": True},
        {"others_present": ["elected-member-of-another-authority"], "requested_by": "m-dev"},
        {"others_present": ["party-member", "council-staff"], "addressed_to": "o-hal"},
        {"others_present": ["party-member"], "in_writing": False},
        {"others_present": ["member-of-public"], "requested_by": "m-fergus", "group": "red"},
    ]
    return [AttendanceRequested(id=f"q{i}", request=f"Q{i}", **{**base, **v}) for i, v in enumerate(variants)]


def best_of(fn: Callable[[], object], number: int, repeat: int = 5) -> float:
    """Best-of-``repeat`` microseconds per call."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def top_costs(prof: cProfile.Profile, limit: int) -> str:
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.strip_dirs().sort_stats("tottime").print_stats(limit)
    lines = [ln.rstrip() for ln in buf.getvalue().splitlines()]
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    total = next((ln.strip() for ln in lines if "function calls" in ln), "")
    return "\n".join([total, *[ln for ln in lines[start:] if ln.strip()]])


def per_rule(engine: Engine, event: AttendanceRequested, number: int) -> str:
    """Best-of-5 time of each rule the engine runs for ``event``, called on its own: what is left of
    the engine's time is its own machinery (dispatch, stamping packs, combining decisions)."""
    ctx = engine._ctx  # the engine's own context object; set as evaluate() sets it
    ctx.on = engine.local_date(event.at)
    rows = []
    total = 0.0
    for rule in engine.rules_for(event.type):

        def call(rule: Any = rule) -> None:
            ctx.pack = rule.pack
            list(rule.fn(event, ctx))

        us = best_of(call, number)
        total += us
        rows.append(f"  {us:8.2f} µs  {rule.pack}: {rule.name}")
    whole = best_of(lambda: engine.decide(event), number)
    return "\n".join(
        [
            f"Engine.decide {whole:.2f} µs = rules {total:.2f} µs + engine machinery {whole - total:.2f} µs:",
            *rows,
        ]
    )


def measure_decisions(org: Organisation, iterations: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    requests = sample_requests()
    event = requests[0]
    for label, text, hand in (
        ("four packs", FULL_PROFILE, "full"),
        ("islington-2006 only", ISLINGTON_PROFILE, "islington"),
    ):
        profile = parse_profile(text, "<bench>")
        engine = Engine(profile, org)
        tz = ZoneInfo(profile.calendar.timezone)

        def by_hand(e: AttendanceRequested, hand: str = hand, tz: ZoneInfo = tz) -> Decision | None:
            return hand_full(e, org, tz) if hand == "full" else hand_islington(e, tz)

        agree = sum(engine.decide(r).decisions == (by_hand(r),) for r in requests)
        answer = engine.decide(event).decisions
        mismatch = "" if answer == (by_hand(event),) else f"engine: {answer!r}; by hand: {by_hand(event)!r}"
        engine_us = best_of(lambda engine=engine: engine.decide(event), iterations)
        hand_us = best_of(lambda by_hand=by_hand: by_hand(event), iterations)
        row: dict[str, Any] = {
            "profile": label,
            "engine_us": engine_us,
            "hand_us": hand_us,
            "ratio": engine_us / hand_us,
            "agree": agree,
            "of": len(requests),
            "answer": f"{answer[0].outcome.value} citing {', '.join(answer[0].clauses)}" if answer else "none",
            "rules": len(engine.rules_for("AttendanceRequested")),
            "mismatch": mismatch,
            "reason": answer[0].reason if answer else "",
        }
        if row["ratio"] > TARGET_RATIO:
            prof = cProfile.Profile()
            prof.runcall(lambda engine=engine: [engine.decide(event) for _ in range(iterations)])
            row["profile_text"] = per_rule(engine, event, iterations // 4 or 1) + "\n\n" + top_costs(prof, 15)
        out[label] = row
    return out


# --- 4. the report ----------------------------------------------------------------------------


def mib(x: float) -> str:
    return f"{x:,.0f} MiB"


def report(
    args: argparse.Namespace,
    command: str,
    code: dict[str, Any],
    gen: dict[str, Any],
    small_gen: dict[str, Any],
    big: dict[str, Any],
    small: dict[str, Any],
    cli: dict[str, Any] | None,
    decisions: dict[str, Any],
    check_profile: str | None,
) -> str:
    today = dt.date.today().isoformat()
    lines = [
        f"# Propriety engine benchmark ({today})",
        "",
        f"- Machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs"
        f"{', ' + cpu_model() if cpu_model() else ''}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- Load average (1/5/15 min) at start {code['load_start']}, at end {code['load_end']}; wall-clock figures "
        f"suffer when other work shares the CPUs, CPU-time figures much less",
        f"- Command: `{command}`",
        f"- Code: git {code['revision']}; source fingerprint {code['fingerprint']}"
        + (
            ""
            if {code["end_fingerprint"], *code["phases"]} == {code["fingerprint"]}
            else f" (**the source changed during the run**: check phases ran {', '.join(code['phases'])}, "
            f"end {code['end_fingerprint']})"
        ),
        f"- Log: {gen['events']:,} synthetic events ({gen['bytes'] / 2**20:,.0f} MiB JSON Lines), {gen['first']} to "
        f"{gen['last']} ({gen['working_days']} working days at ~{args.per_day:,}/day), generated in "
        f"{gen['seconds']:.1f} s; seed {args.seed}. Mix: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(gen["types"].items())),
        "",
        "## Check path (`parse_event_json` + `CheckRun.feed` with `SpillCollector` + `finish`, fresh process)",
        "",
        "| log | events | wall time | events/s (wall) | CPU time | events/s (CPU) | parse alone | baseline RSS"
        " | peak RSS | open obligations (max / end) | open cases (max / end) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, run, g in (("N", big, gen), ("N/10", small, small_gen)):
        lines.append(
            f"| {name} ({g['first'][:10]} to {g['last'][:10]}) | {run['events']:,} | {run['seconds']:.1f} s | "
            f"{run['events_per_s']:,.0f} | {run['cpu_seconds']:.1f} s | {run['events'] / run['cpu_seconds']:,.0f} | "
            f"{run['parse_seconds']:.1f} s "
            f"({run['events'] / run['parse_seconds']:,.0f}/s) | {mib(run['baseline_rss_mib'])} | "
            f"{mib(run['peak_rss_mib'])} | {run['max_open']:,} / {run['open_end']:,} | "
            f"{run['max_cases']:,} / {run['cases_end']:,} |"
        )
    growth = big["peak_rss_mib"] - big["baseline_rss_mib"]
    small_growth = small["peak_rss_mib"] - small["baseline_rss_mib"]
    lines += [
        "",
        "Results written by the N run: " + ", ".join(f"{k} {v:,}" for k, v in big["results"].items()) + ".",
        f"Memory above baseline: {growth:,.0f} MiB at N vs {small_growth:,.0f} MiB at N/10 "
        f"({'x' + format(growth / small_growth, '.1f') if small_growth > 0 else 'n/a'} for 10x the log).",
        "",
    ]
    if cli is None:
        lines.append("CLI: not measured (--skip-cli).")
    elif cli["ok"]:
        lines.append(
            f"CLI `propriety check --json` on the N log: {cli['seconds']:.1f} s wall "
            f"({big['events'] / cli['seconds']:,.0f} events/s end to end, JSON output included), "
            f"peak RSS {mib(cli['peak_rss_mib']) if cli['peak_rss_mib'] else 'not known'}. "
            f"Command: `{cli['command']}`"
        )
    else:
        lines.append(f"CLI: not measured ({cli['why']}). Command tried: `{cli['command']}`")
    lines += [
        "",
        "## Decision latency (`Engine.decide` on an AttendanceRequested vs a hand-written function)",
        "",
        "Request: group blue, requested_by m-cleo, addressed_to o-cara, others_present [party-member]. "
        f"timeit, best of 5 x {args.decisions:,} calls, same process.",
        "",
        "| profile | AttendanceRequested rules | answer | engine µs | hand-written µs | ratio | same answer |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for row in decisions.values():
        lines.append(
            f"| {row['profile']} | {row['rules']} | {row['answer']} | {row['engine_us']:.2f} | {row['hand_us']:.2f} | "
            f"{row['ratio']:.1f}x | {row['agree']}/{row['of']} requests |"
        )
    for row in decisions.values():
        if row["mismatch"]:
            lines += ["", f"**{row['profile']}: the hand-written answer differs from the engine's**: {row['mismatch']}"]
    lines += ["", f'Engine\'s reason (four packs): "{decisions["four packs"]["reason"]}"']
    full = decisions["four packs"]
    isl = decisions["islington-2006 only"]
    lines += [
        "",
        "## Targets",
        "",
        "| target | measured | met? |",
        "|---|---|---|",
        f"| general engine decision within {TARGET_RATIO}x the hand-written function | "
        f"{full['ratio']:.1f}x (four packs), {isl['ratio']:.1f}x (Islington only) | "
        f"{yes(max(full['ratio'], isl['ratio']) <= TARGET_RATIO)} |",
        f"| check at >= {TARGET_EVENTS_PER_S:,} events/s | {big['events_per_s']:,.0f} events/s | "
        f"{yes(big['events_per_s'] >= TARGET_EVENTS_PER_S)} |",
        f"| memory grows with open obligations, not log length | peak RSS {mib(small['peak_rss_mib'])} at N/10, "
        f"{mib(big['peak_rss_mib'])} at N; open cases {small['cases_end']:,} vs {big['cases_end']:,} | "
        f"{yes(flat_memory(big, small))} |",
    ]
    for row in decisions.values():
        if "profile_text" in row:
            lines += ["", f"### cProfile: `Engine.decide`, {row['profile']} (top by own time)", "", "```"]
            lines += [row["profile_text"], "```"]
    if check_profile:
        lines += ["", "### cProfile: check path, first events of the N log (top by own time)", "", "```"]
        lines += [check_profile, "```"]
    return "\n".join(lines) + "\n"


def flat_memory(big: dict[str, Any], small: dict[str, Any]) -> bool:
    """Memory counts as flat when 10x the log (same daily rate) neither doubles the growth above the
    baseline (allowing 16 MiB of noise) nor multiplies the open cases the ledger keeps."""
    growth = big["peak_rss_mib"] - big["baseline_rss_mib"]
    small_growth = small["peak_rss_mib"] - small["baseline_rss_mib"]
    rss_flat = growth <= 2 * max(small_growth, 0) + 16
    cases_flat = big["max_cases"] <= 2 * small["max_cases"] + 1000
    return rss_flat and cases_flat


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the synthetic log (default 1000000)")
    parser.add_argument("--decisions", type=int, default=20_000, help="calls per timing run (default 20000)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--per-day", type=int, default=PER_DAY, help="events per working day (default 2000)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed of the synthetic log")
    parser.add_argument("--skip-cli", action="store_true", help="do not time `propriety check`")
    parser.add_argument("--keep", type=Path, help="keep the generated N log at this path")
    parser.add_argument("--phase", choices=["check", "profile-check"], help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sample-every", type=int, default=10_000, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase == "check":
        sys.stdout.write(json.dumps(check_phase(args.log, args.profile_file, args.sample_every)))
        return 0
    if args.phase == "profile-check":
        sys.stdout.write(profile_check_phase(args.log, args.profile_file, args.events))
        return 0

    command = "python bench/engine.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    say = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    code = {"fingerprint": code_fingerprint(), "revision": git_revision(), "load_start": load_average()}
    org = load_organisation(ORG_PATH)
    # Decision latency first: it uses the modules this process imported a moment ago.
    say("decision latency")
    decisions = measure_decisions(org, args.decisions)
    for row in decisions.values():
        say(
            f"  {row['profile']}: engine {row['engine_us']:.2f} µs, hand {row['hand_us']:.2f} µs, "
            f"{row['ratio']:.1f}x, agree {row['agree']}/{row['of']}"
        )
    with tempfile.TemporaryDirectory(prefix="propriety-bench-") as tmp:
        tmpdir = Path(tmp)
        profile_path = tmpdir / "profile.yaml"
        profile_path.write_text(FULL_PROFILE, "utf-8")
        big_log = args.keep or tmpdir / "events.jsonl"
        small_log = tmpdir / "events-tenth.jsonl"

        say(f"generating {args.events:,} events -> {big_log}")
        gen = generate(big_log, args.events, args.per_day, args.seed)
        say(f"  {gen['seconds']:.1f} s, {gen['first']} .. {gen['last']}")
        small_gen = generate(small_log, max(1, args.events // 10), args.per_day, args.seed)

        say("check path, N")
        big = run_check_subprocess(big_log, profile_path, max(1, args.events // 200))
        say(f"  {big['events_per_s']:,.0f} events/s, peak RSS {big['peak_rss_mib']:.0f} MiB")
        say("check path, N/10")
        small = run_check_subprocess(small_log, profile_path, max(1, args.events // 2000))
        say(f"  {small['events_per_s']:,.0f} events/s, peak RSS {small['peak_rss_mib']:.0f} MiB")

        cli = None
        if not args.skip_cli:
            say("CLI propriety check --json")
            cli = time_cli(big_log, profile_path, big["finish_at"])
            say(f"  {cli}")

        check_profile = None
        if big["events_per_s"] < TARGET_EVENTS_PER_S:
            say("profiling the check path")
            check_profile = profile_check_subprocess(big_log, profile_path, min(args.events, 100_000))

    code["end_fingerprint"] = code_fingerprint()
    code["load_end"] = load_average()
    code["phases"] = sorted({big["fingerprint"], small["fingerprint"]})
    text = report(args, command, code, gen, small_gen, big, small, cli, decisions, check_profile)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
