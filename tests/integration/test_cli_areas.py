"""``riskmap areas search|show``, ``--lang`` and the mirror folder, on the real code list (needs the mirror)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from geo.config import PROJECT_ROOT
from geo.i18n import t

HIT_KEYS = ["code", "name", "level", "parents", "score"]
PARENT_KEYS = ["code", "name", "level"]
SHOW_KEYS = ["code", "name", "level", "parents", "polygon", "population", "area_km2"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture()
def empty_boundary_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No level prepared: ``areas show`` must say so rather than build anything."""
    monkeypatch.setenv("RISKMAP_BOUNDARY_CACHE", str(tmp_path / "boundaries"))
    return tmp_path / "boundaries"


def test_search_json_is_a_ranked_list_of_areas_with_parents(mirror: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "areas", "search", "Tj. Pinang", "--level", "regency", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert out.count("\n") == 1  # one JSON value
    assert [list(hit) for hit in hits] == [HIT_KEYS] * len(hits)
    assert hits[0] == {"code": "21.72", "name": "Kota Tanjung Pinang", "level": "regency",
                       "parents": [{"code": "21", "name": "Kepulauan Riau", "level": "province"}], "score": 100.0}
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)

    code, out, _ = run(capsys, "areas", "search", "kab. bintan", "--json", "--limit", "3")
    hits = json.loads(out)
    assert len(hits) == 3 and hits[0]["code"] == "21.01"
    village = next(hit for hit in hits if hit["level"] == "village")
    assert [list(parent) for parent in village["parents"]] == [PARENT_KEYS] * 3
    assert [parent["level"] for parent in village["parents"]] == ["province", "regency", "district"]


def test_search_within_an_area(mirror: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "areas", "search", "Tanjung Pinang", "--within", "2101", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits and all(hit["code"].startswith("21.01.") for hit in hits)
    assert all(hit["parents"][1]["code"] == "21.01" for hit in hits)

    assert run(capsys, "areas", "search", "Batam", "--within", "21", "--level", "province")[0] == 2
    code, _, err = run(capsys, "areas", "search", "Batam", "--within", "21.99")
    assert code == 2 and "21.99" in err


def test_search_text_is_a_table_and_says_when_nothing_fits(mirror: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en", "areas", "search", "Batam", "--level", "regency", "--limit", "2")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["Code", "Name", "Level", "Score", "Inside"]
    assert lines[1].split()[:3] == ["21.71", "Kota", "Batam"] and lines[1].endswith("Kepulauan Riau")
    code, out, _ = run(capsys, "--lang", "en", "areas", "search", "Qwxyzzz", "--level", "province")
    assert code == 0 and out.strip() == t("cli.areas.no_match", "en", name="Qwxyzzz")


def test_show_accepts_undotted_codes_and_prints_one_json_object(
    mirror: Path, empty_boundary_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "areas", "show", "2171", "--json")
    assert code == 0, err
    area = json.loads(out)
    assert list(area) == SHOW_KEYS
    assert (area["code"], area["name"], area["level"]) == ("21.71", "Kota Batam", "regency")
    assert area["parents"] == [{"code": "21", "name": "Kepulauan Riau", "level": "province"}]
    assert area["polygon"] is None  # nothing prepared: not built behind the user's back
    assert not list(empty_boundary_cache.rglob("*.parquet"))
    assert isinstance(area["population"], int) and area["population"] > 1_000_000
    assert area["area_km2"] > 0

    _, out, _ = run(capsys, "areas", "show", "3507012001", "--json")
    village = json.loads(out)
    assert village["level"] == "village" and village["population"] is None
    assert [parent["code"] for parent in village["parents"]] == ["35", "35.07", "35.07.01"]


def test_show_says_whether_a_polygon_is_present(
    prepared_boundaries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "areas", "show", "21.71", "--json")
    assert json.loads(out)["polygon"] is True
    _, out, _ = run(capsys, "--lang", "en", "areas", "show", "21.71")
    assert f"{t('cli.areas.polygon', 'en')}" in out and t("cli.areas.polygon.yes", "en") in out


def test_unknown_or_malformed_code_exits_2_with_the_reason(mirror: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "en", "areas", "show", "21.99")
    assert (code, out) == (2, "")
    assert err == "riskmap: Kode wilayah '21.99' is well formed but not in the Kepmendagri 2025 code list.\n"
    code, _, err = run(capsys, "--lang", "id", "areas", "show", "21.xx")
    assert code == 2 and "21.xx" in err and "Traceback" not in err
    assert err.strip() == "riskmap: " + t("code_error.format", "id", raw="21.xx")


LABEL_KEYS = ("cli.areas.column.code", "cli.areas.column.name", "cli.areas.column.level", "cli.areas.polygon",
              "cli.areas.population", "cli.areas.area", "cli.areas.polygon.not_prepared", "level.regency",
              "level.province")


@pytest.mark.parametrize(("lang", "other"), [("id", "en"), ("en", "id")])
def test_one_run_speaks_one_language(
    lang: str, other: str, mirror: Path, empty_boundary_cache: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RISKMAP_LANG", other)  # --lang wins over the environment
    _, out, _ = run(capsys, "--lang", lang, "areas", "show", "2171")
    for key in LABEL_KEYS:
        text = t(key, lang, province="21")
        assert text in out, key
        if t(key, other, province="21") != text:
            assert t(key, other, province="21") not in out, key
    assert ("1.342.038" if lang == "id" else "1,342,038") in out  # numbers in the run's language too

    _, out, err = run(capsys, "areas", "show", "2171", "--lang", lang)  # the option after the command counts too
    assert t("cli.areas.population", lang) in out and err == ""

    code, _, err = run(capsys, "--lang", lang, "areas", "search", "x", "--within", "21", "--level", "province")
    assert code == 2 and err.strip() == "riskmap: " + t("cli.areas.level_not_below", lang, level="province",
                                                         within="21")
    code, out, _ = run(capsys, "--lang", lang, "data", "info")
    assert code == 0 and t("level.village", lang) in out
    with pytest.raises(SystemExit):
        main(["--lang", lang, "areas", "search", "--help"])
    assert t("cli.areas.search.name_help", lang) in capsys.readouterr().out

    monkeypatch.setenv("RISKMAP_LANG", lang)  # without --lang: the environment
    code, _, err = run(capsys, "data", "fetch", "--provinces", "99", "--levels", "province")
    assert code == 2 and err.strip() == "riskmap: " + t("cli.data.unknown_provinces", lang, codes="99")


RISKMAP = Path(sys.executable).parent / "riskmap"  # the console script that set-up installs


def _riskmap(cwd: Path, mirror_value: str, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RISKMAP_DATA_MIRROR": mirror_value, "RISKMAP_LANG": "en"}
    return subprocess.run([str(RISKMAP), *argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


def test_a_relative_mirror_is_found_from_another_folder(mirror: Path, tmp_path: Path) -> None:
    relative = os.path.relpath(mirror.resolve(), PROJECT_ROOT)
    assert not (tmp_path / relative).exists()  # taken from the current folder, it would name nothing
    done = _riskmap(tmp_path, relative, "areas", "show", "2171", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["name"] == "Kota Batam"


def test_a_missing_mirror_file_names_the_folder_searched(tmp_path: Path) -> None:
    done = _riskmap(tmp_path, "no-such-mirror", "areas", "show", "2171")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr == (
        f"riskmap: codes/db/wilayah.sql (or codes/db/wilayah.sql.gz) was not found in the mirror folder "
        f"{PROJECT_ROOT / 'no-such-mirror'} (RISKMAP_DATA_MIRROR; a relative value is taken from the project root). "
        "Point the variable at a complete mirror, or unset it to download.\n"
    )


# --------------------------------------------------------------------------- ingest and datasets in one language

UPLOAD = (
    "Kode Wilayah;Kabupaten/Kota;Provinsi;Tahun;Jumlah PMI;No HP\n"
    "21.71;;;2023;1.234;\n"
    ";Tj. Pinang;Kepri;2023;7;0812345678\n"
    "99.99;;;2023;3;\n"
    "21.71;;;2023;-3;\n"
)


@pytest.mark.parametrize(("lang", "other"), [("id", "en"), ("en", "id")])
def test_ingest_and_datasets_speak_the_run_language(
    lang: str, other: str, mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    monkeypatch.setenv("RISKMAP_LANG", other)
    upload = tmp_path / "pmi.csv"
    upload.write_text(UPLOAD, encoding="utf-8")
    code, out, err = run(capsys, "--lang", lang, "ingest", str(upload), "--kind", "migration", "--name", "Uji")
    assert code == 0, err
    summary = t("cli.ingest.summary", lang, file="pmi.csv", read="4", accepted="2", rejected="2",
                total="1.241" if lang == "id" else "1,241")
    assert out.splitlines()[0] == summary
    # rows 4 and 5 (unknown code, negative count) and the dropped phone column, worded in the run's language
    assert t("cli.ingest.rejected_row", lang, row=4, reason=t("code_error.not_in_list", lang, raw="99.99")) in out
    assert t("cli.ingest.rejected_row", lang, row=5, reason=t("ingest_reason.count_negative", lang, value="-3")) in out
    assert t("ingest_reason.count_negative", other, value="-3") not in out
    assert t("ingest_reason.kind.phone", lang) in out and t("ingest_reason.kind.phone", other) not in out
    assert t("cli.ingest.matched_by", lang, code="1", name="1", fuzzy="0") in out
    dataset_id = int(out.rsplit(" ", 1)[1])

    code, out, err = run(capsys, "--lang", lang, "datasets", "--kind", "migration")
    assert code == 0, err
    mine = next(line for line in out.splitlines() if " Uji v1 " in line)
    assert t("cli.datasets.flag.active", lang) in mine and t("map.kind.migration", lang) in mine
    code, _, err = run(capsys, "--lang", lang, "datasets", "--delete", str(dataset_id))
    assert code == 2 and err.strip() == t("cli.datasets.confirm_delete", lang, id=dataset_id)
    code, _, err = run(capsys, "--lang", lang, "datasets", "--threshold", "x")
    assert code == 2 and err.strip() == "riskmap: " + t("cli.datasets.bad_threshold", lang, option="x")
