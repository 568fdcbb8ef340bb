"""The roster as the agency configures it, from data (deploy/roster/demo.yaml is the demo):

* ``kinds``: named kinds of unit, each a unit type with capabilities (a crisis team with a
  medic, a domestic-abuse advocate, a county crisis team serving the crisis-team role). A
  unit names its kind and may add capabilities of its own; a ``reserved`` kind goes only
  where a need requires its capabilities;
* ``units``: the units, each with its station, position, ``shift`` (``07:00-19:00``, or
  by weekday ``mon-fri 07:00-19:00; sat 09:00-17:00``) and ``service_area`` (names of
  areas; empty: anywhere);
* ``service_areas``: a GeoJSON FeatureCollection beside the roster (a path relative to
  it) naming the areas as polygons; ``corridors`` (polygons of (lat, lon) vertices) is the
  older form and still read;
* ``preferences``: when a call carries one of ``when_tags``, a unit of ``unit_type`` with
  the capabilities in ``prefer`` goes before a nearer one without them, if one is free;
* ``companions``: when a call carries one of ``when_tags`` and its plan sends
  ``alongside``, a unit of ``unit_type`` with ``requires`` is sent as well, if the roster
  has one (a domestic-abuse advocate beside police on a domestic call).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from services.assignment.matching import RESERVED
from shared.contracts import UnitType
from shared.geo import Area, area_from_latlon, load_areas


class UnitKind(BaseModel):
    unit_type: UnitType
    capabilities: list[str] = Field(default_factory=list)
    reserved: bool = Field(default=False, description="Sent only where a need requires "
                                                     "its capabilities (a companion).")
    description: str | None = None


class CapabilityPreference(BaseModel):
    """A unit of ``unit_type`` with ``prefer`` goes first on a call tagged ``when_tags``."""

    unit_type: UnitType
    when_tags: list[str] = Field(min_length=1)
    prefer: list[str] = Field(min_length=1)


class Companion(BaseModel):
    """A unit of ``unit_type`` with ``requires`` goes beside ``alongside`` on a call tagged
    ``when_tags``, when the roster has one."""

    when_tags: list[str] = Field(min_length=1)
    alongside: UnitType
    unit_type: UnitType
    requires: list[str] = Field(min_length=1)


class RosterRules(BaseModel):
    """What matching reads of the roster file at every start."""

    preferences: list[CapabilityPreference] = Field(default_factory=list)
    companions: list[Companion] = Field(default_factory=list)


def read_roster(roster_file: Path) -> dict[str, Any]:
    data = yaml.safe_load(roster_file.read_text()) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{roster_file}: a roster is a mapping (units, kinds, ...)")
    return data


def roster_units(roster_file: Path) -> list[dict[str, Any]]:
    """The roster's units, each with its kind's type and capabilities filled in."""
    data = read_roster(roster_file)
    kinds = {name: UnitKind.model_validate(kind)
             for name, kind in (data.get("kinds") or {}).items()}
    units = []
    for entry in data.get("units") or []:
        unit = dict(entry)
        kind_name = unit.get("kind")
        if kind_name is not None:
            kind = kinds.get(kind_name)
            if kind is None:
                raise ValueError(f"unit {unit.get('unit_id')!r}: no kind {kind_name!r}")
            unit.setdefault("unit_type", kind.unit_type.value)
            if unit["unit_type"] != kind.unit_type.value:
                raise ValueError(f"unit {unit.get('unit_id')!r} is a {unit['unit_type']} "
                                 f"but its kind {kind_name!r} is a {kind.unit_type}")
            unit["capabilities"] = list(dict.fromkeys(
                [*kind.capabilities, *(unit.get("capabilities") or []),
                 *([RESERVED] if kind.reserved else [])]))
        units.append(unit)
    return units


def roster_areas(roster_file: Path) -> list[Area]:
    """The named areas units may be limited to: the GeoJSON file's, then the corridors'."""
    data = read_roster(roster_file)
    areas: list[Area] = []
    geojson = data.get("service_areas")
    if geojson:
        areas.extend(load_areas(roster_file.parent / str(geojson)))
    areas.extend(area_from_latlon(c["name"], c["polygon"])
                 for c in data.get("corridors") or [])
    return areas


def roster_rules(roster_file: Path) -> RosterRules:
    data = read_roster(roster_file)
    return RosterRules.model_validate({k: data[k] for k in ("preferences", "companions")
                                       if data.get(k)})


def companions_for(companions: Iterable[Companion], tags: Iterable[str],
                   planned: Iterable[UnitType]) -> list[Companion]:
    """The companions a call with these tags and this plan gets (one per unit type, the
    first rule for it; never a type the plan sends already)."""
    have, plan = set(tags), set(planned)
    chosen: dict[UnitType, Companion] = {}
    for rule in companions:
        if (have.intersection(rule.when_tags) and rule.alongside in plan
                and rule.unit_type not in plan):
            chosen.setdefault(rule.unit_type, rule)
    return list(chosen.values())


def wanted_capabilities(preferences: Iterable[CapabilityPreference], unit_type: UnitType,
                        tags: Iterable[str]) -> frozenset[str]:
    """The capabilities a unit of this type should have for a call with these tags."""
    have = set(tags)
    return frozenset(c for p in preferences
                     if p.unit_type == unit_type and have.intersection(p.when_tags)
                     for c in p.prefer)
