"""The deployment files hold what the agency's set-up relies on (no Docker daemon is needed).

``deploy/compose.yaml`` is read with PyYAML (``docker compose config`` needs a daemon-side
plugin); ``deploy/Caddyfile`` is adapted to Caddy's JSON by the ``caddy`` binary itself, so
the checks are on what Caddy would run, not on the text; ``scripts/serve`` is run for its
refusals. Without ``caddy`` (apt-get install caddy) the Caddy test is skipped locally and fails
under CI=true, like the PostgreSQL tests.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEPLOY = PROJECT_ROOT / "deploy"
SERVE = PROJECT_ROOT / "scripts" / "serve"

DERIVED_DATA_MOUNTS = {
    "/var/lib/riskmap/boundaries": "boundaries",
    "/var/lib/riskmap/home": "upstream",
    "/app/static/cache": "geometry",
}
"""Where each app container mounts the shared volumes (path inside the container → volume)."""


def _compose() -> dict[str, Any]:
    loaded = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _mounts(service: dict[str, Any]) -> dict[str, str]:
    """Container path → source (volume name or host path) of a service's short-form volumes."""
    mounts = {}
    for entry in service.get("volumes", []):
        source, target = entry.split(":")[:2]
        mounts[target] = source
    return mounts


def test_compose_runs_app_and_database_with_shared_volumes_and_healthchecks() -> None:
    compose = _compose()
    services = compose["services"]
    assert {"db", "prepare", "app", "proxy"} <= set(services)
    for name in ("db", "app", "proxy"):
        check = services[name]["healthcheck"]
        assert check["test"] and check["interval"] and check["retries"] >= 1, name
    assert services["app"]["healthcheck"]["test"] == ["CMD", "scripts/serve", "--check", "5"]
    assert "pg_isready" in services["db"]["healthcheck"]["test"][1]

    # The database and every piece of derived data live in named volumes, not in a container.
    assert _mounts(services["db"])["/var/lib/postgresql/data"] == "database"
    for name in ("app", "prepare"):
        mounts = _mounts(services[name])
        for target, volume in DERIVED_DATA_MOUNTS.items():
            assert mounts.get(target) == volume, (name, target)
    assert set(DERIVED_DATA_MOUNTS.values()) | {"database"} <= set(compose["volumes"])
    # The proxy reads the geometry files the apps write, at the path its Caddyfile serves them from.
    assert _mounts(services["proxy"])["/srv/riskmap/app/static/cache"] == "geometry"
    assert "geometry:/srv/riskmap/app/static/cache:ro" in services["proxy"]["volumes"]

    app_depends = services["app"]["depends_on"]
    assert app_depends["db"]["condition"] == "service_healthy"
    assert app_depends["prepare"]["condition"] == "service_completed_successfully"
    assert services["proxy"]["depends_on"]["app"]["condition"] == "service_healthy"


def test_compose_app_settings_name_postgres_and_no_secret_in_the_file() -> None:
    services = _compose()["services"]
    app_env = services["app"]["environment"]
    assert app_env["RISKMAP_DB_URL"].startswith("postgresql+psycopg://riskmap:${POSTGRES_PASSWORD:?")
    assert app_env["RISKMAP_DB_URL"].endswith("@db:5432/riskmap")
    assert app_env["RISKMAP_PREPARE"] == "none"  # the prepare service did it once
    assert services["prepare"]["command"] == ["riskmap", "data", "fetch", "--provinces", "all"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    assert services["app"]["deploy"]["replicas"] == "${RISKMAP_APP_REPLICAS:-2}"
    assert services["app"]["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}


def test_dockerfile_runs_serve_unprivileged_with_a_healthcheck() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    instructions = [line.split()[0] for line in dockerfile.splitlines() if line and not line[0].isspace()
                    and not line.startswith("#")]
    assert instructions[0] == "FROM"
    assert re.search(r"^USER riskmap$", dockerfile, re.MULTILINE)
    assert instructions.index("USER") > max(i for i, word in enumerate(instructions) if word == "RUN")
    assert 'CMD ["scripts/serve", "--check", "5"]' in dockerfile
    assert re.search(r'^CMD \["scripts/serve"\]$', dockerfile, re.MULTILINE)
    assert re.search(r'pip install --no-deps -e \.', dockerfile)  # geo imported from /app (PROJECT_ROOT)
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "data/local", "static/cache"} <= set(ignored)


def _caddy_json() -> dict[str, Any]:
    caddy = shutil.which("caddy")
    if caddy is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("caddy is not installed under CI=true (apt-get install caddy)")
        pytest.skip("caddy is not installed (apt-get install caddy) to adapt deploy/Caddyfile")
    done = subprocess.run([caddy, "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "RISKMAP_SITE": "riskmap.example.go.id"})
    assert done.returncode == 0, done.stderr
    adapted = json.loads(done.stdout)
    assert isinstance(adapted, dict)
    return adapted


def _handlers(node: Any) -> list[dict[str, Any]]:
    """Every handler object anywhere in adapted Caddy JSON, with the matchers of its route."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "handler" in node:
            found.append(node)
        for value in node.values():
            found.extend(_handlers(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_handlers(value))
    return found


def _route_for(routes: list[dict[str, Any]], path: str) -> dict[str, Any]:
    """The first route of a site whose path matcher takes ``path`` (or that has none)."""
    for route in routes:
        paths = [p for matcher in route.get("match", []) for p in matcher.get("path", [])]
        if not paths or any(path == p or (p.endswith("*") and path.startswith(p[:-1])) for p in paths):
            return route
    raise AssertionError(f"no route for {path}")


def test_caddyfile_proxies_websockets_sticky_and_serves_precompressed_geometry() -> None:
    server = next(iter(_caddy_json()["apps"]["http"]["servers"].values()))
    site = server["routes"][0]
    assert site["match"] == [{"host": ["riskmap.example.go.id"]}]  # TLS for the site's name (automatic)
    routes = site["handle"][0]["routes"]

    geometry = _route_for(routes, "/app/static/cache/province-all-ab12.json")
    file_server = next(h for h in _handlers(geometry) if h["handler"] == "file_server")
    assert file_server["precompressed_order"] == ["gzip"]
    assert geometry["match"][0]["file"]["root"] == "/srv/riskmap"
    assert not any(h["handler"] == "reverse_proxy" for h in _handlers(geometry))

    for path in ("/_stcore/stream", "/", "/_stcore/upload_file/x"):
        proxies = [h for h in _handlers(_route_for(routes, path)) if h["handler"] == "reverse_proxy"]
        assert len(proxies) == 1, path
        proxy = proxies[0]
        assert proxy["load_balancing"]["selection_policy"]["policy"] == "cookie"  # sticky sessions
        assert proxy["dynamic_upstreams"] == {"name": "app", "port": "8501", "refresh": 10_000_000_000,
                                              "source": "a"}
        assert proxy["flush_interval"] == -1  # Streamlit's messages are not buffered
    # The WebSocket is not compressed again by Caddy (Streamlit frames its own messages).
    stream = _route_for(routes, "/_stcore/stream")
    assert not any(h["handler"] == "encode" for h in _handlers(stream))


@pytest.mark.parametrize(("url", "message"), [
    ("", "RISKMAP_DB_URL is not set"),
    ("postgresql://riskmap@db/riskmap", "write postgresql+psycopg://"),
    ("sqlite:///tmp/riskmap.sqlite", "must be a PostgreSQL URL"),
])
def test_serve_refuses_a_missing_or_unshareable_database(url: str, message: str) -> None:
    env = {**os.environ, "RISKMAP_DB_URL": url}
    done = subprocess.run([str(SERVE)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_refuses_an_unknown_prepare_setting_and_argument() -> None:
    env = {**os.environ, "RISKMAP_DB_URL": "postgresql+psycopg://riskmap@db/riskmap", "RISKMAP_PREPARE": "some"}
    done = subprocess.run([str(SERVE)], env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr.strip()) == (
        2, "serve: RISKMAP_PREPARE must be all, default or none (got 'some')")
    done = subprocess.run([str(SERVE), "--bogus"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "unknown argument '--bogus'" in done.stderr


def test_serve_names_an_unreachable_database_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "RISKMAP_DB_URL": f"postgresql+psycopg://riskmap:secret-pw@127.0.0.1:{port}/riskmap",
           "RISKMAP_HOME": str(tmp_path)}
    done = subprocess.run([str(SERVE)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    output = done.stdout + done.stderr
    assert "serve: cannot open the database named by RISKMAP_DB_URL" in output
    assert "Traceback" not in output
    assert "secret-pw" not in output  # the password is never echoed into the log


def test_serve_check_reports_no_server_within_the_wait() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = subprocess.run([str(SERVE), "--check", "1"], env={**os.environ, "PORT": str(port)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"no healthy answer from http://127.0.0.1:{port}/_stcore/health within 1 s" in done.stderr


def test_serve_passes_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("shellcheck is not installed under CI=true (apt-get install shellcheck)")
        pytest.skip("shellcheck is not installed (apt-get install shellcheck)")
    done = subprocess.run([shellcheck, str(SERVE)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout
