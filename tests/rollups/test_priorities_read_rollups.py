"""Priorities read roll-ups, never record tables, and rank exactly as from every record (SQLite and PostgreSQL).

Two datasets are published to a store; each ranking — villages and regencies, in an area
or nationally, for a year, a month (whose "recent change" is the month before), a month
range and every period, public and analyst — is computed twice: from the roll-up rows the
store returns for the ranked level and area (:func:`geo.web.priority_layer.score_rows`,
what ``riskmap rank``/``plan``, the Priorities page and the brief read) and from every
record in memory (the old path). Scores, order, components, hot spots and why-texts must
be equal. Then the wired paths themselves run on real Kota Batam villages with
``Store.load_records`` made to raise.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from geo.analysis.hotspots import AreaGraph, area_graph, build_area_graph
from geo.analysis.indicators import Period, combine_records
from geo.analysis.priority import priority_table
from geo.data.codes import CODE_LENGTHS
from geo.data.store import Store
from geo.web.mapview import DataSelection, select_datasets
from geo.web.priority_layer import score_rows

DISTRICTS = [f"{province}.{regency:02d}.{district:02d}" for province in ("21", "31")
             for regency in (1, 71) for district in range(1, 4)]
VILLAGES = [f"{district}.{village}" for district in DISTRICTS for village in (1001, 1002, 2001, 2002)]
MONTHS = ["2023-11", "2023-12", *[f"2024-{month:02d}" for month in range(1, 7)]]
PERIODS: tuple[Period | None, ...] = ("2024", "2024-03", "2024-05", "2024-01", ("2024-01", "2024-06"), None)
RANKINGS = (  # (level, area): villages of a province, of a regency, regencies nationally
    ("village", "21"), ("village", "31.71"), ("regency", None),
)


def monthly(kind: str, villages: list[str], seed: int) -> pd.DataFrame:
    """Monthly village counts (many small, some zero), a yearly 2022 figure, and a few coarser-coded records."""
    rng = np.random.default_rng(seed)
    periods = ["2022", *MONTHS]
    frame = pd.DataFrame([{"area_code": code, "level": "village", "period": period}
                          for code in villages for period in periods])
    counts = [0, 1, 2, 3, 4, 8, 20, 40] if kind == "migration" else [0, 0, 1, 2, 5, 9, 15]
    frame["count"] = rng.choice(counts, size=len(frame))
    coarse = pd.DataFrame({"area_code": [villages[0][:5], villages[-1][:8]], "level": ["regency", "district"],
                           "period": ["2024-02", "2024"], "count": [30, 12]})
    frame = pd.concat([frame, coarse], ignore_index=True)  # in the regency's figures, never in a village's
    if kind == "migration":
        frame["procedural"] = rng.choice(np.array([True, False, None], dtype=object), size=len(frame))
    else:
        frame.loc[frame["period"] == SPREAD_MONTH, "count"] = frame["area_code"].map(spread_cases)
    return frame


SPREAD_MONTH = "2024-05"
"""A month whose suppression spreads across provinces: only a view of the whole data can rank it."""


def spread_cases(code: str) -> int:
    """Cases of ``SPREAD_MONTH``: province 21 has 3 in all (hidden), so the national total would give
    province 31 away; 31 is hidden too, then its smaller regency 31.71, one of its districts and a village.
    A ranking of 31.71's villages computed on their rows alone would show that village."""
    if code.startswith("21."):
        return 3 if code == VILLAGES[0] else 0
    return 7 if code.startswith("31.71.") else 20


def grid_graph(codes: list[str]) -> AreaGraph:
    """Squares in a row-major grid: neighbours for Gi* without boundaries."""
    side = int(np.ceil(np.sqrt(len(codes))))
    squares = np.array([shapely.box(100 + 0.1 * (n % side), 0.1 * (n // side), 100.1 + 0.1 * (n % side),
                                    0.1 + 0.1 * (n // side)) for n in range(len(codes))])
    return build_area_graph(codes, squares, k=4)


NO_DATA = {("village", "21"): "21.01.01.3001", ("village", "31.71"): "31.71.01.3001", ("regency", None): "21.02"}
"""An area of each ranking that never has data."""


def ranked_codes(level: str, area: str | None) -> list[str]:
    """The areas of the level inside the area that have data, and one that never has."""
    length = CODE_LENGTHS[level]
    codes = sorted({code[:length] for code in VILLAGES if area is None or code.startswith(area + ".")})
    return [*codes, NO_DATA[level, area]]


@pytest.fixture
def published(store: Store) -> tuple[DataSelection, pd.DataFrame]:
    """The two datasets active in the store (a threshold on cases), and every record combined."""
    migration, cases = monthly("migration", VILLAGES, 1), monthly("cases", VILLAGES, 2)
    store.mark_once("sample-data")  # no sample datasets: these two are the active ones
    store.save_dataset(kind="migration", name="m", records=migration)
    store.save_dataset(kind="cases", name="c", records=cases, disclosure_threshold=6)
    selection = select_datasets(None, "en", audience="public")
    assert selection.records is None and selection.source is not None
    return selection, combine_records(migration=migration, cases=cases)


@pytest.mark.parametrize("audience", ["public", "analyst"])
def test_rankings_from_rollups_equal_rankings_from_every_record(
    published: tuple[DataSelection, pd.DataFrame], monkeypatch: pytest.MonkeyPatch, audience: str
) -> None:
    selection, everything = published

    def no_records(*_: object) -> None:
        raise AssertionError("a ranking read a dataset's records")

    monkeypatch.setattr(Store, "load_records", no_records)
    threshold = max(d.disclosure_threshold for d in selection.datasets if d.disclosure_threshold)
    compared = 0
    for level, area in RANKINGS:
        codes = ranked_codes(level, area)
        graph = grid_graph(codes)
        names = {code: f"Area {n}" for n, code in enumerate(codes)}
        for period in PERIODS:
            for method in ("gi", "moran") if period == "2024" else ("gi",):  # Moran once per ranking: permutations are slow
                scored = score_rows(selection, level, area, period)
                assert scored is not None
                rows, whole = scored
                assert set(rows["area_code"].str.len()) == {CODE_LENGTHS[level]}  # the level's rows only
                options = {"graph": graph, "names": names, "audience": audience, "threshold": threshold,
                           "lang": "en", "hotspot_method": method}
                from_rollups = priority_table(rows, codes, period, whole=whole, **options)
                from_records = priority_table(everything, codes, period, **options)
                pd.testing.assert_frame_equal(from_rollups, from_records)
                compared += 1
    assert compared == len(RANKINGS) * (len(PERIODS) + 1)


def test_rows_of_a_ranking_lie_inside_its_area_and_periods(published: tuple[DataSelection, pd.DataFrame]) -> None:
    selection, _ = published
    scored = score_rows(selection, "village", "31.71", "2024-03")
    assert scored is not None
    rows, _ = scored
    assert rows["area_code"].str.startswith("31.71.").all()
    assert sorted(rows["period"].unique()) == ["2024-02", "2024-03"]  # the month and the one before (change)
    assert len(rows) <= 2 * 3 * 4 * 2 * 3  # kinds × districts × villages × months × procedural groups
    every, _ = score_rows(selection, "regency", None, None) or (None, None)
    assert every is not None and set(every["area_code"]) == {code[:5] for code in VILLAGES}


# --------------------------------------------------------------------------- the wired paths, real villages


@pytest.fixture
def batam(store: Store, prepared_boundaries: Path) -> tuple[list[int], pd.DataFrame, list[str]]:
    """Kota Batam's villages with monthly migration and cases published; ids, every record, the village codes.

    The datasets' thresholds (migration 5, cases 10 by default) make the rankings' threshold 10.
    """
    from geo.data.codes import CodeList

    villages = sorted(CodeList.load().children("21.71", "village")["code"].astype(str))
    migration, cases = monthly("migration", villages, 3), monthly("cases", villages, 4)
    store.mark_once("sample-data")
    ids = [store.save_dataset(kind="migration", name="m", records=migration),
           store.save_dataset(kind="cases", name="c", records=cases)]
    return ids, combine_records(migration=migration, cases=cases), villages


@pytest.fixture
def no_record_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_records(*_: object) -> None:
        raise AssertionError("a ranking read a dataset's records")

    monkeypatch.setattr(Store, "load_records", no_records)


def records_ranking(everything: pd.DataFrame, villages: list[str], period: Period | None, **options: object) -> pd.DataFrame:
    """The old path: every record in memory, the same neighbours and names."""
    from geo.data.codes import CodeList

    names = {code: CodeList.load().name(code) for code in villages}
    return priority_table(everything, villages, period, graph=area_graph("village", "21.71"), names=names,  # type: ignore[arg-type]
                          threshold=10, **options)


@pytest.mark.usefixtures("no_record_tables")
def test_riskmap_rank_and_plan_read_rollups_and_rank_as_every_record(
    batam: tuple[list[int], pd.DataFrame, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    from geo.cli import main
    from geo.cli.rank import compute_ranking

    ids, everything, villages = batam
    args = argparse.Namespace(dataset=ids, level="village", within="21.71", period="2024-03", weights=None,
                              audience="public", hotspot_on="cases", hotspots="gi", served=None, lang="en")
    ranking = compute_ranking(args)
    expected = records_ranking(everything, villages, "2024-03", audience="public", lang="en")
    pd.testing.assert_frame_equal(ranking.table, expected)
    assert ranking.table["components"].map(lambda c: c["change"] is not None).any()  # the month before was read
    dataset_options = [option for dataset_id in ids for option in ("--dataset", str(dataset_id))]
    assert main(["rank", *dataset_options, "--level", "village", "--within", "21.71", "--top", "3", "--json"]) == 0
    assert [row["code"] for row in json.loads(capsys.readouterr().out)] == list(
        records_ranking(everything, villages, "2024", audience="public", lang="en").index[:3])
    assert main(["plan", *dataset_options, "--level", "village", "--within", "21.71", "--sites", "2",
                 "--radius-km", "5", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["sites"]) == 2


@pytest.mark.usefixtures("no_record_tables")
def test_priorities_page_ranking_reads_rollups_and_ranks_as_every_record(
    batam: tuple[list[int], pd.DataFrame, list[str]],
) -> None:
    from geo.web.priority_layer import compute_ranking
    from geo.web.viewstate import PriorityView

    ids, everything, villages = batam
    view = PriorityView(level="village", area="21.71", lang="id", datasets=tuple(ids), period=("2024-01", "2024-06"),
                        weights=(("change", 2.0),))
    ranking = compute_ranking(view, data_audience="analyst", value_audience="analyst")
    expected = records_ranking(everything, villages, ("2024-01", "2024-06"), audience="analyst", lang="id",
                               weights={**ranking_weights(), "change": 2.0})
    pd.testing.assert_frame_equal(ranking.table, expected)
    assert ranking.periods == ("2022", "2023", "2024", *MONTHS)
    default = compute_ranking(replace(view, period=None, weights=()))
    assert default.period == "2024"  # the latest year of both kinds, asked of the store


def ranking_weights() -> dict[str, float]:
    from geo.analysis.priority import DEFAULT_WEIGHTS

    return dict(DEFAULT_WEIGHTS)


@pytest.mark.usefixtures("no_record_tables")
def test_brief_top_areas_read_rollups_and_equal_every_record(
    batam: tuple[list[int], pd.DataFrame, list[str]],
) -> None:
    from geo.web.brief import brief_data, priority_top
    from geo.web.viewstate import View

    ids, everything, _ = batam
    data = brief_data(View(level="village", area="21.71", lang="en", datasets=tuple(ids), period="2024-02"))
    top = priority_top(data)
    in_memory = replace(data, selection=replace(data.selection, records=everything, source=None))
    assert top is not None and len(top.rows) == 10
    assert top == priority_top(in_memory)


@pytest.mark.usefixtures("no_record_tables")
def test_priorities_page_shows_the_rollup_ranking(batam: tuple[list[int], pd.DataFrame, list[str]]) -> None:
    from streamlit.testing.v1 import AppTest

    ids, everything, villages = batam
    page = str(Path(__file__).resolve().parents[2] / "pages" / "priorities.py")
    app = AppTest.from_file(page, default_timeout=300)
    for key, value in {"level": "village", "area": "21.71", "dataset": ",".join(map(str, ids)), "period": "2024-03",
                       "lang": "en"}.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [exception.value for exception in app.exception]
    table = next(frame.value for frame in app.dataframe if "Why" in frame.value.columns)
    expected = records_ranking(everything, villages, "2024-03", audience="public", lang="en")
    assert table["Code"].tolist() == expected.index[:len(table)].tolist()
    assert table["Why"].tolist() == expected["why"].iloc[:len(table)].tolist()
