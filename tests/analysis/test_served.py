"""Served areas as a third dataset kind: uploaded like any data, then covered in `riskmap rank/plan --served ID`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from geo.analysis.hotspots import AreaGraph, area_graph
from geo.analysis.plan import served_flags
from geo.data.kinds import DATASET_KINDS, KINDS, SERVED


@pytest.fixture(scope="module", autouse=True)
def _own_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """This module publishes and activates datasets: in a store of its own, not the session's.

    The session's store is shared by the later app and browser tests, which expect the sample
    datasets to be the active ones (the boundary cache is kept: it has its own variable).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RISKMAP_HOME", str(tmp_path_factory.mktemp("served-home")))
        patch.delenv("RISKMAP_DB_URL", raising=False)
        yield


@pytest.fixture(scope="module")
def kepri(prepared_boundaries: Path) -> AreaGraph:
    return area_graph("village", "21")


@pytest.fixture(scope="module")
def count_datasets(kepri: AreaGraph) -> tuple[int, int]:
    """Migration and cases for every Kepri village: Batam (21.71) villages have many cases."""
    from geo.data.store import default_store

    rows = []
    for number, code in enumerate(kepri.codes.tolist()):
        cases = 40 + number % 7 if code.startswith("21.71.") else number % 3
        rows += [(code, "village", "2024", 300 + number % 50, "migration"), (code, "village", "2024", cases, "cases")]
    records = pd.DataFrame(rows, columns=["area_code", "level", "period", "count", "kind"])
    store = default_store()
    ids = [store.save_dataset(kind=kind, name=f"served test {kind}", records=records[records["kind"] == kind]
                              .drop(columns="kind")) for kind in KINDS]
    return ids[0], ids[1]


def ingest_served(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    from geo.cli import main

    path = tmp_path / "pos_p4mi.csv"
    path.write_text(text, encoding="utf-8")
    assert main(["ingest", str(path), "--kind", SERVED, "--name", "Pos P4MI (uji)", "--json"]) == 0
    return dict(json.loads(capsys.readouterr().out))


def test_served_is_a_dataset_kind_but_not_a_map_kind() -> None:
    assert DATASET_KINDS == (*KINDS, SERVED) and SERVED not in KINDS


def test_served_list_is_ingested_matched_and_guarded(kepri: AreaGraph, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from geo.data.store import default_store

    village = str(kepri.codes[0])
    report = ingest_served(tmp_path, (
        "kode wilayah,program,nama petugas,telepon\n"
        f"{village},P4MI,Siti Aminah,081234567890\n"
        "21.71,Desmigratif,Budi Santoso,081298765432\n"
        "99.99.99.9999,P4MI,Ani,081211112222\n"
    ), capsys)
    assert report["kind"] == SERVED and report["rows_accepted"] == 2 and report["rows_rejected"] == 1
    assert [item["row"] for item in report["rejected"]] == [4]  # type: ignore[attr-defined]
    assert {"nama petugas", "telepon"} <= set(report["dropped_columns"])  # type: ignore[arg-type]
    dataset_id = int(report["dataset_id"])  # type: ignore[call-overload]
    store = default_store()
    assert store.get_dataset(dataset_id).kind == SERVED
    assert store.area_codes(dataset_id) == {village, "21.71"}
    stored = [str(value) for value in store.load_records(dataset_id).to_numpy().ravel().tolist()]
    assert not any("Siti" in value or "0812" in value for value in stored)  # personal data never stored


def test_rank_and_plan_count_a_served_dataset_as_covered(kepri: AreaGraph, count_datasets: tuple[int, int],
                                                        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from geo.cli import main

    batam = [code for code in kepri.codes.tolist() if code.startswith("21.71.")]
    report = ingest_served(tmp_path, "kode wilayah,program\n21.71,Desmigratif\n", capsys)
    served_id = str(report["dataset_id"])
    common = ["--dataset", str(count_datasets[0]), "--dataset", str(count_datasets[1]), "--level", "village",
              "--within", "21", "--audience", "analyst", "--lang", "en", "--json"]
    assert main(["rank", *common, "--served", served_id]) == 0
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    assert all(rows[code]["components"]["uncovered_scaled"] == 0 for code in batam)
    assert "a programme is within reach" in rows[batam[0]]["why"]
    outside = next(code for code in rows if not code.startswith("21.71."))
    assert rows[outside]["components"]["uncovered_scaled"] == 10 and "coverage" in rows[outside]["dimensions"]

    assert main(["plan", *common, "--sites", "1", "--radius-km", "5"]) == 0
    unserved = json.loads(capsys.readouterr().out)
    assert main(["plan", *common, "--sites", "1", "--radius-km", "5", "--served", served_id]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert not any(gap["code"].startswith("21.71.") for gap in plan["gaps"])  # the plan lists the gaps left
    assert any(gap["code"].startswith("21.71.") for gap in unserved["gaps"])  # Batam leads without the programme
    assert not plan["sites"][0]["code"].startswith("21.71.")  # a new site goes where no programme is
    assert plan["covered_share"] > unserved["covered_share"]


def test_served_must_name_a_served_dataset_the_audience_may_use(count_datasets: tuple[int, int], tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from geo.cli import main
    from geo.data.store import default_store

    common = ["--dataset", str(count_datasets[0]), "--dataset", str(count_datasets[1]), "--level", "village",
              "--within", "21", "--lang", "en", "--json"]
    assert main(["rank", *common, "--served", str(count_datasets[0])]) == 2
    err = capsys.readouterr().err
    assert "is a migration dataset, not a list of served areas" in err and "Traceback" not in err
    assert main(["plan", *common, "--sites", "1", "--radius-km", "5", "--served", "987654"]) == 2
    assert "--served 987654: no dataset with this id" in capsys.readouterr().err
    report = ingest_served(tmp_path, "kode wilayah\n21.71\n", capsys)
    default_store().set_restricted(int(report["dataset_id"]), True)  # type: ignore[call-overload]
    assert main(["rank", *common, "--served", str(report["dataset_id"])]) == 2
    assert "no dataset with this id is available to the public audience" in capsys.readouterr().err
    assert main(["rank", *common, "--audience", "analyst", "--served", str(report["dataset_id"])]) == 0


def test_served_flags_cover_areas_inside_a_served_area() -> None:
    flags = served_flags({"21.71.01", "21.01.02.2003"}, ["21.71.01.1001", "21.01.02.2003", "21.01.02.2004"])
    assert flags.tolist() == [True, True, False] and flags.index.name == "code"


def test_data_page_publishes_a_served_list(mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from geo.data.store import Store

    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))  # a fresh store
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    app = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"), default_timeout=120)
    app.query_params["lang"] = "en"
    app.switch_page("pages/data.py").run()
    kind = app.radio(key="data_kind")
    assert "Areas served by a programme (Desmigratif villages, P4MI posts)" in kind.options
    kind.set_value(SERVED).run()
    content = "kode wilayah,jenis pos,no hp petugas\n21.71,P4MI,081234567890\n21.01.04.1005,Desmigratif,08129876543\n"
    app.file_uploader[0].set_value(("pos.csv", content.encode("utf-8"), "text/csv")).run()
    assert not app.exception, [element.value for element in app.exception]
    warnings = " ".join(element.value for element in app.warning)
    assert "no hp petugas" in warnings  # the personal-data guard, as for any upload
    assert "counts as 1 case" not in warnings and "no period" not in warnings  # a served list needs neither
    app.text_input[0].set_value("Pos P4MI Kepri")
    next(button for button in app.button if button.label == "Publish as a new version").click().run()
    assert not app.exception, [element.value for element in app.exception]
    (served,) = Store().list_datasets(SERVED)
    assert served.name == "Pos P4MI Kepri" and served.rows_accepted == 2
    assert Store().area_codes(served.id) == {"21.71", "21.01.04.1005"}
    table = app.dataframe[-1].value
    assert "Areas served by a programme (Desmigratif villages, P4MI posts)" in set(table["Kind"])
