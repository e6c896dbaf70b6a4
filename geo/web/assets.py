"""Browser assets: Leaflet served by the app itself (no CDN), and the web package's own files.

The map's JavaScript (``geo/web/js/*.js``), its one legend stylesheet (``geo/web/css/``)
and the HTML templates (``geo/web/templates/*.html.j2``, Jinja with autoescape on) are
package files, read with :mod:`importlib.resources` (:func:`web_file`,
:func:`render_template`) so that an installed package finds them too.

Streamlit's static serving (``server.enableStaticServing``) publishes the folder
``static/`` next to ``app.py`` under ``/app/static/``. At start-up
:func:`ensure_leaflet_assets` copies Leaflet's files from the installed
``xstatic.pkg.leaflet`` package into ``static/vendor/leaflet/`` (git-ignored), and
:func:`leaflet_urls` gives the URLs that folium maps load them from.

Examples
--------
>>> leaflet_urls()
LeafletUrls(js='/app/static/vendor/leaflet/leaflet.js', css='/app/static/vendor/leaflet/leaflet.css')
>>> leaflet_urls("/riskmap/").js
'/riskmap/app/static/vendor/leaflet/leaflet.js'
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

import jinja2
from markupsafe import Markup

from geo.config import PROJECT_ROOT
from geo.data.files import write_atomically

STATIC_DIR: Path = PROJECT_ROOT / "static"
"""The folder Streamlit serves as ``/app/static/`` (it sits next to ``app.py``)."""

LEAFLET_SUBDIR = "vendor/leaflet"
"""Where Leaflet's files go, relative to :data:`STATIC_DIR` (and to ``/app/static/``)."""

LEAFLET_FILES: tuple[str, ...] = (
    "leaflet.js",
    "leaflet.css",
    # leaflet.css refers to these relative to itself (layer control, default markers).
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)


class LeafletUrls(NamedTuple):
    """Where the browser loads Leaflet from."""

    js: str
    css: str


def leaflet_source_dir() -> Path:
    """Folder of the installed ``xstatic-leaflet`` package holding ``leaflet.js``."""
    import xstatic.pkg.leaflet

    return Path(xstatic.pkg.leaflet.BASE_DIR)


def leaflet_version() -> str:
    """Version of the installed Leaflet (folium 0.20 is written against 1.9.3).

    Examples
    --------
    >>> leaflet_version().startswith("1.9")
    True
    """
    import xstatic.pkg.leaflet

    return str(xstatic.pkg.leaflet.VERSION)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_leaflet_assets(target_dir: Path) -> list[Path]:
    """Copy Leaflet's files into ``target_dir``; only files that are missing or differ.

    Returns the files written (empty when everything was already in place).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> len(copy_leaflet_assets(folder)) == len(LEAFLET_FILES)
    True
    >>> copy_leaflet_assets(folder)   # idempotent
    []
    """
    source_dir = leaflet_source_dir()
    written: list[Path] = []
    for relative in LEAFLET_FILES:
        source, target = source_dir / relative, target_dir / relative
        if target.is_file() and target.stat().st_size == source.stat().st_size and _digest(target) == _digest(source):
            continue
        write_atomically(target, source.read_bytes())
        written.append(target)
    return written


@cache
def ensure_leaflet_assets(static_dir: Path = STATIC_DIR) -> Path:
    """Make sure ``static/vendor/leaflet/`` holds Leaflet (once per process); return that folder."""
    target_dir = static_dir / LEAFLET_SUBDIR
    copy_leaflet_assets(target_dir)
    return target_dir


def leaflet_urls(base_url_path: str = "") -> LeafletUrls:
    """URLs of ``leaflet.js`` / ``leaflet.css`` as served by Streamlit's static serving.

    ``base_url_path`` is Streamlit's ``server.baseUrlPath`` (empty when the app is at ``/``).
    """
    prefix = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    root = f"{prefix}/app/static/{LEAFLET_SUBDIR}"
    return LeafletUrls(js=f"{root}/leaflet.js", css=f"{root}/leaflet.css")


@cache
def web_file(relative: str) -> str:
    """Text of a file of the ``geo.web`` package, e.g. ``"js/choropleth.js"`` (read once per process).

    Parameters
    ----------
    relative : str
        Path below ``geo/web/`` with forward slashes.

    Returns
    -------
    str
        The file's text (UTF-8).

    Examples
    --------
    >>> "window.riskmapChoropleth" in web_file("js/choropleth.js")
    True
    """
    return files("geo.web").joinpath(relative).read_text(encoding="utf-8")


@cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: web_file(f"templates/{name}")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


def render_template(name: str, **values: object) -> str:
    """Render ``geo/web/templates/NAME`` with autoescape on: every text value is HTML-escaped.

    Parameters
    ----------
    name : str
        Template file name, e.g. ``"standalone_header.html.j2"``.
    **values : object
        Template variables; pass :func:`trusted` text for markup that must not be escaped.

    Returns
    -------
    str
        The rendered HTML.

    Examples
    --------
    >>> render_template("standalone_header.html.j2", title="<b>x</b>", notes=[], sample_notes=[])
    '<div id="riskmap-header"><h1>&lt;b&gt;x&lt;/b&gt;</h1></div>'
    """
    return _templates().get_template(name).render(**values)


def trusted(text: str, closing: str = "") -> Markup:
    r"""Package text (Leaflet, a stylesheet) for a template, unescaped; ``</CLOSING`` is neutralised.

    Parameters
    ----------
    text : str
        Text from a file we ship (never user input).
    closing : str
        Element the text is placed in (``"script"``, ``"style"``): ``</script`` inside it
        would end the element early, so it is written ``<\/script``.

    Returns
    -------
    markupsafe.Markup
        The text, marked safe for Jinja.

    Examples
    --------
    >>> print(trusted("a</script>b", "script"))
    a<\/script>b
    """
    if closing:
        text = text.replace(f"</{closing}", f"<\\/{closing}")
    return Markup(text)  # noqa: S704 - only our own package files and Leaflet's come here
