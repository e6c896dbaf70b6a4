"""A story step's map against opening that view directly, in headless /usr/bin/chromium; prints JSON.

Saves two views (Kepri's regencies, Kepri's villages) and a story of them in the store of
``RISKMAP_HOME`` (deleted again at the end), starts the app, opens the villages' view once to
warm it, then ``--repeat`` rounds of, each in a fresh page:

* ``direct``: navigation to ``/?level=village&area=21&present=1`` until the villages are drawn;
* ``link``: navigation to the story's link at step 2 (the same view) until they are drawn;
* ``next``: the story open at step 1 (regencies drawn), the Right arrow key pressed, until the
  villages are drawn (what a presenter waits for in a meeting).

Medians and their ratios to ``direct`` are reported; the goal is 1.3.

Usage: RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/story_step.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.browser_map import DRAWN_AREAS_JS  # noqa: E402

VILLAGES = 400  # Kepri: 417 villages drawn
VIEW = {"level": "village", "area": "21", "tiles": "none", "lang": "en"}


def _paths(page) -> int:  # type: ignore[no-untyped-def]
    for frame in page.frames:
        if "streamlit_folium" in frame.url:
            try:
                return int(frame.evaluate(DRAWN_AREAS_JS))
            except Exception:  # the frame may be replaced while we look
                return 0
    return 0


def _wait_for_paths(page, low: int, high: int = 1_000_000, timeout_s: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        if low <= _paths(page) <= high:
            return
        page.wait_for_timeout(20)  # not time.sleep: Playwright only sees new frames inside its own calls
    raise TimeoutError(f"fewer than {low} paths after {timeout_s} s")


def time_next(browser, app_url: str, story_token: str) -> float:  # type: ignore[no-untyped-def]
    """Seconds from the Right arrow key on step 1 until step 2's villages are drawn."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(f"{app_url}/?present=1&story={story_token}&step=1")
        _wait_for_paths(page, 7, 20)
        page.get_by_text("Step 1 of 2").first.wait_for(timeout=60_000)
        started = time.perf_counter()
        page.keyboard.press("ArrowRight")
        _wait_for_paths(page, VILLAGES)
        return time.perf_counter() - started
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from benchmarks.browser_map import CHROMIUM_ARGS, streamlit_server, time_to_polygons
    from geo.data import boundaries, views

    boundaries.prepare(provinces=["21"])
    regencies = views.save_view({**VIEW, "level": "regency"}, "Benchmark: Kepri regencies")
    villages = views.save_view(VIEW, "Benchmark: Kepri villages")
    story = views.create_story("Benchmark story", [(regencies.token, "Regencies"), (villages.token, "Villages")])
    samples: dict[str, list[float]] = {"direct": [], "link": [], "next": []}
    try:
        with sync_playwright() as playwright, streamlit_server("app.py") as app_url:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            direct_url = f"{app_url}/?level=village&area=21&tiles=none&lang=en&present=1"
            time_to_polygons(browser, direct_url, VILLAGES)  # warm: the layer file and the data
            for _ in range(args.repeat):
                samples["direct"].append(time_to_polygons(browser, direct_url, VILLAGES))
                samples["link"].append(
                    time_to_polygons(browser, f"{app_url}/?present=1&story={story.token}&step=2", VILLAGES))
                samples["next"].append(time_next(browser, app_url, story.token))
            browser.close()
    finally:
        views.delete_story(story.token)
        views.delete_view(regencies.token)
        views.delete_view(villages.token)
    direct = statistics.median(samples["direct"])
    result = {
        "repeat": args.repeat,
        **{
            name: {"seconds": round(statistics.median(values), 3),
                   "ratio_to_direct": round(statistics.median(values) / direct, 2),
                   "all_seconds": [round(value, 3) for value in values]}
            for name, values in samples.items()
        },
        "target_ratio": 1.3,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
