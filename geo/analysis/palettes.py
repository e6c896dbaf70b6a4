"""ColorBrewer palettes for classed choropleths (3 to 9 classes).

The colours come from ColorBrewer 2.0 (Cynthia A. Brewer, Mark Harrower and The
Pennsylvania State University; Apache-2.0 licence) as shipped by ``branca``
(already a dependency through folium), through its public
:func:`branca.utilities.color_brewer`: every class count has its own list, as in the
specification (a 5-class palette is not the first five colours of the 9-class one).
What is ours is the choice of palettes, their kind and ColorBrewer's colour-blind-safe
marks, kept here as data.

Greys and the grey diverging palette (RdGy) are left out on purpose: grey is
reserved for areas with no data and suppressed values, which must never look
like a class.

Examples
--------
>>> palette_colours("YlOrRd", 3)
('#ffeda0', '#feb24c', '#f03b20')
>>> palette_colours("Blues", 3, reverse=True)[0]
'#3182bd'
>>> "RdYlGn" in colour_blind_safe_palettes()
False
>>> PALETTES["PuOr"].kind, PALETTES["PuOr"].colour_blind_safe
('diverging', True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from branca.utilities import color_brewer

from geo.errors import InvalidClassificationError

MIN_CLASSES = 3
MAX_CLASSES = 9

NO_DATA_COLOUR = "#d9d9d9"
"""Fill of areas without any record: a flat light grey, unlike every palette colour."""
SUPPRESSED_COLOUR = "#969696"
"""Base fill of areas whose small counts are hidden; drawn hatched (see :data:`SUPPRESSED_HATCH`)."""
SUPPRESSED_HATCH = "#ffffff"
"""Colour of the diagonal hatching laid over :data:`SUPPRESSED_COLOUR`."""
OUTLINE_COLOUR = "#636363"

DEFAULT_SEQUENTIAL = "YlOrRd"
DEFAULT_DIVERGING = "RdBu"

_SEQUENTIAL_NAMES = (
    "YlOrRd", "YlOrBr", "OrRd", "Reds", "Oranges", "RdPu", "PuRd", "Purples", "BuPu",
    "PuBu", "Blues", "GnBu", "YlGnBu", "PuBuGn", "BuGn", "YlGn", "Greens",
)
_DIVERGING_NAMES = ("RdYlBu", "RdBu", "PuOr", "BrBG", "PiYG", "PRGn", "RdYlGn", "Spectral")
# ColorBrewer marks these diverging schemes colour-blind safe at every class count;
# RdYlGn and Spectral only at some counts (up to 4-5 classes), so they count as unsafe here.
# Every sequential scheme above is marked safe at every count.
_COLOUR_BLIND_SAFE_DIVERGING = ("RdYlBu", "RdBu", "PuOr", "BrBG", "PiYG", "PRGn")


@cache
def _colorbrewer_list(name: str, k: int) -> tuple[str, ...]:
    # branca re-reads its JSON on every call: remember each list once.
    return tuple(colour.lower() for colour in color_brewer(name, k))


@dataclass(frozen=True)
class Palette:
    """One ColorBrewer scheme.

    Attributes
    ----------
    name : str
        ColorBrewer name, e.g. ``"YlOrRd"``.
    kind : str
        ``"sequential"`` (low to high) or ``"diverging"`` (below/above a midpoint, e.g. change).
    colour_blind_safe : bool
        ColorBrewer's "colorblind safe" mark for every class count from 3 to 9.
    """

    name: str
    kind: str
    colour_blind_safe: bool

    def colours(self, k: int, reverse: bool = False) -> tuple[str, ...]:
        """The ``k`` colours of this palette (``3 <= k <= 9``), optionally reversed.

        Examples
        --------
        >>> PALETTES["Reds"].colours(4)
        ('#fee5d9', '#fcae91', '#fb6a4a', '#cb181d')
        """
        check_class_count(k)
        colours = _colorbrewer_list(self.name, k)  # light to dark (diverging: one end to the other)
        return tuple(reversed(colours)) if reverse else colours


PALETTES: dict[str, Palette] = {
    **{name: Palette(name, "sequential", colour_blind_safe=True) for name in _SEQUENTIAL_NAMES},
    **{name: Palette(name, "diverging", name in _COLOUR_BLIND_SAFE_DIVERGING) for name in _DIVERGING_NAMES},
}
"""Every palette by name: 17 sequential, 8 diverging."""


def check_class_count(k: object) -> int:
    """Return ``k`` if it is a whole number of classes from 3 to 9, else raise.

    Raises
    ------
    InvalidClassificationError
        With a message that says which values are allowed.

    Examples
    --------
    >>> check_class_count(5)
    5
    >>> check_class_count(12)
    Traceback (most recent call last):
    ...
    geo.errors.InvalidClassificationError: Number of classes must be a whole number from 3 to 9; got 12.
    """
    if isinstance(k, bool) or not isinstance(k, int) or not MIN_CLASSES <= k <= MAX_CLASSES:
        raise InvalidClassificationError(
            f"Number of classes must be a whole number from {MIN_CLASSES} to {MAX_CLASSES}; got {k!r}."
        )
    return k


def palette_colours(name: str, k: int, reverse: bool = False) -> tuple[str, ...]:
    """The ``k`` hex colours of palette ``name``, light to dark unless ``reverse``.

    Raises
    ------
    InvalidClassificationError
        For an unknown palette (the message lists the known ones) or ``k`` outside 3..9.

    Examples
    --------
    >>> palette_colours("PuOr", 3)
    ('#f1a340', '#f7f7f7', '#998ec3')
    """
    palette = PALETTES.get(name)
    if palette is None:
        raise InvalidClassificationError(
            f"Unknown colour palette {name!r}; choose one of: {', '.join(PALETTES)}."
        )
    return palette.colours(k, reverse=reverse)


def colour_blind_safe_palettes(kind: str | None = None) -> list[str]:
    """Names of the colour-blind-safe palettes, optionally of one ``kind``.

    Examples
    --------
    >>> colour_blind_safe_palettes("diverging")
    ['RdYlBu', 'RdBu', 'PuOr', 'BrBG', 'PiYG', 'PRGn']
    """
    return [p.name for p in PALETTES.values() if p.colour_blind_safe and (kind is None or p.kind == kind)]


def palette_names(kind: str | None = None) -> list[str]:
    """Names of every palette, optionally of one ``kind`` (``"sequential"`` or ``"diverging"``).

    Examples
    --------
    >>> palette_names("sequential")[:3]
    ['YlOrRd', 'YlOrBr', 'OrRd']
    """
    return [p.name for p in PALETTES.values() if kind is None or p.kind == kind]


def class_colours(name: str, k: int, reverse: bool = False) -> tuple[str, ...]:
    """Colours for ``k`` classes where ``k`` may also be 1 or 2 (data allowed no more classes).

    ColorBrewer starts at 3 classes; with fewer, the classes take colours from the
    3-class list that stay far apart (one class: the middle colour; two: both ends),
    so a map whose data collapsed to one value still reads as "data", not as the
    lightest class.

    Examples
    --------
    >>> class_colours("Reds", 1)
    ('#fc9272',)
    >>> class_colours("Reds", 2)
    ('#fee0d2', '#de2d26')
    >>> class_colours("Reds", 0)
    ()
    """
    if k == 0:
        return ()
    if k in (1, 2):
        three = palette_colours(name, MIN_CLASSES, reverse=reverse)
        return (three[1],) if k == 1 else (three[0], three[2])
    return palette_colours(name, k, reverse=reverse)
