"""Two app servers on one PostgreSQL, as behind the proxy of deploy/: what one does, the other sees.

Both servers are started with ``scripts/serve`` (sign-in required, PostgreSQL only) on the
throwaway PostgreSQL of ``scripts/start-postgres.sh``, each with a ``RISKMAP_HOME`` of its
own: they share nothing but the database and the boundary cache, as two hosts would.

- both answer the health endpoint (``scripts/serve --check``) after starting together on an
  empty database (its migrations run once, under PostgreSQL's advisory lock);
- a dataset published with ``riskmap ingest`` in server A's environment is listed by server
  B's Map page (headless Chromium), which was already running;
- a sign-in session made in A's environment is accepted by B's, and ending it in one ends it
  in the other;
- a view saved in A's environment opens through B's short link ``/?v=TOKEN`` (the URL becomes
  the view's keys and the page shows its area); a restricted one does not open for B's
  anonymous viewer, who gets a message and the default map;
- ``deploy/Caddyfile``, run by Caddy in front of A, carries the session's WebSocket, sets the
  sticky cookie and sends the geometry files itself (the gzip twin, as written by the app).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

pytestmark = [pytest.mark.postgres, pytest.mark.browser, pytest.mark.integration]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SERVE = PROJECT_ROOT / "scripts" / "serve"
RISKMAP = Path(sys.executable).parent / "riskmap"
START_TIMEOUT_S = 240
TIMEOUT_MS = 180_000
PASSWORD = "a long shared passphrase"
DATASET_NAME = "two-servers-check"


@dataclass
class AppServer:
    """One ``scripts/serve`` process: its URL, its environment and its log."""

    name: str
    url: str
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes]


def _postgres_url() -> str:
    url = os.environ.get("RISKMAP_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("RISKMAP_TEST_POSTGRES_URL is not set under CI=true; start a server with "
                        "scripts/start-postgres.sh and export its URL.")
        pytest.skip("RISKMAP_TEST_POSTGRES_URL is not set (run scripts/start-postgres.sh to test PostgreSQL)")
    return url


def _empty_database(url: str) -> None:
    """Drop every table: the servers below migrate the database from nothing, together."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_env(home: Path, db_url: str, port: int) -> dict[str, str]:
    env = os.environ.copy()
    env.update({
        "RISKMAP_DB_URL": db_url,
        "RISKMAP_HOME": str(home),  # a home of its own: only the database and the boundary cache are shared
        "RISKMAP_PREPARE": "default",  # all provinces take minutes; the default ones are prepared already
        "RISKMAP_LISTEN_ADDRESS": "127.0.0.1",
        "PORT": str(port),
    })
    env.pop("RISKMAP_REQUIRE_LOGIN", None)  # scripts/serve must set it itself
    return env


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def two_servers(prepared_boundaries: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, AppServer]]:
    """Servers A and B started at once on one emptied PostgreSQL database; both healthy."""
    db_url = _postgres_url()
    tmp_path = tmp_path_factory.mktemp("two-servers")
    _empty_database(db_url)
    servers: list[AppServer] = []
    try:
        for name in ("a", "b"):
            port = _free_port()
            home = tmp_path / f"home-{name}"
            home.mkdir()
            env = _server_env(home, db_url, port)
            log = tmp_path / f"serve-{name}.log"
            with log.open("wb") as output:
                process = subprocess.Popen([str(SERVE)], cwd=PROJECT_ROOT, env=env,
                                           stdout=output, stderr=subprocess.STDOUT)
            servers.append(AppServer(name, f"http://127.0.0.1:{port}", env, log, process))
        for server in servers:
            check = subprocess.run([str(SERVE), "--check", str(START_TIMEOUT_S)], env=server.env,
                                   capture_output=True, text=True, timeout=START_TIMEOUT_S + 30)
            assert check.returncode == 0, (
                f"server {server.name} not healthy: {check.stderr}\n{server.log.read_text(errors='replace')}"
            )
            assert "healthy" in check.stdout
        yield servers[0], servers[1]
    finally:
        for server in servers:
            _stop(server.process)


def _python(server: AppServer, code: str, *args: str) -> str:
    """Run ``code`` in a new Python process with ``server``'s environment; its stdout."""
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=PROJECT_ROOT, env=server.env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_what_one_server_publishes_or_signs_in_the_other_sees(
    two_servers: tuple[AppServer, AppServer], tmp_path: Path, recorded_page  # type: ignore[no-untyped-def]
) -> None:
    server_a, server_b = two_servers
    for server in (server_a, server_b):
        log = server.log.read_text(errors="replace")
        assert "serve: database ready" in log, log
        assert "Traceback" not in log, log

    # Published in A's environment (the CLI an analyst on host A would use).
    upload = tmp_path / "upload.csv"
    upload.write_text("kode,tahun,jumlah\n21.71,2024,40\n35.07,2024,25\n", encoding="utf-8")
    ingest = subprocess.run([str(RISKMAP), "--lang", "en", "ingest", str(upload), "--kind", "migration",
                             "--name", DATASET_NAME, "--json"], cwd=PROJECT_ROOT, env=server_a.env,
                            capture_output=True, text=True, timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    report = json.loads(ingest.stdout)
    assert report["rows_accepted"] == 2
    dataset_id = int(report["dataset_id"])

    # B, running since before the upload, lists it on its Map page (to an anonymous viewer).
    page = recorded_page.page
    page.goto(f"{server_b.url}/?lang=en&level=province&dataset={dataset_id}", timeout=TIMEOUT_MS)
    label = f"{DATASET_NAME} v1 (#{dataset_id})"
    chosen = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Migration dataset")
    expect(chosen).to_have_value(label, timeout=TIMEOUT_MS)

    # A sign-in session made in A's environment is valid in B's; ended in B, it is gone in A.
    token = _python(server_a, (
        "import sys\n"
        "from geo.data import users\n"
        "user = users.add_user('ana', sys.argv[1], 'analyst')\n"
        "print(users.create_session(users.verify('ana', sys.argv[1])))\n"
    ), PASSWORD)
    session_user = (
        "import sys\n"
        "from geo.data import users\n"
        "user = users.session_user(sys.argv[1])\n"
        "print(f'{user.name} {user.role}' if user else 'none')\n"
    )
    assert _python(server_b, session_user, token) == "ana analyst"
    _python(server_b, "import sys\nfrom geo.data import users\nusers.end_session(sys.argv[1])\n", token)
    assert _python(server_a, session_user, token) == "none"


def test_a_view_saved_through_one_server_opens_through_the_others_short_link(
    two_servers: tuple[AppServer, AppServer], recorded_page  # type: ignore[no-untyped-def]
) -> None:
    server_a, server_b = two_servers
    # Saved in A's environment (what A's Save view button does), straight into the shared database.
    tokens = _python(server_a, (
        "from geo.data import views\n"
        "kepri = views.save_view({'level': 'regency', 'area': '21', 'indicator': 'migrants'}, 'Kepri regencies')\n"
        "secret = views.save_view({'level': 'province'}, 'for analysts', restricted=True)\n"
        "print(kepri.token, secret.token)\n"
    ))
    kepri_token, secret_token = tokens.split()

    page = recorded_page.page
    page.goto(f"{server_b.url}/?lang=en&v={kepri_token}", timeout=TIMEOUT_MS)
    # B rewrites its URL to the saved keys (the token goes) and draws Kepri's regencies.
    expect(page).to_have_url(re.compile(r"[?&]area=21(&|$)"), timeout=TIMEOUT_MS)
    assert "level=regency" in page.url and "indicator=migrants" in page.url and "v=" not in page.url
    page.get_by_text("7 areas (Regency/City) in Kepulauan Riau").first.wait_for(timeout=TIMEOUT_MS)
    map_frame = page.frame_locator('iframe[src*="streamlit_folium"]').first
    map_frame.locator("path.leaflet-interactive:visible").first.wait_for(timeout=TIMEOUT_MS)
    assert map_frame.locator("path.leaflet-interactive").count() == 7  # Kepri's regencies, nothing else

    # A restricted view opens only for a signed-in analyst: B's anonymous viewer gets the default map.
    page.goto(f"{server_b.url}/?lang=en&v={secret_token}", timeout=TIMEOUT_MS)
    page.get_by_text("opens only for a signed-in analyst").first.wait_for(timeout=TIMEOUT_MS)
    assert secret_token not in page.url


def _caddy() -> str:
    caddy = shutil.which("caddy")
    if caddy is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("caddy is not installed under CI=true (apt-get install caddy)")
        pytest.skip("caddy is not installed (apt-get install caddy) to run deploy/Caddyfile")
    return caddy


@pytest.fixture
def proxy_to_a(two_servers: tuple[AppServer, AppServer], tmp_path: Path) -> Iterator[str]:
    """deploy/Caddyfile itself, run by Caddy over plain HTTP in front of server A; its URL."""
    server_a = two_servers[0]
    caddy = _caddy()
    # The geometry files as the proxy container sees them: <root>/app/static/cache/NAME.
    static_root = tmp_path / "proxy-root"
    (static_root / "app").mkdir(parents=True)
    (static_root / "app" / "static").symlink_to(PROJECT_ROOT / "static")
    port, admin_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "RISKMAP_SITE": f"http://127.0.0.1:{port}",
        "RISKMAP_CADDY_ADMIN": f"127.0.0.1:{admin_port}",
        "RISKMAP_APP_HOST": "127.0.0.1",
        "RISKMAP_APP_PORT": server_a.url.rsplit(":", 1)[1],
        "RISKMAP_STATIC_ROOT": str(static_root),
        "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    log = tmp_path / "caddy.log"
    with log.open("wb") as output:
        process = subprocess.Popen([caddy, "run", "--config", str(PROJECT_ROOT / "deploy" / "Caddyfile"),
                                    "--adapter", "caddyfile"], env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text(errors="replace")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:  # answered by server A through the proxy
                        break
            except (urllib.error.URLError, OSError):
                pass
            assert time.monotonic() < deadline, f"proxy not answering; {log.read_text(errors='replace')}"
            time.sleep(0.5)
        yield url
    finally:
        _stop(process)


def test_the_proxy_carries_the_session_and_serves_geometry_files_itself(
    proxy_to_a: str, recorded_page  # type: ignore[no-untyped-def]
) -> None:
    page = recorded_page.page
    page.goto(f"{proxy_to_a}/?lang=en&level=province", timeout=TIMEOUT_MS)
    # The controls come over the session's WebSocket (/_stcore/stream) through the proxy.
    chosen = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Migration dataset")
    chosen.wait_for(timeout=TIMEOUT_MS)
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert "riskmap_upstream" in cookies  # sticky: the browser's next requests go to the same process

    geometry = [url for url in recorded_page.requests if url.startswith(f"{proxy_to_a}/app/static/cache/")]
    assert geometry, recorded_page.requests
    # The page asks for the gzip twin itself (js/fetch_json.js), which the proxy sends as it is.
    requested = geometry[0].rsplit("/", 1)[1].split("?")[0]
    assert requested.endswith(".json.gz"), requested
    twin = (PROJECT_ROOT / "static" / "cache" / requested).read_bytes()
    with urllib.request.urlopen(f"{proxy_to_a}/app/static/cache/{requested}", timeout=30) as response:
        assert response.read() == twin
        assert "immutable" in response.headers["Cache-Control"]  # set by the proxy's file route only
    # A browser without DecompressionStream asks for the plain file: it gets the twin, encoded.
    plain = requested.removesuffix(".gz")
    request = urllib.request.Request(f"{proxy_to_a}/app/static/cache/{plain}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.read() == twin
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]


def test_a_browser_signed_in_through_one_server_is_signed_in_on_the_other(
    two_servers: tuple[AppServer, AppServer], recorded_page  # type: ignore[no-untyped-def]
) -> None:
    """The sign-in cookie (geo.app.auth) and the shared session table: B knows the user A signed in.

    Cookies do not depend on the port, so this browser sends A's cookie to B as it would to a
    second process behind the proxy. Signed out on B, the session is over on A too.
    """
    server_a, server_b = two_servers
    _python(server_a, "import sys\nfrom geo.data import users\nusers.add_user('cookie-ana', sys.argv[1], 'analyst')\n",
            PASSWORD)
    page = recorded_page.page
    page.goto(f"{server_a.url}/signin?lang=en", timeout=TIMEOUT_MS)
    page.get_by_label("User name").fill("cookie-ana")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as cookie-ana (analyst)").first.wait_for(timeout=TIMEOUT_MS)
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not any(cookie["name"] == "riskmap_session" for cookie in page.context.cookies()):
        assert time.monotonic() < deadline, "the sign-in cookie was not set"
        page.wait_for_timeout(200)

    page.goto(f"{server_b.url}/data?lang=en", timeout=TIMEOUT_MS)
    page.get_by_text("Signed in as cookie-ana (analyst)").first.wait_for(timeout=TIMEOUT_MS)
    page.locator('[data-testid="stFileUploader"]').first.wait_for(timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Sign out").first.click()
    page.get_by_text("You are seeing the public datasets").first.wait_for(timeout=TIMEOUT_MS)

    page.goto(f"{server_a.url}/data?lang=en", timeout=TIMEOUT_MS)
    page.get_by_text("You are seeing the public datasets").first.wait_for(timeout=TIMEOUT_MS)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
