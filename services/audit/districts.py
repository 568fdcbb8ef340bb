"""The agency's districts as polygons (a GeoJSON FeatureCollection file): which district a
point lies in, for calls the CAD sent without one, and their outlines for the public map.

A minimal private point-in-polygon (even-odd ray casting, holes honoured) kept here so the
audit service does not wait for a shared geometry module; it is the one place to swap for
a shared helper.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The feature property that names a district, first found wins.
NAME_PROPERTIES = ("district", "name", "id")

Ring = list[tuple[float, float]]  # (lon, lat) pairs, GeoJSON order
Polygon = list[Ring]  # the outer ring, then its holes


@dataclass(frozen=True)
class District:
    name: str
    polygons: tuple[Polygon, ...]


def _ring(raw: Any) -> Ring:
    return [(float(p[0]), float(p[1])) for p in raw]


def _polygons(geometry: dict[str, Any]) -> tuple[Polygon, ...]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return ([_ring(r) for r in coords],)
    if kind == "MultiPolygon":
        return tuple([_ring(r) for r in poly] for poly in coords)
    raise ValueError(f"district geometry must be a Polygon or MultiPolygon, not {kind}")


def parse_districts(collection: dict[str, Any]) -> list[District]:
    """A FeatureCollection → its districts; ValueError when it is not one."""
    if collection.get("type") != "FeatureCollection":
        raise ValueError("districts file must be a GeoJSON FeatureCollection")
    districts = []
    for feature in collection.get("features") or []:
        props = feature.get("properties") or {}
        name = next((str(props[k]) for k in NAME_PROPERTIES if props.get(k) is not None), None)
        if name is None:
            raise ValueError("every district feature needs a 'district' or 'name' property")
        districts.append(District(name=name[:200], polygons=_polygons(feature["geometry"])))
    return districts


def load_districts(path: Path | None) -> list[District]:
    if path is None:
        return []
    try:
        return parse_districts(json.loads(path.read_text()))
    except (OSError, ValueError, KeyError, TypeError, IndexError) as err:
        raise ValueError(f"cannot read the districts file {path}: {err}") from err


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(polygon: Polygon, lon: float, lat: float) -> bool:
    return bool(polygon) and _in_ring(lon, lat, polygon[0]) and not any(
        _in_ring(lon, lat, hole) for hole in polygon[1:])


def district_at(districts: list[District], lat: float | None, lon: float | None) -> str | None:
    """The first district whose polygons hold the point, or None."""
    if lat is None or lon is None:
        return None
    for district in districts:
        if any(contains(p, lon, lat) for p in district.polygons):
            return district.name
    return None


def outlines(districts: list[District]) -> dict[str, Any]:
    """The districts as a FeatureCollection with only their names: what the map draws."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"district": d.name},
         "geometry": {"type": "MultiPolygon",
                      "coordinates": [[[list(p) for p in ring] for ring in poly]
                                      for poly in d.polygons]}}
        for d in districts]}
