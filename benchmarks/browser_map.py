"""Seconds from navigation to polygons drawn, in headless /usr/bin/chromium; prints JSON.

Starts three Streamlit servers (the app, a one-polygon floor page and the naive
recipe), warms each view once, then loads the floor and the app's views in turns,
``--repeat`` rounds, each in a fresh browser context (nothing cached), and reports the
medians. Ratios are to the floor measured in the same rounds. The naive recipe is
measured afterwards, once per view (it is slow). ``--tiles auto,none`` starts one app
server per basemap setting (``RISKMAP_TILES``) and measures them in the same rounds, in
turns with the floor, so that a loaded machine weighs on every setting alike.

Usage: RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/browser_map.py
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWS = {
    "national_regencies": ("level=regency", 500),
    "kepri_villages": ("level=village&area=21", 400),
    "jawa_timur_villages": ("level=village&area=35", 8000),
}


SERVER_PIDS: dict[str, int] = {}
"""Process id of each running :func:`streamlit_server` by its URL (benchmarks/national_views.py reads its memory)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def streamlit_server(script: str, **env: str):
    port = _free_port()
    # The app starts as the product starts it (riskmap-app: warmed before it listens); the
    # floor and the naive recipe are plain Streamlit pages.
    runner = ["-m", "geo.app.server"] if script == "app.py" else ["-m", "streamlit", "run"]
    server = subprocess.Popen(
        [sys.executable, *runner, script, "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--server.enableStaticServing", "true"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    SERVER_PIDS[url] = server.pid
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError(f"{script} did not start")
        yield url
    finally:
        SERVER_PIDS.pop(url, None)
        server.terminate()
        server.wait(timeout=30)


def _renderer_pids() -> set[int]:
    """Chromium renderer processes started by this process (through Playwright's driver and the browser)."""
    parents: dict[int, int] = {}
    renderers: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        if b"--type=renderer" in command:
            renderers.add(int(entry.name))
    mine = set()
    for pid in renderers:
        ancestor = pid
        while ancestor > 1 and ancestor != os.getpid():
            ancestor = parents.get(ancestor, 1)
        if ancestor == os.getpid():
            mine.add(pid)
    return mine


def _cpu_seconds(pids: set[int]) -> float:
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


DRAWN_AREAS_JS = """() => Math.max(document.querySelectorAll('path.leaflet-interactive').length,
    Number((document.querySelector('.leaflet-container') || {dataset: {}}).dataset.riskmapAreas || 0))"""
"""How many polygons a map frame shows: its interactive SVG paths (the floor page, small layers)
or, for areas drawn on a canvas (js/choropleth.js), the count the map sets once they are painted."""


def time_to_polygons(browser, url: str, minimum: int, timeout_s: float = 120.0, cpu: list[float] | None = None) -> float:
    """Seconds from navigation start until the map iframe shows ``minimum`` polygons (:data:`DRAWN_AREAS_JS`).

    With ``cpu`` (Linux), the CPU seconds its new renderer process(es) used until then are
    appended: unlike wall time they hardly grow when other work loads the machine.
    """
    before = _renderer_pids() if cpu is not None else set()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        deadline = started + timeout_s
        while time.perf_counter() < deadline:
            for frame in page.frames:
                if "streamlit_folium" in frame.url:
                    try:
                        count = frame.evaluate(DRAWN_AREAS_JS)
                    except Exception:  # the frame may be replaced while we look
                        count = 0
                    if count >= minimum:
                        seconds = time.perf_counter() - started
                        if cpu is not None:
                            cpu.append(_cpu_seconds(_renderer_pids() - before))
                        return seconds
            page.wait_for_timeout(20)  # not time.sleep: Playwright only sees new frames inside its own calls
        raise TimeoutError(f"{url}: fewer than {minimum} polygons after {timeout_s} s")
    finally:
        page.close()


INDICATOR_LABELS = {"migrants": "Jumlah pekerja migran", "cases": "Kasus perdagangan orang"}
_STYLE_KEY = "() => (window.map && window.map.getContainer().getAttribute('data-riskmap-style')) || ''"
_FILLS = ("() => window.riskmapLayer.getLayers().map(a => typeof a.options.fillColor === 'string'"
          " ? a.options.fillColor : 'hatch')")  # SVG or canvas alike


def _map_frame(page, minimum: int, timeout_s: float = 120.0):
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url:
                try:
                    if frame.evaluate(DRAWN_AREAS_JS) >= minimum:
                        return frame
                except Exception:
                    pass
        page.wait_for_timeout(20)
    raise TimeoutError("map not drawn")


def indicator_switch(browser, app_url: str, query: str, minimum: int, repeat: int) -> dict[str, object]:
    """Seconds from choosing another indicator until the map shows its colours (same map, same view)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{app_url}/?{query}&indicator=migrants&period=all")
        frame = _map_frame(page, minimum)
        frame.wait_for_function("() => window.riskmapLoaded && " + _STYLE_KEY[6:], timeout=120_000)
        page.wait_for_timeout(1500)  # let the map settle (initial fit) before switching
        frame.evaluate("window.benchmarkMarker = 1")
        view_before = frame.evaluate("[map.getCenter().lat, map.getCenter().lng, map.getZoom()]")
        timings, changed = [], []
        names = ["cases", "migrants"] * repeat
        for name in names[:repeat * 2]:
            key, fills = frame.evaluate(_STYLE_KEY), frame.evaluate(_FILLS)
            option = page.get_by_role("option", name=INDICATOR_LABELS[name], exact=True)
            for _ in range(3):  # a rerun arriving as the box opens closes it again: open it once more
                page.locator('[data-testid="stSelectbox"]').filter(has_text="Indikator").first.click()
                try:
                    option.wait_for(timeout=10_000)
                    break
                except PlaywrightTimeoutError:
                    page.keyboard.press("Escape")
            started = time.perf_counter()
            option.click()
            while frame.evaluate(_STYLE_KEY) == key:
                if time.perf_counter() - started > 60:
                    raise TimeoutError("the map was not recoloured")
                page.wait_for_timeout(10)
            timings.append(time.perf_counter() - started)
            after = frame.evaluate(_FILLS)
            changed.append(sum(1 for a, b in zip(fills, after, strict=False) if a != b))
            page.wait_for_timeout(500)
        return {
            "seconds": round(statistics.median(timings), 3),
            "all_seconds": [round(x, 3) for x in timings],
            "areas_recoloured": changed,
            "same_map": frame.evaluate("window.benchmarkMarker === 1"),
            "view_kept": frame.evaluate("[map.getCenter().lat, map.getCenter().lng, map.getZoom()]") == view_before,
        }
    finally:
        page.close()


def measure(browser, url: str, minimum: int, repeat: int) -> float:
    time_to_polygons(browser, url, minimum)  # warm the server's caches
    return statistics.median(time_to_polygons(browser, url, minimum) for _ in range(repeat))


def measure_interleaved(browser, floor_url: str, app_urls: dict[str, str], repeat: int) -> dict[str, list[float]]:
    """Floor and app views (of each app server: ``{label: url}``) in turns, so that all see the same
    machine load; each warmed once first. Keys: ``floor`` and ``label/view`` (``view`` for the label "")."""
    targets = {"floor": (floor_url, 1)}
    for label, app_url in app_urls.items():
        targets.update({
            f"{label}/{name}" if label else name: (f"{app_url}/?{query}", minimum)
            for name, (query, minimum) in VIEWS.items()
        })
    for url, minimum in targets.values():
        time_to_polygons(browser, url, minimum)
    samples: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(repeat):
        for name, (url, minimum) in targets.items():
            samples[name].append(time_to_polygons(browser, url, minimum, cpu=samples.setdefault(f"cpu:{name}", [])))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-naive", action="store_true", help="leave out the (slow) naive recipe")
    parser.add_argument("--skip-switch", action="store_true", help="leave out the indicator switch")
    parser.add_argument("--tiles", default="", help="basemap settings to compare in the same rounds, e.g. auto,none "
                        "(default: one app with the server's default)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from geo.data import boundaries

    boundaries.prepare(provinces=["21", "35"])
    from playwright.sync_api import sync_playwright

    result: dict[str, object] = {"repeat": args.repeat}
    with ExitStack() as stack, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        floor_url = stack.enter_context(streamlit_server("benchmarks/apps/floor.py"))
        tile_choices = [choice.strip() for choice in args.tiles.split(",") if choice.strip()]
        app_urls = {
            choice: stack.enter_context(streamlit_server("app.py", RISKMAP_TILES=choice)) for choice in tile_choices
        } or {"": stack.enter_context(streamlit_server("app.py"))}
        app_url = next(iter(app_urls.values()))
        samples = measure_interleaved(browser, floor_url, app_urls, args.repeat)
        floor = statistics.median(samples["floor"])
        result["floor_s"] = round(floor, 3)
        result["floor_all_s"] = [round(x, 3) for x in samples["floor"]]
        floor_cpu = statistics.median(samples["cpu:floor"])
        result["floor_renderer_cpu_s"] = round(floor_cpu, 3)
        result["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
        for label in app_urls:
            result["app" if not label else f"app_tiles_{label}"] = {
                name: {
                    "seconds": round(statistics.median(samples[key]), 3),
                    "ratio_to_floor": round(statistics.median(samples[key]) / floor, 2),
                    "all_seconds": [round(x, 3) for x in samples[key]],
                    # CPU of the page's renderer until drawn, and its ratio to the floor's: steady under load
                    "renderer_cpu_s": round(statistics.median(samples[f"cpu:{key}"]), 3),
                    "renderer_cpu_ratio": round(statistics.median(samples[f"cpu:{key}"]) / floor_cpu, 2),
                }
                for name in VIEWS
                for key in [f"{label}/{name}" if label else name]
            }
        if not args.skip_switch:
            result["indicator_switch"] = {
                name: indicator_switch(browser, app_url, query, minimum, args.repeat)
                for name, (query, minimum) in VIEWS.items()
            }

        if not args.skip_naive:
            naive_url = stack.enter_context(streamlit_server("benchmarks/apps/naive.py"))
            naive = {}
            for name, (query, minimum) in VIEWS.items():
                seconds = measure(browser, f"{naive_url}/?{query}", minimum, 1)
                naive[name] = {"seconds": round(seconds, 3), "ratio_to_floor": round(seconds / floor, 2)}
            result["naive"] = naive
        browser.close()
    result["targets_ratio"] = {"national_regencies": 1.3, "kepri_villages": 1.3, "jawa_timur_villages": 2.5}
    result["target_indicator_switch_s"] = 1.0
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
