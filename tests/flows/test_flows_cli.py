"""``riskmap flows --dataset ID … --json`` over a dataset in a temporary store."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geo.analysis import flows
from geo.cli import flows as _cli_flows
from geo.cli import main
from geo.data.store import Store

pytestmark = pytest.mark.integration  # origin names and --within come from the Kepmendagri code list (mirror)


@pytest.fixture
def dataset_id(tmp_path, monkeypatch) -> int:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    records = pd.DataFrame(
        {
            "area_code": ["21.71.01.1001", "21.71.02.1001", "21.01.01.2001", "32.12.01.2001", "21.71.01.1001"],
            "level": ["village"] * 5,
            "period": ["2025", "2025", "2025", "2024", "2025"],
            "destination_country": ["Kamboja", "Kamboja", "Malaysia", "Arab Saudi", None],
            "destination_city": ["Phnom Penh", "Phnom Penh", "Johor Baru", None, "Negeri Antah Berantah"],
            "transit": [None, "Johor Bahru", None, None, None],
            "count": [500, 312, 25, 200, 13],  # 13 >= 10: the public may see the unplaced group's count
        }
    )
    return Store(url).save_dataset(kind="cases", name="cli test", records=records)


def test_flows_json_lists_the_largest_flows(dataset_id, capsys):
    assert main(["flows", "--dataset", str(dataset_id), "--level", "regency", "--json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert rows[0] == {
        "origin_code": "21.71",
        "origin_name": "Kota Batam",
        "destination": "Phnom Penh",
        "destination_country": "Cambodia",
        "lat": 11.5564,
        "lon": 104.9282,
        "count": 812,  # transit and direct records of one pair are one flow here
    }
    assert [row["count"] for row in rows] == [812, 200, 25]
    assert set(rows[0]) == {"origin_code", "origin_name", "destination", "destination_country", "lat", "lon", "count"}
    # the unplaceable destination is reported on stderr, not dropped silently
    assert "Negeri Antah Berantah" in captured.err and "not placed" in captured.err


def test_flows_within_and_top(dataset_id, capsys):
    assert (
        main(["flows", "--dataset", str(dataset_id), "--level", "district", "--within", "2171", "--top", "1", "--json"])
        == 0
    )
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert [(row["origin_code"], row["count"]) for row in rows] == [("21.71.01", 500)]
    assert "1 more flows (312) beyond --top" in captured.err


def test_flows_rejects_unknown_dataset_and_area(dataset_id, capsys):
    assert main(["flows", "--dataset", "999", "--json"]) == 2
    assert "no dataset with id 999" in capsys.readouterr().err
    assert main(["flows", "--dataset", str(dataset_id), "--within", "21.99", "--json"]) == 2
    assert "21.99" in capsys.readouterr().err
    assert main(["flows", "--dataset", str(dataset_id), "--top", "-3", "--json"]) == 2
    assert "--top -3" in capsys.readouterr().err


def test_cli_default_top_matches_the_library():
    assert _cli_flows.DEFAULT_TOP == flows.DEFAULT_TOP
