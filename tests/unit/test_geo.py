"""shared.geo: named areas from a GeoJSON FeatureCollection and the point-in-polygon test,
over Polygons with holes and MultiPolygons, and the roster's older corridors converted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.geo import GeoJSONError, area_from_latlon, containing, load_areas
from shared.settings import REPO_ROOT


def square(west: float, south: float, east: float, north: float) -> list[list[float]]:
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def feature(name: str, geometry: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"name": name}, "geometry": geometry}


DOC = {"type": "FeatureCollection", "features": [
    # A ring road: the middle is a hole, not in the area.
    feature("ring", {"type": "Polygon", "coordinates": [square(0, 0, 10, 10),
                                                        square(4, 4, 6, 6)]}),
    feature("islands", {"type": "MultiPolygon", "coordinates": [
        [square(20, 0, 21, 1)], [square(30, 0, 31, 1)]]}),
]}


def test_polygons_with_holes_and_multipolygons() -> None:
    areas = load_areas(DOC)
    assert containing(areas, 1, 1) == ["ring"]  # (lat, lon)
    assert containing(areas, 5, 5) == []  # in the hole
    assert containing(areas, 0.5, 20.5) == ["islands"]
    assert containing(areas, 0.5, 30.5) == ["islands"]
    assert containing(areas, 0.5, 25) == []


@given(st.floats(-80, 80), st.floats(-170, 170), st.floats(0.001, 5), st.floats(0.001, 5),
       st.floats(0.01, 0.99), st.floats(0.01, 0.99))
def test_a_point_inside_a_rectangle_is_in_it_and_one_beside_it_is_not(
    south: float, west: float, height: float, width: float, fy: float, fx: float,
) -> None:
    [area] = load_areas({"type": "FeatureCollection", "features": [feature("r", {
        "type": "Polygon", "coordinates": [square(west, south, west + width,
                                                  south + height)]})]})
    assert area.contains(south + fy * height, west + fx * width)
    assert not area.contains(south + fy * height, west + width * (1 + fx))
    assert not area.contains(south - fy * height, west + fx * width)


@given(st.floats(44.94, 44.97), st.floats(-93.28, -93.19))
def test_the_demo_geojson_draws_the_corridors_the_roster_drew_before(lat: float,
                                                                     lon: float) -> None:
    before = [area_from_latlon("corridor:lake", [[44.9466, -93.2725], [44.9504, -93.2725],
                                                [44.9504, -93.2000], [44.9466, -93.2000]]),
              area_from_latlon("corridor:franklin", [[44.9608, -93.2720],
                                                    [44.9646, -93.2720],
                                                    [44.9646, -93.2140],
                                                    [44.9608, -93.2140]])]
    now = [a for a in load_areas(Path(REPO_ROOT / "deploy" / "roster" / "demo.geojson"))
           if a.name.startswith("corridor:")]
    assert containing(now, lat, lon) == containing(before, lat, lon)


@pytest.mark.parametrize(("doc", "message"), [
    ({"type": "Feature"}, "FeatureCollection"),
    ("{not json", "not JSON"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                                                 "geometry": None}]}, "no 'name'"),
    ({"type": "FeatureCollection", "features": [feature("p", {"type": "Point",
                                                              "coordinates": [0, 0]})]},
     "not a Polygon"),
    # [lat, lon] by mistake: a latitude of -93 is off the globe.
    ({"type": "FeatureCollection", "features": [feature("swapped", {
        "type": "Polygon", "coordinates": [[[44.9, -93.2], [44.9, -93.3], [45.0, -93.3],
                                            [44.9, -93.2]]]})]}, "off the globe"),
    ({"type": "FeatureCollection", "features": [feature("line", {
        "type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]})]}, "three distinct"),
])
def test_a_document_that_is_not_named_polygons_is_refused(doc: Any, message: str) -> None:
    with pytest.raises(GeoJSONError, match=message):
        load_areas(doc)


def test_a_feature_is_named_by_the_first_name_property_it_has() -> None:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"district": 3, "name": "Third"},
         "geometry": {"type": "Polygon", "coordinates": [square(0, 0, 1, 1)]}},
        {"type": "Feature", "properties": {"name": "Downtown"},
         "geometry": {"type": "Polygon", "coordinates": [square(2, 0, 3, 1)]}},
    ]}
    assert [a.name for a in load_areas(doc, name_property=("district", "name"))] == [
        "3", "Downtown"]
    with pytest.raises(GeoJSONError, match="no 'district' or 'id' property"):
        load_areas(doc, name_property=("district", "id"))
