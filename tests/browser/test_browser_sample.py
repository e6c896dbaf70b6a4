"""The headline case on a fresh store: Kepri's villages open on data (issue #10, items 1 and 2)."""

from __future__ import annotations

import re
import time

import pytest

from geo.analysis.palettes import NO_DATA_COLOUR, SUPPRESSED_COLOUR
from tests.browser.test_browser_map import _FILLS_JS, wait_for_paths, wait_for_style

pytestmark = pytest.mark.browser

NOT_COLOURED = {NO_DATA_COLOUR, SUPPRESSED_COLOUR, "url(#riskmap-suppressed-hatch)", None}


def test_kepri_villages_open_coloured_with_a_one_line_sample_label(app_url: str, recorded_page) -> None:  # type: ignore[no-untyped-def]
    page = recorded_page.page
    started = time.monotonic()
    page.goto(f"{app_url}/?level=village&area=21")
    frame = wait_for_paths(page, 400)
    wait_for_style(frame)
    print(f"Kepri villages coloured after {time.monotonic() - started:.1f} s")  # noqa: T201 - a figure for the report
    fills = frame.evaluate(_FILLS_JS)
    coloured = [fill for fill in fills if fill not in NOT_COLOURED]
    assert len(coloured) >= 100, f"{len(coloured)} of {len(fills)} villages coloured"
    legend = frame.evaluate("document.querySelector('.riskmap-legend').innerText")
    assert legend.startswith("Jumlah pekerja migran"), legend  # the first indicator: it has data in Kepri
    label = page.get_by_text(re.compile("^DATA CONTOH \\(sintetis\\)"))
    label.first.wait_for(timeout=60_000)
    assert "BP2MI" not in label.first.inner_text()  # one line; the sources are one click away
    sources = page.get_by_role("button", name="Sumber acuan")
    sources.first.click()
    page.get_by_text(re.compile("BP3MI Kepulauan Riau")).first.wait_for(timeout=30_000)
    assert page.get_by_text(re.compile("Sample data \\(synthetic\\)")).count() == 0  # the page's language only
