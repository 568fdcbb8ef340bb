"""A synthetic day of 911 calls in a Minneapolis-like city (pure, deterministic by seed).

The mix is roughly a big-city day: medical calls and crimes reported after the fact lead,
then violence, traffic, crises and welfare checks, disorder, fire, animals. Narratives are
written as call-takers write them (abbreviations, fragments); about one call in four
comes with no useful call type (``UNK``) or a description only, so the narrative has to
carry it. Places spread over the five precincts of ``deploy/roster/demo.yaml``, some on
the Lake Street and Franklin Avenue corridors the ambassadors work; each lies inside its
precinct's polygon in ``deploy/roster/districts.geojson`` (the districts ``make run``
gives the audit service), so the dashboard's map and its figures agree. ``received_at`` falls
on the given local day in America/Chicago, busier in the afternoon and evening.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from shared.geo import Area, load_areas
from shared.settings import REPO_ROOT

CITY_TZ = ZoneInfo("America/Chicago")
# The demo city's police precincts as polygons, named by their "district" property.
DISTRICTS_FILE = REPO_ROOT / "deploy" / "roster" / "districts.geojson"

# Share of a day's calls received in each local hour (0-23): a trough before dawn, a peak
# from mid-afternoon into the evening.
HOURLY = (3.0, 2.6, 2.2, 1.8, 1.5, 1.5, 2.0, 2.8, 3.6, 4.0, 4.3, 4.5,
          4.7, 4.8, 5.0, 5.4, 5.7, 5.8, 5.7, 5.4, 5.0, 4.6, 4.0, 3.4)


@dataclass(frozen=True)
class Precinct:
    district: str
    weight: float
    lat: float
    lon: float
    streets: tuple[str, ...]


PRECINCTS = (
    Precinct("1", 0.19, 44.9760, -93.2700, ("Hennepin Ave", "Nicollet Mall", "S 7th St",
                                           "Washington Ave S", "Portland Ave S",
                                           "Harmon Pl")),
    Precinct("2", 0.15, 45.0010, -93.2450, ("Central Ave NE", "University Ave SE",
                                           "Lowry Ave NE", "Johnson St NE", "4th St SE",
                                           "Broadway St NE")),
    Precinct("3", 0.28, 44.9420, -93.2450, ("Minnehaha Ave", "Bloomington Ave",
                                           "Cedar Ave S", "Chicago Ave", "E 38th St",
                                           "E 31st St")),
    Precinct("4", 0.22, 45.0030, -93.2980, ("W Broadway Ave", "Penn Ave N", "Emerson Ave N",
                                           "Lowry Ave N", "Fremont Ave N",
                                           "Plymouth Ave N")),
    Precinct("5", 0.16, 44.9350, -93.2900, ("Lyndale Ave S", "Hennepin Ave S", "W Lake St",
                                           "Nicollet Ave", "W 46th St", "Bryant Ave S")),
)
# Where ambassadors work (deploy/roster/demo.yaml): a block either side of the street.
CORRIDORS = (("E Lake St", "3", 44.9485, (-93.2650, -93.2100)),
             ("E Franklin Ave", "3", 44.9627, (-93.2650, -93.2200)))
CORRIDOR_SHARE = 0.12


@dataclass(frozen=True)
class Kind:
    """One kind of call: how the CAD codes it and how call-takers describe it."""

    category: str
    weight: float
    call_type: str
    description: str
    narratives: tuple[str, ...]
    priority: str = "3"
    screening: dict[str, bool] = field(default_factory=dict)
    flags: dict[str, bool] = field(default_factory=dict)


SAFE = {"weapons": False, "violence": False, "suicidal_with_means": False}
REPORT = {"weapons": False, "violence": False, "in_progress": False,
          "suspect_on_scene": False}

KINDS = (
    # crises and welfare
    Kind("crisis", 5.0, "EDP", "EMOTIONALLY DISTURBED PERSON", (
        "{rel} in mental health crisis, yelling and crying, no weapons, not violent",
        "adult male talking to himself in the bus shelter, agitated, no weapons seen",
        "caller's {rel} off meds for {n} days, paranoid, not threatening anyone",
        "RP says {rel} having panic attack, hyperventilating, wants someone to talk to"),
        "2", SAFE),
    Kind("crisis", 2.0, "SUICIDAL", "SUICIDAL PERSON", (
        "{rel} texted caller saying he wants to die, denies means, at home alone",
        "female stating she is thinking of killing herself, no weapons, no pills")
         , "2", SAFE),
    Kind("crisis", 0.8, "SUICIDAL", "SUICIDAL PERSON", (
        "{rel} threatening to shoot himself, has a handgun in the bedroom",),
        "1", {"weapons": True}),
    Kind("welfare", 4.5, "WELFARE", "WELFARE CHECK", (
        "elderly neighbor not seen in {n} days, mail piling up",
        "female sitting on the curb crying for an hour, refused help from RP",
        "unhoused male sleeping in vestibule, cold out, RP concerned")),
    # thefts and damage reported after the fact
    Kind("theft", 7.0, "THEFT RPT", "THEFT REPORT", (
        "bike stolen from the rack sometime overnight, suspect gone",
        "package taken from front porch {ago}, has doorbell video",
        "catalytic converter cut off {vehicle} overnight, no suspect info",
        "wallet taken from locker at the gym earlier today, no suspect"),
        "4", REPORT),
    Kind("theft", 1.5, "THEFT", "THEFT FROM AUTO", (
        "car window smashed and laptop taken from {vehicle}, happened overnight",),
        "4", REPORT),
    Kind("damage", 4.0, "DAMAGE", "PROPERTY DAMAGE RPT", (
        "graffiti on garage door discovered this morning",
        "side mirror broken off {vehicle} parked on street overnight",
        "front window of business cracked, happened after close, no one around"),
        "4", REPORT),
    Kind("burglary", 2.0, "BURG RPT", "BURGLARY REPORT", (
        "RP came home to back door kicked in, TV missing, nobody inside now",
        "garage broken into overnight, tools taken"), "3", REPORT),
    Kind("burglary", 0.8, "BURGLARY", "BURGLARY IN PROGRESS", (
        "RP hears someone breaking glass downstairs right now, hiding in bedroom",),
        "1", {"in_progress": True}),
    # violence
    Kind("violence", 3.0, "ASLT", "ASSAULT", (
        "male punched in face outside bar, suspect fled on foot, victim bleeding from nose",
        "fight in progress in the parking lot, 4 or 5 people"), "2"),
    Kind("violence", 3.0, "DOMESTIC", "DOMESTIC DISTURBANCE", (
        "female screaming next door, sounds of things being thrown",
        "caller says boyfriend hit her and is still in the apartment"), "1"),
    Kind("violence", 1.2, "SHOTS", "SHOTS FIRED", (
        "several shots heard near the park, unknown direction",), "1", {},
        {"weapons": True}),
    Kind("violence", 1.0, "ROBBERY", "ROBBERY", (
        "cashier robbed at knifepoint, suspect ran toward the alley",), "1", {},
        {"weapons": True}),
    # medical
    Kind("medical", 5.0, "MEDICAL", "MEDICAL EMERGENCY", (
        "{age} yo male chest pain, conscious, breathing",
        "{age} yo female fell in the bathroom, hip pain, cannot get up",
        "diabetic, acting confused, {rel} says sugar is low",
        "difficulty breathing, history of asthma, inhaler not helping"), "1",
        {"injury": True}),
    Kind("medical", 2.0, "OD", "OVERDOSE", (
        "possible overdose, male unresponsive in the stairwell, breathing shallow",
        "friend took too many pills, drowsy but talking"), "1", {"injury": True}),
    Kind("medical", 1.8, "PERSON DOWN", "PERSON DOWN", (
        "man lying on sidewalk, not moving, unknown if breathing",), "1"),
    # fire
    Kind("fire", 1.5, "FIRE", "STRUCTURE FIRE", (
        "smoke coming from the roof of a duplex, residents out",
        "kitchen fire, caller got out, flames in the cabinets"), "1"),
    Kind("fire", 1.5, "FIRE", "DUMPSTER FIRE", (
        "dumpster on fire behind the strip mall, nobody near it",), "3"),
    Kind("fire", 1.0, "ALARM", "FIRE ALARM", (
        "fire alarm sounding in apartment building, no smoke seen",), "3"),
    # traffic
    Kind("traffic", 4.0, "ACC PD", "COLLISION PROPERTY DAMAGE", (
        "two car crash, no injuries, cars blocking the right lane",
        "rear-ended at the light, no one hurt, need report for insurance"), "3",
        {"injury": False, "weapons": False, "violence": False}),
    Kind("traffic", 1.5, "ACC PI", "COLLISION WITH INJURY", (
        "car vs pedestrian, pedestrian conscious, leg injury",), "1", {"injury": True}),
    Kind("traffic", 2.0, "TRAFFIC", "TRAFFIC HAZARD", (
        "stalled vehicle in the intersection, hazards on",
        "traffic signal out at the intersection, cars going through",
        "mattress in the middle of the road"), "3", {"weapons": False, "violence": False}),
    # animals
    Kind("animal", 2.0, "ANIMAL", "ANIMAL COMPLAINT", (
        "loose dog running in the street, friendly, no collar",
        "injured deer on the boulevard",
        "dog left in hot car in the grocery lot for 30 minutes"), "4",
        {"weapons": False, "violence": False}),
    # disorder and community support
    Kind("disorder", 3.0, "NOISE", "NOISE COMPLAINT", (
        "loud party next door, music shaking the walls",
        "loud music from parked car for an hour"), "4",
        {"weapons": False, "violence": False}),
    Kind("disorder", 2.0, "UNWANTED", "UNWANTED PERSON", (
        "male refusing to leave the store, yelling at customers, no weapons",
        "person sleeping in the lobby, manager wants them moved along"), "3",
        {"weapons": False, "violence": False}),
    Kind("disorder", 1.5, "SUSP", "SUSPICIOUS PERSON", (
        "male looking into car windows down the block",
        "someone walking around behind the houses with a flashlight"), "3"),
    Kind("disorder", 2.5, "ALARM", "BURGLAR ALARM", (
        "audible burglar alarm at the business, keyholder on the way",
        "alarm company reports back door zone, no one on site"), "3"),
    Kind("disorder", 2.0, "DISTURB", "DISTURBANCE", (
        "group arguing loudly outside the corner store, getting heated",
        "neighbors yelling at each other in the hallway"), "2"),
    Kind("disorder", 1.0, "911 HANGUP", "911 HANG UP", (
        "open line, background voices, no answer on callback",), "3"),
)

RELATIONS = ("son", "daughter", "brother", "sister", "husband", "wife", "roommate",
             "neighbor", "mother")
VEHICLES = ("her Prius", "his truck", "a gray Camry", "the van", "a red Civic")
AGO = ("this afternoon", "yesterday", "earlier today", "this morning")


@dataclass(frozen=True)
class DemoCall:
    """One call to post: when in the day (seconds after local midnight), and its body."""

    offset_s: float
    category: str
    body: dict[str, Any]


def _place(rng: random.Random) -> tuple[str, dict[str, Any]]:
    if rng.random() < CORRIDOR_SHARE:
        street, district, lat, (west, east) = rng.choice(CORRIDORS)
        lon = rng.uniform(west, east)
        number = 100 + int((lon - west) / (east - west) * 3000)
        return district, {"address": f"{number} {street}, Minneapolis, MN",
                          "lat": round(lat + rng.uniform(-0.0008, 0.0008), 5),
                          "lon": round(lon, 5), "district": district}
    precinct = rng.choices(PRECINCTS, weights=[p.weight for p in PRECINCTS])[0]
    address = f"{rng.randrange(100, 4900, 2)} {rng.choice(precinct.streets)}, Minneapolis, MN"
    lat, lon = _point_in(rng, precinct, city_districts()[precinct.district])
    return precinct.district, {"address": address, "district": precinct.district,
                               "lat": lat, "lon": lon}


@cache
def city_districts() -> dict[str, Area]:
    """The shipped precinct polygons by district name."""
    return {area.name: area for area in load_areas(DISTRICTS_FILE, name_property="district")}


def _point_in(rng: random.Random, precinct: Precinct, area: Area) -> tuple[float, float]:
    """A point near the precinct's centre that its polygon holds (the squares around the
    centres overlap; a point drawn in a neighbour's part is drawn again)."""
    for _ in range(50):
        lat = round(precinct.lat + rng.uniform(-0.018, 0.018), 5)
        lon = round(precinct.lon + rng.uniform(-0.022, 0.022), 5)
        if area.contains(lat, lon):
            return lat, lon
    return precinct.lat, precinct.lon  # the centre is inside: a test holds it so


def _narrative(rng: random.Random, kind: Kind) -> str:
    return rng.choice(kind.narratives).format(
        rel=rng.choice(RELATIONS), n=rng.randint(2, 6), age=rng.randint(19, 91),
        vehicle=rng.choice(VEHICLES), ago=rng.choice(AGO))


def _offset_s(rng: random.Random) -> float:
    hour = rng.choices(range(24), weights=HOURLY)[0]
    return hour * 3600 + rng.uniform(0, 3600)


def synthetic_day(day: date, *, seed: int = 20, calls: int = 520,
                  agency: str | None = None) -> list[DemoCall]:
    """``calls`` calls received on ``day`` (local time), in the order received."""
    rng = random.Random(f"{seed}:{day.isoformat()}")
    midnight = datetime.combine(day, time(0), CITY_TZ)
    drawn = sorted((_offset_s(rng), rng.choices(KINDS, weights=[k.weight for k in KINDS])[0])
                   for _ in range(calls))
    out = []
    for n, (offset, kind) in enumerate(drawn, start=1):
        _, location = _place(rng)
        received = midnight + timedelta(seconds=offset)
        body: dict[str, Any] = {
            "cad_incident_id": f"DEMO-{day:%Y%m%d}-{seed}-{n:05d}",
            "received_at": received.isoformat(timespec="seconds"),
            "narrative": _narrative(rng, kind),
            "location": location,
        }
        typed = rng.random()
        if typed < 0.6:  # code and description, as most CADs send
            body |= {"call_type": kind.call_type, "call_type_description": kind.description}
        elif typed < 0.75:
            body["call_type_description"] = kind.description
        else:  # the call-taker left it at "unknown": the narrative carries the call
            body["call_type"] = "911 CALL"
        if rng.random() < 0.8:
            body["cad_priority"] = kind.priority
        if kind.screening and rng.random() < 0.85:
            body["screening"] = dict(kind.screening)
        if kind.flags:
            body["flags"] = dict(kind.flags)
        if agency is not None:
            body["agency"] = agency
        out.append(DemoCall(offset, kind.category, body))
    return out


def previous_local_day(now: datetime) -> date:
    """Yesterday where the city is."""
    return (now.astimezone(CITY_TZ) - timedelta(days=1)).date()
