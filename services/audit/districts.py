"""The agency's districts as polygons (a GeoJSON FeatureCollection file): which district a
point lies in, for calls the CAD sent without one, and their outlines for the public map.

The geometry is :mod:`shared.geo`'s; this module only says how a district file names its
features and what the public map is given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shared.geo import Area, load_areas

# The feature property that names a district, first found wins.
NAME_PROPERTIES = ("district", "name", "id")
# A public name is at most this long, whatever the file holds.
MAX_NAME = 200


def parse_districts(collection: dict[str, Any] | str) -> list[Area]:
    """A FeatureCollection (parsed, or its text) → its districts; ValueError when it is
    not one."""
    return [area if len(area.name) <= MAX_NAME else Area(area.name[:MAX_NAME], area.polygons)
            for area in load_areas(collection, name_property=NAME_PROPERTIES)]


def load_districts(path: Path | None) -> list[Area]:
    if path is None:
        return []
    try:
        return parse_districts(path.read_text())
    except (OSError, ValueError) as err:
        raise ValueError(f"cannot read the districts file {path}: {err}") from err


def district_at(districts: list[Area], lat: float | None, lon: float | None) -> str | None:
    """The first district whose polygons hold the point, or None."""
    if lat is None or lon is None:
        return None
    return next((d.name for d in districts if d.contains(lat, lon)), None)


def outlines(districts: list[Area]) -> dict[str, Any]:
    """The districts as a FeatureCollection with only their names: what the map draws."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"district": d.name},
         "geometry": {"type": "MultiPolygon",
                      "coordinates": [[[list(p) for p in ring] for ring in poly]
                                      for poly in d.polygons]}}
        for d in districts]}
