"""Area search (``riskmap areas search``) on a small hand-made code list: ranking, filters, spellings.

The real code list needs the mirror: the command itself is tested in
tests/integration/test_cli_areas.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geo.cli import language_from_environment
from geo.cli.areas import parents_of, search_areas
from geo.config import PROJECT_ROOT, data_mirror, project_path, riskmap_home
from geo.data.codes import CodeList
from geo.ingest.matching import AreaMatcher

ROWS = [
    ("21", "Kepulauan Riau"),
    ("21.01", "Kabupaten Bintan"),
    ("21.01.01", "Teluk Bintan"),
    ("21.01.01.2001", "Pengujan"),
    ("21.01.01.2002", "Tanjung Pinang"),  # a village of the same name as the city
    ("21.71", "Kota Batam"),
    ("21.71.01", "Batam Kota"),
    ("21.71.01.1001", "Sungai Panas"),
    ("21.72", "Kota Tanjung Pinang"),
    ("21.72.01", "Tanjungpinang Barat"),
    ("21.72.01.1001", "Kampung Baru"),
    ("35", "Jawa Timur"),
    ("35.07", "Kabupaten Malang"),
    ("35.73", "Kota Malang"),
    ("35.73.01", "Klojen"),
    ("35.73.01.1001", "Kampung Baru"),
    ("35.73.01.1002", "Sei Panas"),
]


@pytest.fixture(scope="module")
def matcher() -> AreaMatcher:
    return AreaMatcher(CodeList.from_rows(ROWS))


def codes_of(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.code for hit in hits]


def test_abbreviations_find_the_same_area_as_the_full_name(matcher: AreaMatcher) -> None:
    for spelling in ("Tj. Pinang", "TG PINANG", "Tanjungpinang", "Kota Tanjung Pinang", "kota tj.pinang"):
        hits = search_areas(matcher, spelling, level="regency")
        assert codes_of(hits)[:1] == ["21.72"], spelling
        assert hits[0].score == 100.0
    assert codes_of(search_areas(matcher, "Kab. Bintan", level="regency"))[:1] == ["21.01"]
    assert codes_of(search_areas(matcher, "Kepri", level="province")) == ["21"]


def test_ranking_puts_exact_names_first_then_higher_levels_then_code_order(matcher: AreaMatcher) -> None:
    hits = search_areas(matcher, "Tanjung Pinang")
    assert codes_of(hits)[:2] == ["21.72", "21.01.01.2002"]  # both exact: the regency before the village
    assert [hit.score for hit in hits[:2]] == [100.0, 100.0]
    assert hits[2].code == "21.72.01" and 60 <= hits[2].score < 100  # "Tanjungpinang Barat" is only close
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    villages = search_areas(matcher, "Kampung Baru", level="village")
    assert codes_of(villages) == ["21.72.01.1001", "35.73.01.1001"]  # a tie: code order


def test_kota_and_kabupaten_are_told_apart(matcher: AreaMatcher) -> None:
    assert codes_of(search_areas(matcher, "Kota Malang", level="regency"))[:1] == ["35.73"]
    assert codes_of(search_areas(matcher, "Kab. Malang", level="regency"))[:1] == ["35.07"]
    assert set(codes_of(search_areas(matcher, "Malang", level="regency"))) == {"35.07", "35.73"}


def test_misspellings_score_below_100_and_unrelated_names_are_not_listed(matcher: AreaMatcher) -> None:
    hits = search_areas(matcher, "Sungai Panass", level="village")
    assert hits[0].code == "21.71.01.1001" and 85 <= hits[0].score < 100
    assert "35.73.01.1002" in codes_of(hits)  # "Sei" is written for "Sungai" too
    assert search_areas(matcher, "Jayapura") == []
    assert search_areas(matcher, "   ") == []


def test_within_and_level_restrict_the_search(matcher: AreaMatcher) -> None:
    assert codes_of(search_areas(matcher, "Kampung Baru", within="35")) == ["35.73.01.1001"]
    assert codes_of(search_areas(matcher, "Kampung Baru", within="21.72.01")) == ["21.72.01.1001"]
    inside = search_areas(matcher, "Tanjung Pinang", within="21.01")
    assert codes_of(inside)[:1] == ["21.01.01.2002"] and "21.72" not in codes_of(inside)
    assert all(hit.level == "district" for hit in search_areas(matcher, "Batam", level="district"))
    assert codes_of(search_areas(matcher, "Batam", level="district")) == ["21.71.01"]


def test_limit_and_the_json_shape(matcher: AreaMatcher) -> None:
    assert len(search_areas(matcher, "Kampung Baru", limit=1)) == 1
    hit = search_areas(matcher, "Kampung Baru", within="35")[0]
    assert hit.to_dict() == {
        "code": "35.73.01.1001", "name": "Kampung Baru", "level": "village",
        "parents": [{"code": "35", "name": "Jawa Timur", "level": "province"},
                    {"code": "35.73", "name": "Kota Malang", "level": "regency"},
                    {"code": "35.73.01", "name": "Klojen", "level": "district"}],
        "score": 100.0,
    }
    assert parents_of(CodeList.from_rows(ROWS), "35") == []


def test_search_uses_the_upload_matcher_decisions(matcher: AreaMatcher) -> None:
    """What the search ranks first is what an upload with that name would be matched to."""
    for level, name, scope in (("regency", "Tj. Pinang", None), ("regency", "Kab. Bintan", None),
                               ("village", "Sungai Panass", "21")):
        decided = matcher.lookup(level, name, scope)
        assert decided.code == search_areas(matcher, name, level=level, within=scope)[0].code
    # Where an upload refuses a name as ambiguous, the search shows why: a tie at the top.
    assert matcher.lookup("village", "Sungai Panass", None).code is None
    first, second = search_areas(matcher, "Sungai Panass", level="village")[:2]
    assert first.score == second.score and {first.code, second.code} == {"21.71.01.1001", "35.73.01.1002"}


# --------------------------------------------------------------------------- run language, folders


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"RISKMAP_LANG": "id", "LANG": "en_GB.UTF-8"}, "id"),
        ({"RISKMAP_LANG": "en", "LANG": "id_ID.UTF-8"}, "en"),
        ({"RISKMAP_LANG": "fr", "LANG": "id_ID.UTF-8"}, "id"),  # an unknown choice falls back to the locale
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        ({"LC_ALL": "C", "LANG": "id_ID.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_of_a_run_without_lang(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


def test_relative_folders_are_taken_from_the_project_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    relative = os.path.relpath(mirror, PROJECT_ROOT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("RISKMAP_DATA_MIRROR", relative)
    monkeypatch.setenv("RISKMAP_HOME", os.path.relpath(tmp_path / "home", PROJECT_ROOT))
    assert data_mirror() == mirror.resolve()
    assert riskmap_home() == (tmp_path / "home").resolve()
    assert project_path(str(mirror)) == mirror.resolve()  # absolute ones stay as they are
    monkeypatch.setenv("HOME", str(tmp_path))
    assert project_path("~/mirror") == mirror.resolve()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_bad_options_are_refused_in_the_run_language(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    from geo.cli import main
    from geo.i18n import t

    for argv, message in (
        (["areas", "search", "Batam", "--limit", "0"], t("cli.bad_count", lang, value="0")),
        (["areas", "search", "Batam", "--level", "kota"],
         t("cli.bad_level", lang, value="kota", levels="province, regency, district, village")),
        (["data", "fetch", "--levels", "kota"],
         t("cli.data.bad_levels", lang, levels="kota", known="province,regency,district,village")),
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(["--lang", lang, *argv])
        assert exit_info.value.code == 2
        assert capsys.readouterr().err.strip().endswith(message)
