"""Disclosure decisions kept on disk: which areas of a version's whole hierarchy are hidden, decided once.

Disclosure control (:func:`geo.analysis.disclosure.suppress_counts`) is decided on the
counts of every area of every level — about 91,000 for a national village dataset — so
that an area hidden in one view is hidden in all. Summing that hierarchy from the
roll-ups and protecting it takes a second or two, which a new app process (a restart, a
second replica) would otherwise pay before its first map. The decision depends only on
the version, the count (kind and procedural filter), the periods and the threshold, never
changes for a version, and is small: the list of hidden codes. It is kept in memory and
in ``RISKMAP_HOME/cache/disclosure/`` (one JSON file per decision, named by a hash of
its key), and :func:`prepare_first_views` makes the decisions a version's first map needs
when the version is published.

Examples
--------
>>> import os, tempfile, pandas as pd
>>> from unittest import mock
>>> counts = pd.Series({"21": 30.0, "21.71": 27.0, "21.72": 3.0})
>>> with mock.patch.dict(os.environ, {"RISKMAP_HOME": tempfile.mkdtemp()}):
...     first = hidden_codes(("db", 1, "stamp", ("2024",), None, 5), lambda: counts)
...     again = hidden_codes(("db", 1, "stamp", ("2024",), None, 5), lambda: 1 / 0)  # read, not decided
>>> sorted(first), first == again
(['21.71', '21.72'], True)
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from threading import Lock

import pandas as pd

from geo.analysis.disclosure import ANALYST, suppress_counts, threshold_of
from geo.config import riskmap_home
from geo.data.files import write_atomically

CACHE_FOLDER = ("cache", "disclosure")
"""Where the decisions are kept, under ``RISKMAP_HOME``."""

MEMORY_ENTRIES = 64
"""Decisions kept in memory per process (each is a list of hidden codes)."""

FIRST_VIEW_YEARS = 2
"""A first map shows the last year and compares it with the one before (the change measure)."""

_MEMORY: OrderedDict[str, frozenset[str]] = OrderedDict()
_LOCK = Lock()


def hidden_codes(key: tuple[object, ...], counts: Callable[[], pd.Series]) -> frozenset[str]:
    """The hidden codes of one decision: from memory, else from disk, else decided and kept.

    Parameters
    ----------
    key : tuple
        Everything the decision depends on: ``(database, dataset_id, publication stamp,
        periods, procedural, threshold)``. Only its hash is written (a database URL may
        hold a password).
    counts : callable
        Returns the count of every area of the hierarchy (codes sorted), when the decision
        has to be made.

    Returns
    -------
    frozenset of str
        Codes whose count must not reach a public viewer.
    """
    digest = hashlib.sha256(repr(tuple(key)).encode("utf-8")).hexdigest()[:32]
    with _LOCK:
        known = _MEMORY.get(digest)
    if known is not None:
        return known
    path = riskmap_home().joinpath(*CACHE_FOLDER, f"{digest}.json")
    hidden = _read(path, digest)
    if hidden is None:
        flags = suppress_counts(counts(), int(key[-1]))  # type: ignore[call-overload]
        hidden = frozenset(str(code) for code in flags.index[flags.to_numpy(dtype=bool)])
        try:
            write_atomically(path, json.dumps({"key": digest, "hidden": sorted(hidden)}))
        except OSError:
            pass  # a read-only home: decided again by the next process
    with _LOCK:
        _MEMORY[digest] = hidden
        while len(_MEMORY) > MEMORY_ENTRIES:
            _MEMORY.popitem(last=False)
    return hidden


def _read(path: Path, digest: str) -> frozenset[str] | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # not decided yet, or a file cut short: decide again
    if not isinstance(stored, dict) or stored.get("key") != digest or not isinstance(stored.get("hidden"), list):
        return None
    return frozenset(str(code) for code in stored["hidden"])


def prepare_first_views(database: str, dataset_id: int) -> int:
    """Decide, at publish time, the disclosure a first map of this version needs.

    The default map of a kind shows its last year and compares it with the year before:
    their decisions (all records, the version's threshold) are made and kept, so the
    first map after a publication, in any new process, reads them instead of summing the
    national hierarchy.

    Parameters
    ----------
    database : str
        The store's URL (as the app's views name it: :func:`geo.config.database_url`).
    dataset_id : int
        The version just published.

    Returns
    -------
    int
        How many decisions were made (0 for a served-areas list, which is never mapped by count).
    """
    from geo.data.store import Store
    from geo.web.viewdata import StoreSource

    info = Store(database).get_dataset(dataset_id, audience=ANALYST)
    if info.kind not in ("migration", "cases"):
        return 0
    source = StoreSource.of(database, [(info.kind, dataset_id)])
    years = source.years(info.kind)[-FIRST_VIEW_YEARS:]
    for year in years:
        source.tree_flags(info.kind, None, year, threshold_of(info))
    return len(years)
