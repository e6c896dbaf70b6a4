"""Dataset kinds: the one definition every layer imports.

A small module of its own so that analysis and web code can name the kinds without
importing the store (and SQLAlchemy with it).

Examples
--------
>>> KINDS
('migration', 'cases')
>>> DATASET_KINDS
('migration', 'cases', 'served')
"""

from __future__ import annotations

KINDS: tuple[str, ...] = ("migration", "cases")
"""Kinds of counted records shown on maps: migrant-worker counts per area and period; trafficking case origins."""

SERVED = "served"
"""Kind of a list of areas a programme already reaches (Desmigratif villages, P4MI posts): no counts of people."""

DATASET_KINDS: tuple[str, ...] = (*KINDS, SERVED)
"""Every kind a dataset version can have (uploads, the store, ``riskmap ingest --kind``, ``riskmap datasets --kind``).

Served lists are not map records: they mark areas as covered in the outreach priorities
(``riskmap rank/plan --served ID``), so the map's per-kind choices stay :data:`KINDS`.
"""

DEFAULT_THRESHOLDS: dict[str, int] = {"migration": 5, "cases": 10, SERVED: 1}
"""Disclosure threshold ``k`` of a dataset of each kind unless it sets its own (counts ``0 < c < k`` are hidden).

Served lists count programme posts, not people: 1 hides nothing.
"""
