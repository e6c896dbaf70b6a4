"""Flows over the Map page (``flows=1``) and in ``riskmap export-map --flows``."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.web.viewstate import QUERY_KEYS, View, parse_view, view_to_query
from tests.conftest import open_map_page

APP = str(Path(__file__).resolve().parents[2] / "app.py")

def needs_mirror(test):  # type: ignore[no-untyped-def]
    """Integration marker, and a skip without the boundary mirror."""
    test = pytest.mark.skipif(
        not os.environ.get("RISKMAP_DATA_MIRROR"), reason="needs RISKMAP_DATA_MIRROR (boundaries)"
    )(test)
    return pytest.mark.integration(test)


# --------------------------------------------------------------------------- the URL key


def test_flows_key_round_trips_through_the_url() -> None:
    assert "flows" in QUERY_KEYS
    view, messages = parse_view({"level": "province", "flows": "1"})
    assert view.flows is True and messages == []
    assert view_to_query(view) == {"level": "province", "flows": "1"}
    assert "flows" not in view_to_query(View())
    view, messages = parse_view({"flows": "0"})
    assert view.flows is False and messages == []


def test_invalid_flows_value_only_resets_that_key() -> None:
    view, messages = parse_view({"level": "regency", "flows": "maybe", "lang": "en"})
    assert view.level == "regency" and view.flows is False
    assert messages == ["This link was corrected: flows='maybe' must be 1 or 0; using 0."]


# --------------------------------------------------------------------------- export-map --flows


@pytest.fixture
def sample_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from geo.data.store import Store

    url = f"sqlite:///{tmp_path / 'flows-map.sqlite'}"
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    return Store(url).ensure_default_data()


def geojson_collections(page: str) -> list[dict]:
    """Every GeoJSON FeatureCollection folium inlined in ``page`` (``geo_json_…_add({...});``)."""
    found = re.findall(r"geo_json_\w+_add\((\{.*?\})\);\n", page)
    return [json.loads(text) for text in found]


@needs_mirror
def test_export_map_with_flows_draws_lines_and_arrowheads_offline(
    sample_store: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo.cli import main

    out = tmp_path / "kepri-flows.html"
    assert main(["export-map", "--level", "regency", "--within", "21", "--flows", "--lang", "en", "--out", str(out)]) == 0
    capsys.readouterr()
    page = out.read_text(encoding="utf-8")
    assert re.findall(r"<(?:script|link)[^>]+(?:src|href)=.?https?://", page) == []

    features = [feature for collection in geojson_collections(page) for feature in collection["features"]]
    lines = [f for f in features if f["geometry"]["type"] == "LineString"]
    arrows = [f for f in features if f["geometry"]["type"] == "Polygon" and "tooltip" in f["properties"]]
    assert lines and len(arrows) == len(lines)
    to_phnom_penh = [f for f in lines if " → Phnom Penh: " in f["properties"]["tooltip"]]
    assert any(f["properties"]["tooltip"].startswith("Kota Batam → Phnom Penh: ") for f in to_phnom_penh)
    assert all(" cases (" in f["properties"]["tooltip"] for f in to_phnom_penh)
    # the line ends near Phnom Penh (its arrowhead's tip is the city)
    batam = next(f for f in to_phnom_penh if f["properties"]["tooltip"].startswith("Kota Batam"))
    head = next(f for f in arrows if f["properties"]["tooltip"] == batam["properties"]["tooltip"])
    tip_lon, tip_lat = head["geometry"]["coordinates"][0][0]
    assert abs(tip_lat - 11.5564) < 1e-3 and abs(tip_lon - 104.9282) < 1e-3
    assert "riskmap-flow-line" in page and "riskmap-flow-arrow" in page
    assert "Flows (cases)" in page  # the flow legend

    plain = tmp_path / "kepri.html"
    assert main(["export-map", "--level", "regency", "--within", "21", "--lang", "en", "--out", str(plain)]) == 0
    assert "riskmap-flow-line" not in plain.read_text(encoding="utf-8")


@needs_mirror
def test_export_map_flows_without_a_cases_dataset_says_so(
    sample_store: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo.cli import main
    from geo.data.store import list_datasets

    migration = next(d.id for d in list_datasets("migration"))
    out = tmp_path / "no-cases.html"
    assert main(["export-map", "--dataset", str(migration), "--level", "province", "--flows", "--lang", "en",
                 "--out", str(out)]) == 0
    assert "--flows: no cases dataset is shown; the map is written without flows." in capsys.readouterr().err
    assert "riskmap-flow-line" not in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the Map page (AppTest)


@pytest.fixture(scope="module")
def app_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('flows-map-store') / 'riskmap.sqlite'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RISKMAP_DB_URL", url)
        yield url


@needs_mirror
def test_map_page_flows_from_the_url_show_the_flow_legend_text(app_store: str) -> None:
    app = open_map_page(level="regency", area="21", flows="1", lang="en")
    assert app.toggle(key="map_flows").value is True
    summaries = [c.value for c in app.caption if c.value.startswith("Flows (cases) · ")]
    assert summaries and "largest are drawn" in summaries[0], [c.value for c in app.caption]
    assert app.query_params["flows"] == "1"

    app.toggle(key="map_flows").set_value(False).run()
    assert not app.exception
    assert "flows" not in app.query_params
    assert not [c.value for c in app.caption if c.value.startswith("Flows (cases)")]


@needs_mirror
def test_map_page_flows_without_a_cases_dataset_explain(app_store: str) -> None:
    from geo.data import store

    app = open_map_page(level="province")  # creates the sample datasets in this store
    migration = next(d.id for d in store.list_datasets("migration"))
    app = open_map_page(level="province", flows="1", dataset=str(migration), lang="en")
    assert "Flows need a cases dataset: choose one in the sidebar." in [i.value for i in app.info]


@needs_mirror
def test_map_page_flow_options_read_and_write_the_url(app_store: str) -> None:
    app = open_map_page(level="regency", area="21", flows="1", top="3", country="Kamboja", lang="en")
    assert app.number_input(key="map_flow_top").value == 3
    assert app.selectbox(key="map_flow_country").value == "KH"
    assert app.query_params["country"] == "KH"  # the link is rewritten to the canonical code
    legend = [c.value for c in app.caption if c.value.startswith("Flows (cases) · ")]
    assert legend and "the 3 largest are drawn" in legend[0], legend

    app.number_input(key="map_flow_min").set_value(20).run()
    assert not app.exception
    assert app.query_params["min"] == "20" and app.query_params["top"] == "3"
    app.selectbox(key="map_flow_country").set_value("").run()
    assert "country" not in app.query_params
    app.number_input(key="map_flow_top").set_value(50).run()  # the default leaves the URL
    assert "top" not in app.query_params and app.query_params["flows"] == "1"
