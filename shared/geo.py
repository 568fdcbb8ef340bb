"""Named areas from GeoJSON, and which of them hold a point. Pure, no dependencies.

An agency draws its service areas, districts or neighbourhoods as a GeoJSON
FeatureCollection (RFC 7946): each feature a Polygon or MultiPolygon (holes allowed) with
its name in a property (``name`` unless told otherwise). GeoJSON positions are
``[longitude, latitude]``; this module's functions take ``(lat, lon)`` as the rest of
the code does.

    areas = load_areas(Path("deploy/roster/demo.geojson"))
    containing(areas, 44.9485, -93.2470)   # ["corridor:lake"]

A point exactly on an edge may fall either way: draw areas a little generously.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Ring = tuple[tuple[float, float], ...]  # (lon, lat) positions, as GeoJSON has them
Polygon = tuple[Ring, ...]  # the outer ring, then its holes


class GeoJSONError(ValueError):
    """The document is not a FeatureCollection of named Polygons and MultiPolygons."""


@dataclass(frozen=True)
class Area:
    """A named area: one or more polygons, each with its holes."""

    name: str
    polygons: tuple[Polygon, ...]
    # (min lat, min lon, max lat, max lon) of the outer rings: most points are rejected
    # on it, without walking a ring.
    bounds: tuple[float, float, float, float] = field(init=False, repr=False,
                                                      compare=False)

    def __post_init__(self) -> None:
        lons = [p[0] for polygon in self.polygons for p in polygon[0]]
        lats = [p[1] for polygon in self.polygons for p in polygon[0]]
        object.__setattr__(self, "bounds", (min(lats), min(lons), max(lats), max(lons)))

    def contains(self, lat: float, lon: float) -> bool:
        south, west, north, east = self.bounds
        if not (south <= lat <= north and west <= lon <= east):
            return False
        return any(_in_ring(lat, lon, polygon[0])
                   and not any(_in_ring(lat, lon, hole) for hole in polygon[1:])
                   for polygon in self.polygons)


def _in_ring(lat: float, lon: float, ring: Ring) -> bool:
    """Ray casting over one closed or open ring of (lon, lat) positions."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < xi + (lat - yi) * (xj - xi) / (yj - yi):
            inside = not inside
        j = i
    return inside


def point_in_ring(lat: float, lon: float, ring: Sequence[tuple[float, float]]) -> bool:
    """Whether a point lies inside a ring of (lat, lon) vertices."""
    return _in_ring(lat, lon, tuple((p[1], p[0]) for p in ring))


def area_from_latlon(name: str, vertices: Iterable[Sequence[float]]) -> Area:
    """An area of one polygon given as (lat, lon) vertices (the roster's older form)."""
    ring = tuple((float(v[1]), float(v[0])) for v in vertices)
    return Area(name, ((_valid_ring(ring, name),),))


def load_areas(source: Path | str | Mapping[str, Any], *,
               name_property: str | Sequence[str] = "name") -> list[Area]:
    """The named areas of a FeatureCollection (a file, its text, or the parsed document).
    Features of one name are one area. Given several name properties, a feature's name is
    the first it has (a number is read as its digits). Raises :class:`GeoJSONError`."""
    names = (name_property,) if isinstance(name_property, str) else tuple(name_property)
    if isinstance(source, Path):
        source = source.read_text()
    if isinstance(source, str):
        try:
            source = json.loads(source)
        except ValueError as err:
            raise GeoJSONError(f"not JSON: {err}") from err
    if not isinstance(source, Mapping) or source.get("type") != "FeatureCollection":
        raise GeoJSONError("expected a GeoJSON FeatureCollection")
    by_name: dict[str, list[Polygon]] = {}
    for i, feature in enumerate(source.get("features") or []):
        props = (feature or {}).get("properties") or {}
        name = _name(props, names)
        if name is None:
            raise GeoJSONError(f"feature {i} has no {' or '.join(map(repr, names))} property")
        by_name.setdefault(name, []).extend(_polygons(feature.get("geometry") or {}, name))
    return [Area(name, tuple(polygons)) for name, polygons in by_name.items()]


def containing(areas: Iterable[Area], lat: float, lon: float) -> list[str]:
    """The names of the areas that hold the point, in the order given."""
    return [area.name for area in areas if area.contains(lat, lon)]


def _name(props: Mapping[str, Any], names: Sequence[str]) -> str | None:
    for key in names:
        value = props.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value:
            return value
    return None


def _polygons(geometry: Mapping[str, Any], name: str) -> list[Polygon]:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return [_polygon(coordinates, name)]
    if kind == "MultiPolygon" and isinstance(coordinates, list):
        return [_polygon(c, name) for c in coordinates]
    raise GeoJSONError(f"{name}: a {kind} is not a Polygon or MultiPolygon")


def _polygon(rings: Any, name: str) -> Polygon:
    if not isinstance(rings, list) or not rings:
        raise GeoJSONError(f"{name}: a polygon needs at least its outer ring")
    return tuple(_valid_ring(_ring(r, name), name) for r in rings)


def _ring(positions: Any, name: str) -> Ring:
    try:
        return tuple((float(p[0]), float(p[1])) for p in positions)
    except (TypeError, ValueError, IndexError) as err:
        raise GeoJSONError(f"{name}: a position is not [longitude, latitude]") from err


def _valid_ring(ring: Ring, name: str) -> Ring:
    if len(set(ring)) < 3:
        raise GeoJSONError(f"{name}: a ring needs at least three distinct positions")
    for lon, lat in ring:
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise GeoJSONError(f"{name}: position [{lon}, {lat}] is off the globe "
                               "(GeoJSON is [longitude, latitude])")
    return ring
