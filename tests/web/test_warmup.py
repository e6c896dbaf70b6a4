"""Warming an app process before its first visitor (geo.web.warmup, riskmap-app)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.app import server
from geo.web import warmup
from geo.web.layer_files import layer_files_present, write_layer_file
from geo.web.layers import cached_layer

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Heavy packages the first map needs. After the warm-up, the app's first run must import none
# of them (nor any geo module outside geo.app, the only package that imports Streamlit).
HEAVY_PACKAGES = ("folium", "branca", "sqlalchemy", "alembic", "pandas", "geopandas", "shapely", "pyarrow",
                  "jinja2", "xyzservices")

FIRST_RUN_IMPORTS = """
import json, sys
from geo.web.warmup import warm_up
warmed = warm_up([""])
before = set(sys.modules)
from streamlit.testing.v1 import AppTest
app = AppTest.from_file("app.py", default_timeout=120)
app.run()
print(json.dumps({"problems": warmed.problems, "exceptions": [str(e.value) for e in app.exception],
                  "new": sorted(set(sys.modules) - before)}))
"""


def test_warm_views_splits_the_setting_and_defaults_to_the_first_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(warmup.WARM_VIEWS_VARIABLE, " ?level=regency  level=village&area=21 ")
    assert warmup.warm_views() == ("level=regency", "level=village&area=21")
    monkeypatch.delenv(warmup.WARM_VIEWS_VARIABLE)
    assert warmup.warm_views() == ("",)


def test_warm_up_prepares_the_views_layers_and_files(prepared_boundaries: Path) -> None:
    lines: list[str] = []
    done = warmup.warm_up(["", "level=village&area=21"], report=lines.append)
    assert done.problems == []
    assert done.views == ["", "level=village&area=21"]
    assert [line.split(":")[0] for line in lines] == ["store", "base", "view /", "view ?level=village&area=21"]
    hits = cached_layer.cache_info().hits
    villages = cached_layer("village", "21")
    assert cached_layer.cache_info().hits == hits + 1  # built by the warm-up, not by this call
    assert layer_files_present(write_layer_file(villages))
    for module in warmup.PRELOADED_MODULES:
        assert module in sys.modules


def test_warm_up_reports_what_it_cannot_prepare_and_goes_on(
    prepared_boundaries: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A province whose villages are not prepared (Papua: no test prepares it), with no mirror
    # to build them from: the visitor would see the same message; the server starts all the same.
    monkeypatch.setenv("RISKMAP_DATA_MIRROR", str(prepared_boundaries / "no-such-mirror"))
    monkeypatch.setenv("RISKMAP_BOUNDARY_CACHE", str(prepared_boundaries / "empty-boundary-cache"))
    done = warmup.warm_up(["level=village&area=94"])
    assert done.views == []
    assert any(problem.startswith("view ?level=village&area=94: ") and "no-such-mirror" in problem
               for problem in done.problems)


def test_after_the_warm_up_the_first_run_imports_nothing_heavy(prepared_boundaries: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", FIRST_RUN_IMPORTS], cwd=PROJECT_ROOT, env=os.environ.copy(),
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    assert figures["problems"] == [] and figures["exceptions"] == []
    heavy = [name for name in figures["new"] if name.split(".")[0] in HEAVY_PACKAGES
             or (name.startswith("geo.") and not name.startswith("geo.app"))]
    assert heavy == []
    assert "streamlit_folium" in figures["new"]  # declared inside a script run, as Streamlit needs


def test_riskmap_app_without_a_script_prints_its_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert server.main([]) == 2
    assert "usage: riskmap-app APP.py" in capsys.readouterr().err


def test_the_test_server_was_warmed_before_it_answered(app_url: str) -> None:
    # The browser tests' server is started as scripts/run starts the app (riskmap-app).
    log = (PROJECT_ROOT / "tests" / "artifacts" / "streamlit-server.log").read_text(encoding="utf-8")
    warmed = log.index("riskmap-app: warm-up done in")
    assert "riskmap-app: warm-up view /: " in log[:warmed]
    assert log.index("URL: http://") > warmed  # Streamlit listened only after the warm-up
