"""Dataset kinds: the one definition every layer imports.

A small module of its own so that analysis and web code can name the kinds without
importing the store (and SQLAlchemy with it).

Examples
--------
>>> KINDS
('migration', 'cases')
"""

from __future__ import annotations

KINDS: tuple[str, ...] = ("migration", "cases")
"""Dataset kinds: migrant-worker counts per area and period; trafficking case origins."""

DEFAULT_THRESHOLDS: dict[str, int] = {"migration": 5, "cases": 10}
"""Disclosure threshold ``k`` of a dataset of each kind unless it sets its own (counts ``0 < c < k`` are hidden)."""
