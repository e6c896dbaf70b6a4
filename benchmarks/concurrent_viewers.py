"""Many viewers at once: does every one of N concurrent browsers get its map, and how fast? Prints JSON.

Starts the app (``riskmap-app app.py`` on a free port) with a temporary RISKMAP_HOME of its
own and the mirror, the boundary cache prepared for Kepulauan Riau (province 21) beforehand,
then opens ``--viewers`` headless Chromium pages at the same moment, each in its own browser
context (no shared cache or cookies), on ``/?level=village&area=21``. For each page it
records whether the polygons were drawn inside the streamlit-folium iframe (at least
``--minimum`` polygons drawn, counted as ``DRAWN_AREAS_JS`` of ``benchmarks/browser_map.py``)
and the seconds from navigation to drawn. Reports how many were drawn, p50/p90/max seconds,
and the server's peak resident memory (``VmHWM`` from ``/proc``).

One warm-up view is loaded first (not counted) so the figures are those of a running server,
not of its first start; ``--cold`` skips it.

Usage (the lead runs N=20; the machine's 2 cores are shared, so try small N first)::

    RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/concurrent_viewers.py --viewers 20

``--boundary-cache FOLDER`` reuses a prepared boundary cache (e.g. the tests' one,
``/tmp/riskmap-test-boundaries``) instead of preparing one in the temporary home (about 1 min).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.browser_map import DRAWN_AREAS_JS  # noqa: E402

DEFAULT_MIRROR = ROOT.parent / "shared" / "data" / "wilayah"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEW = "/?level=village&area=21"
KEPRI_VILLAGES_MINIMUM = 400  # Kepulauan Riau has 419 villages; the same floor as browser_map.py
SERVER_START_TIMEOUT = 120.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(home: Path, boundary_cache: Path | None) -> dict[str, str]:
    """The server's environment: its own home and store, the mirror, optionally a shared boundary cache."""
    mirror = os.environ.get("RISKMAP_DATA_MIRROR") or (str(DEFAULT_MIRROR) if DEFAULT_MIRROR.is_dir() else "")
    if not mirror:
        raise SystemExit("Set RISKMAP_DATA_MIRROR to the boundary mirror (e.g. ../shared/data/wilayah).")
    environment = {key: value for key, value in os.environ.items() if key != "RISKMAP_DB_URL"}
    environment.update(RISKMAP_HOME=str(home), RISKMAP_DATA_MIRROR=mirror, PYTHONPATH=str(ROOT))
    if boundary_cache is not None:
        environment["RISKMAP_BOUNDARY_CACHE"] = str(boundary_cache)
    else:
        environment.pop("RISKMAP_BOUNDARY_CACHE", None)
    return environment


def prepare_boundaries(environment: dict[str, str]) -> float:
    """Prepare every level and the villages of province 21 (in a child process); return seconds taken."""
    started = time.perf_counter()
    code = "from geo.data import boundaries; boundaries.prepare(provinces=['21'])"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, check=True)
    return time.perf_counter() - started


@contextmanager
def app_server(environment: dict[str, str], log_path: Path) -> Iterator[tuple[str, int]]:
    """``riskmap-app app.py`` (as scripts/run starts it) on a free port; yields its URL and process id, stops it afterwards."""
    port = _free_port()
    command = [
        sys.executable, "-m", "geo.app.server", "app.py", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"streamlit exited with {server.returncode}; see {log_path}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start within {SERVER_START_TIMEOUT:.0f} s; see {log_path}")
            time.sleep(0.3)
        yield url, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of a process so far (``VmHWM``), in MB; ``None`` when unreadable."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


async def _polygons_drawn(page: Any) -> int:
    most = 0
    for frame in page.frames:
        if "streamlit_folium" in frame.url:
            try:
                most = max(most, int(await frame.evaluate(DRAWN_AREAS_JS)))
            except Exception:  # the frame may be replaced while we look
                continue
    return most


async def one_viewer(browser: Any, url: str, minimum: int, timeout_s: float) -> dict[str, Any]:
    """Open ``url`` in a fresh context; report whether the map was drawn and after how many seconds."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    started = time.perf_counter()
    result: dict[str, Any] = {"drawn": False, "seconds": None, "polygons": 0, "error": None}
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        while time.perf_counter() - started < timeout_s:
            result["polygons"] = await _polygons_drawn(page)
            if result["polygons"] >= minimum:
                result.update(drawn=True, seconds=round(time.perf_counter() - started, 3))
                break
            await page.wait_for_timeout(50)  # not asyncio.sleep: Playwright sees new frames inside its calls
        else:
            result["error"] = f"fewer than {minimum} polygons after {timeout_s:.0f} s"
    except Exception as error:  # a viewer that fails is a figure, not a crash of the benchmark
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        await context.close()
    return result


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile of ``values`` (``None`` when empty)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


async def measure(
    url: str, viewers: int, minimum: int, timeout_s: float, warm: bool
) -> tuple[list[dict[str, Any]], float]:
    """The warm-up view (when asked), then ``viewers`` views at once in one Chromium; results and their wall time."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            if warm:
                warm_up = await one_viewer(browser, url, minimum, timeout_s)
                if not warm_up["drawn"]:
                    raise RuntimeError(f"the warm-up view was not drawn: {warm_up['error']}")
            started = time.perf_counter()
            results = await asyncio.gather(*(one_viewer(browser, url, minimum, timeout_s) for _ in range(viewers)))
            return list(results), time.perf_counter() - started
        finally:
            await browser.close()


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and percentiles of the drawn views."""
    seconds = [result["seconds"] for result in results if result["drawn"]]
    return {
        "viewers": len(results),
        "drawn": len(seconds),
        "p50_seconds": percentile(seconds, 0.5),
        "p90_seconds": percentile(seconds, 0.9),
        "max_seconds": max(seconds) if seconds else None,
        "errors": sorted({result["error"] for result in results if result["error"]}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=20, help="pages opened at once (default 20)")
    parser.add_argument("--minimum", type=int, default=KEPRI_VILLAGES_MINIMUM, help="polygons that count as drawn")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds a viewer waits for its map")
    parser.add_argument("--cold", action="store_true", help="no warm-up view before the concurrent ones")
    parser.add_argument("--boundary-cache", type=Path, default=None, help="reuse this prepared boundary cache")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")

    with tempfile.TemporaryDirectory(prefix="riskmap-bench-viewers-") as folder:
        home = Path(folder)
        environment = _environment(home, args.boundary_cache)
        prepare_seconds = prepare_boundaries(environment)
        with app_server(environment, home / "streamlit.log") as (base_url, pid):
            rss_idle = peak_rss_mb(pid)
            results, wall_seconds = asyncio.run(
                measure(base_url + VIEW, args.viewers, args.minimum, args.timeout, not args.cold)
            )
            rss_peak = peak_rss_mb(pid)
    report = {
        "view": VIEW,
        **summary(results),
        "warm_up": not args.cold,
        "wall_seconds": round(wall_seconds, 2),
        "server_peak_rss_mb": rss_peak,
        "server_peak_rss_at_start_mb": rss_idle,
        "boundary_prepare_seconds": round(prepare_seconds, 1),
        "cores": os.cpu_count(),
        "per_viewer": results,
    }
    print(json.dumps(report, indent=2))
    return 0 if report["drawn"] == args.viewers else 1


if __name__ == "__main__":
    sys.exit(main())
