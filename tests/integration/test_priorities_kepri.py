"""Priorities on the real villages of Kepulauan Riau (province 21): ranking, hotspots, plan, CLI JSON."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo.analysis.hotspots import AreaGraph, area_graph, hotspots
from geo.analysis.plan import plan_sites
from geo.analysis.priority import priority_table


@pytest.fixture(scope="module")
def kepri(prepared_boundaries: Path) -> AreaGraph:
    return area_graph("village", "21")


def scenario(graph: AreaGraph) -> tuple[pd.DataFrame, list[str], str]:
    """Background villages with few cases, a cluster of high-case villages in Batam, a 2-of-2 outlier elsewhere."""
    rng = np.random.default_rng(7)
    codes = graph.codes.tolist()
    batam = [i for i, code in enumerate(codes) if code.startswith("21.71.")]
    degree = np.asarray(graph.neighbours.sum(axis=1)).ravel()
    centre = max(batam, key=lambda i: degree[i])
    cluster = [centre, *graph.neighbours[centre].indices.tolist()]
    outlier = next(i for i, code in enumerate(codes) if code.startswith("21.01.") and i not in cluster)
    rows = []
    for i, code in enumerate(codes):
        migrants, cases = int(rng.integers(200, 600)), int(rng.poisson(1.0))
        if i in cluster:
            migrants, cases = 400, 30 + int(rng.integers(0, 10))
        if i == outlier:
            migrants, cases = 2, 2
        rows += [(code, "2024", migrants, "migration"), (code, "2024", cases, "cases")]
    records = pd.DataFrame(rows, columns=["area_code", "period", "count", "kind"])
    return records, [codes[i] for i in cluster], codes[outlier]


def test_cluster_leads_is_hot_and_outlier_does_not(kepri: AreaGraph) -> None:
    assert len(kepri) >= 400
    assert np.asarray(kepri.neighbours.sum(axis=1)).ravel().min() >= 1  # the 52 islands have neighbours too
    records, cluster, outlier = scenario(kepri)
    table = priority_table(records, kepri.codes.tolist(), "2024", graph=kepri, audience="analyst", lang="en")
    assert table.index[0] in cluster
    assert table.loc[table.index[0], "hotspot"] == "hot"
    assert set(table.index[: len(cluster) // 2]) <= set(cluster)
    assert table.loc[outlier, "rank"] > len(cluster)
    assert "hot cluster" in table.loc[table.index[0], "why"]
    found = hotspots(records[records["kind"] == "cases"].set_index("area_code")["count"], kepri)
    assert found["method"].iloc[0] == "permutation"
    assert (found.loc[cluster, "hotspot"] == "hot").sum() >= len(cluster) // 2
    assert (found["hotspot"] == "hot").sum() < 3 * len(cluster)  # FDR keeps the background quiet


def test_plan_site_reaches_the_cluster(kepri: AreaGraph) -> None:
    records, cluster, _ = scenario(kepri)
    table = priority_table(records, kepri.codes.tolist(), "2024", graph=kepri, audience="analyst")
    score = table["score"].where(~table["insufficient_data"], 0).reindex(kepri.codes).to_numpy()
    plan = plan_sites(kepri.lon, kepri.lat, score, 1, 10.0)
    assert plan.method == "exact"
    reached = {kepri.codes[i] for i in plan.covered[0]}
    assert len(reached & set(cluster)) >= len(cluster) / 2, (sorted(reached), cluster)


@pytest.fixture(scope="module")
def dataset_ids(kepri: AreaGraph) -> tuple[int, int]:
    from geo.data.store import default_store

    records, _, _ = scenario(kepri)
    records["level"] = "village"
    store = default_store()
    migration = store.save_dataset(kind="migration", name="Kepri test migration",
                                   records=records[records["kind"] == "migration"].drop(columns="kind"))
    cases = store.save_dataset(kind="cases", name="Kepri test cases",
                               records=records[records["kind"] == "cases"].drop(columns="kind"))
    return migration, cases


def test_cli_rank_json_shape(dataset_ids: tuple[int, int], capsys: pytest.CaptureFixture[str]) -> None:
    from geo.cli import main

    migration, cases = dataset_ids
    code = main(["rank", "--dataset", str(migration), "--dataset", str(cases), "--level", "village", "--within", "21",
                 "--top", "5", "--lang", "id", "--json"])
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 5 and [row["rank"] for row in rows] == [1, 2, 3, 4, 5]
    for row in rows:
        assert {"code", "name", "rank", "score", "lat", "lon", "components", "hotspot", "insufficient_data", "why"} <= set(row)
        assert row["hotspot"] in ("hot", "cold", None) and isinstance(row["insufficient_data"], bool)
        assert 0 <= row["score"] <= 10 and -2 < row["lat"] < 5 and 103 < row["lon"] < 110
    assert rows[0]["hotspot"] == "hot" and "kasus, peringkat" in rows[0]["why"]
    assert rows[0]["score"] >= rows[-1]["score"]


def test_cli_plan_json_shape_with_served(dataset_ids: tuple[int, int], kepri: AreaGraph, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from geo.cli import main

    migration, cases = dataset_ids
    _, cluster, _ = scenario(kepri)
    post = str(kepri.codes[0])
    served = tmp_path / "posts.csv"
    served.write_text(f"code,name\n{post},Pos A\n", encoding="utf-8")
    code = main(["plan", "--dataset", str(migration), "--dataset", str(cases), "--level", "village", "--within", "21",
                 "--sites", "2", "--radius-km", "10", "--served", str(served), "--audience", "analyst", "--json"])
    assert code == 0
    plan = json.loads(capsys.readouterr().out)
    assert set(plan) >= {"sites", "covered_share", "method", "gaps"} and plan["method"] == "exact"
    assert len(plan["sites"]) == 2 and 0 < plan["covered_share"] <= 1
    for site in plan["sites"]:
        assert {"code", "name", "lat", "lon", "covered_codes", "covered_score"} <= set(site)
        assert site["code"] in site["covered_codes"]
    reached = {code for site in plan["sites"] for code in site["covered_codes"]}
    assert len(reached & set(cluster)) >= len(cluster) / 2
    assert all(post != gap["code"] for gap in plan["gaps"])


def test_cli_refuses_bad_input_with_a_message(dataset_ids: tuple[int, int], kepri: AreaGraph, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from geo.cli import main

    migration, cases = dataset_ids
    common = ["--dataset", str(migration), "--dataset", str(cases), "--level", "village", "--within", "21", "--json"]
    assert main(["rank", *common, "--weights", "cases=lots", "--lang", "en"]) == 2
    assert "--weights: 'cases=lots'" in capsys.readouterr().err
    served = tmp_path / "bad.csv"
    served.write_text(f"code\n{kepri.codes[1]}\n99.99.99.9999\n", encoding="utf-8")
    assert main(["plan", *common, "--sites", "1", "--radius-km", "5", "--served", str(served), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "row(s) 3" in err and "Traceback" not in err
    assert main(["rank", "--dataset", "999", "--level", "village", "--within", "21", "--json"]) == 2
