"""ColorBrewer palettes for classed choropleths (3 to 9 classes).

The hex lists are ColorBrewer 2.0's (Cynthia A. Brewer, Mark Harrower and The
Pennsylvania State University; Apache-2.0 licence), written out here so that
colours need no plotting library: every class count has its own list, as in
the specification (a 5-class palette is not the first five colours of the
9-class one). ``tests/risk/test_palettes.py`` checks them against the copy
that ships with ``branca`` (already a dependency through folium).

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
# ColorBrewer marks these diverging schemes colour-blind safe at every class count;
# RdYlGn and Spectral only at some counts (up to 4-5 classes), so they count as unsafe here.
_COLOUR_BLIND_SAFE_DIVERGING = ("RdYlBu", "RdBu", "PuOr", "BrBG", "PiYG", "PRGn")

# fmt: off
_COLOURBREWER: dict[str, tuple[tuple[str, ...], ...]] = {
    "YlOrRd": (
        ("#ffeda0", "#feb24c", "#f03b20"),
        ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
        ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
        ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
        ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
        ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
        ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"),
    ),
    "YlOrBr": (
        ("#fff7bc", "#fec44f", "#d95f0e"),
        ("#ffffd4", "#fed98e", "#fe9929", "#cc4c02"),
        ("#ffffd4", "#fed98e", "#fe9929", "#d95f0e", "#993404"),
        ("#ffffd4", "#fee391", "#fec44f", "#fe9929", "#d95f0e", "#993404"),
        ("#ffffd4", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#8c2d04"),
        ("#ffffe5", "#fff7bc", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#8c2d04"),
        ("#ffffe5", "#fff7bc", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#993404", "#662506"),
    ),
    "OrRd": (
        ("#fee8c8", "#fdbb84", "#e34a33"),
        ("#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"),
        ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"),
        ("#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"),
        ("#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"),
        ("#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"),
        ("#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000"),
    ),
    "Reds": (
        ("#fee0d2", "#fc9272", "#de2d26"),
        ("#fee5d9", "#fcae91", "#fb6a4a", "#cb181d"),
        ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"),
        ("#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15"),
        ("#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#99000d"),
        ("#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#99000d"),
        ("#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#a50f15", "#67000d"),
    ),
    "Oranges": (
        ("#fee6ce", "#fdae6b", "#e6550d"),
        ("#feedde", "#fdbe85", "#fd8d3c", "#d94701"),
        ("#feedde", "#fdbe85", "#fd8d3c", "#e6550d", "#a63603"),
        ("#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"),
        ("#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04"),
        ("#fff5eb", "#fee6ce", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04"),
        ("#fff5eb", "#fee6ce", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#a63603", "#7f2704"),
    ),
    "RdPu": (
        ("#fde0dd", "#fa9fb5", "#c51b8a"),
        ("#feebe2", "#fbb4b9", "#f768a1", "#ae017e"),
        ("#feebe2", "#fbb4b9", "#f768a1", "#c51b8a", "#7a0177"),
        ("#feebe2", "#fcc5c0", "#fa9fb5", "#f768a1", "#c51b8a", "#7a0177"),
        ("#feebe2", "#fcc5c0", "#fa9fb5", "#f768a1", "#dd3497", "#ae017e", "#7a0177"),
        ("#fff7f3", "#fde0dd", "#fcc5c0", "#fa9fb5", "#f768a1", "#dd3497", "#ae017e", "#7a0177"),
        ("#fff7f3", "#fde0dd", "#fcc5c0", "#fa9fb5", "#f768a1", "#dd3497", "#ae017e", "#7a0177", "#49006a"),
    ),
    "PuRd": (
        ("#e7e1ef", "#c994c7", "#dd1c77"),
        ("#f1eef6", "#d7b5d8", "#df65b0", "#ce1256"),
        ("#f1eef6", "#d7b5d8", "#df65b0", "#dd1c77", "#980043"),
        ("#f1eef6", "#d4b9da", "#c994c7", "#df65b0", "#dd1c77", "#980043"),
        ("#f1eef6", "#d4b9da", "#c994c7", "#df65b0", "#e7298a", "#ce1256", "#91003f"),
        ("#f7f4f9", "#e7e1ef", "#d4b9da", "#c994c7", "#df65b0", "#e7298a", "#ce1256", "#91003f"),
        ("#f7f4f9", "#e7e1ef", "#d4b9da", "#c994c7", "#df65b0", "#e7298a", "#ce1256", "#980043", "#67001f"),
    ),
    "Purples": (
        ("#efedf5", "#bcbddc", "#756bb1"),
        ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"),
        ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"),
        ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"),
        ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"),
        ("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"),
        ("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"),
    ),
    "BuPu": (
        ("#e0ecf4", "#9ebcda", "#8856a7"),
        ("#edf8fb", "#b3cde3", "#8c96c6", "#88419d"),
        ("#edf8fb", "#b3cde3", "#8c96c6", "#8856a7", "#810f7c"),
        ("#edf8fb", "#bfd3e6", "#9ebcda", "#8c96c6", "#8856a7", "#810f7c"),
        ("#edf8fb", "#bfd3e6", "#9ebcda", "#8c96c6", "#8c6bb1", "#88419d", "#6e016b"),
        ("#f7fcfd", "#e0ecf4", "#bfd3e6", "#9ebcda", "#8c96c6", "#8c6bb1", "#88419d", "#6e016b"),
        ("#f7fcfd", "#e0ecf4", "#bfd3e6", "#9ebcda", "#8c96c6", "#8c6bb1", "#88419d", "#810f7c", "#4d004b"),
    ),
    "PuBu": (
        ("#ece7f2", "#a6bddb", "#2b8cbe"),
        ("#f1eef6", "#bdc9e1", "#74a9cf", "#0570b0"),
        ("#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"),
        ("#f1eef6", "#d0d1e6", "#a6bddb", "#74a9cf", "#2b8cbe", "#045a8d"),
        ("#f1eef6", "#d0d1e6", "#a6bddb", "#74a9cf", "#3690c0", "#0570b0", "#034e7b"),
        ("#fff7fb", "#ece7f2", "#d0d1e6", "#a6bddb", "#74a9cf", "#3690c0", "#0570b0", "#034e7b"),
        ("#fff7fb", "#ece7f2", "#d0d1e6", "#a6bddb", "#74a9cf", "#3690c0", "#0570b0", "#045a8d", "#023858"),
    ),
    "Blues": (
        ("#deebf7", "#9ecae1", "#3182bd"),
        ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"),
        ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
        ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"),
        ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
        ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
        ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"),
    ),
    "GnBu": (
        ("#e0f3db", "#a8ddb5", "#43a2ca"),
        ("#f0f9e8", "#bae4bc", "#7bccc4", "#2b8cbe"),
        ("#f0f9e8", "#bae4bc", "#7bccc4", "#43a2ca", "#0868ac"),
        ("#f0f9e8", "#ccebc5", "#a8ddb5", "#7bccc4", "#43a2ca", "#0868ac"),
        ("#f0f9e8", "#ccebc5", "#a8ddb5", "#7bccc4", "#4eb3d3", "#2b8cbe", "#08589e"),
        ("#f7fcf0", "#e0f3db", "#ccebc5", "#a8ddb5", "#7bccc4", "#4eb3d3", "#2b8cbe", "#08589e"),
        ("#f7fcf0", "#e0f3db", "#ccebc5", "#a8ddb5", "#7bccc4", "#4eb3d3", "#2b8cbe", "#0868ac", "#084081"),
    ),
    "YlGnBu": (
        ("#edf8b1", "#7fcdbb", "#2c7fb8"),
        ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
        ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
        ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
        ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
        ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
        ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"),
    ),
    "PuBuGn": (
        ("#ece2f0", "#a6bddb", "#1c9099"),
        ("#f6eff7", "#bdc9e1", "#67a9cf", "#02818a"),
        ("#f6eff7", "#bdc9e1", "#67a9cf", "#1c9099", "#016c59"),
        ("#f6eff7", "#d0d1e6", "#a6bddb", "#67a9cf", "#1c9099", "#016c59"),
        ("#f6eff7", "#d0d1e6", "#a6bddb", "#67a9cf", "#3690c0", "#02818a", "#016450"),
        ("#fff7fb", "#ece2f0", "#d0d1e6", "#a6bddb", "#67a9cf", "#3690c0", "#02818a", "#016450"),
        ("#fff7fb", "#ece2f0", "#d0d1e6", "#a6bddb", "#67a9cf", "#3690c0", "#02818a", "#016c59", "#014636"),
    ),
    "BuGn": (
        ("#e5f5f9", "#99d8c9", "#2ca25f"),
        ("#edf8fb", "#b2e2e2", "#66c2a4", "#238b45"),
        ("#edf8fb", "#b2e2e2", "#66c2a4", "#2ca25f", "#006d2c"),
        ("#edf8fb", "#ccece6", "#99d8c9", "#66c2a4", "#2ca25f", "#006d2c"),
        ("#edf8fb", "#ccece6", "#99d8c9", "#66c2a4", "#41ae76", "#238b45", "#005824"),
        ("#f7fcfd", "#e5f5f9", "#ccece6", "#99d8c9", "#66c2a4", "#41ae76", "#238b45", "#005824"),
        ("#f7fcfd", "#e5f5f9", "#ccece6", "#99d8c9", "#66c2a4", "#41ae76", "#238b45", "#006d2c", "#00441b"),
    ),
    "YlGn": (
        ("#f7fcb9", "#addd8e", "#31a354"),
        ("#ffffcc", "#c2e699", "#78c679", "#238443"),
        ("#ffffcc", "#c2e699", "#78c679", "#31a354", "#006837"),
        ("#ffffcc", "#d9f0a3", "#addd8e", "#78c679", "#31a354", "#006837"),
        ("#ffffcc", "#d9f0a3", "#addd8e", "#78c679", "#41ab5d", "#238443", "#005a32"),
        ("#ffffe5", "#f7fcb9", "#d9f0a3", "#addd8e", "#78c679", "#41ab5d", "#238443", "#005a32"),
        ("#ffffe5", "#f7fcb9", "#d9f0a3", "#addd8e", "#78c679", "#41ab5d", "#238443", "#006837", "#004529"),
    ),
    "Greens": (
        ("#e5f5e0", "#a1d99b", "#31a354"),
        ("#edf8e9", "#bae4b3", "#74c476", "#238b45"),
        ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"),
        ("#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"),
        ("#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#005a32"),
        ("#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#005a32"),
        ("#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c", "#00441b"),
    ),
    "RdYlBu": (
        ("#fc8d59", "#ffffbf", "#91bfdb"),
        ("#d7191c", "#fdae61", "#abd9e9", "#2c7bb6"),
        ("#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"),
        ("#d73027", "#fc8d59", "#fee090", "#e0f3f8", "#91bfdb", "#4575b4"),
        ("#d73027", "#fc8d59", "#fee090", "#ffffbf", "#e0f3f8", "#91bfdb", "#4575b4"),
        ("#d73027", "#f46d43", "#fdae61", "#fee090", "#e0f3f8", "#abd9e9", "#74add1", "#4575b4"),
        ("#d73027", "#f46d43", "#fdae61", "#fee090", "#ffffbf", "#e0f3f8", "#abd9e9", "#74add1", "#4575b4"),
    ),
    "RdBu": (
        ("#ef8a62", "#f7f7f7", "#67a9cf"),
        ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
        ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"),
        ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
        ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"),
        ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
        ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
    ),
    "PuOr": (
        ("#f1a340", "#f7f7f7", "#998ec3"),
        ("#e66101", "#fdb863", "#b2abd2", "#5e3c99"),
        ("#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"),
        ("#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"),
        ("#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"),
        ("#b35806", "#e08214", "#fdb863", "#fee0b6", "#d8daeb", "#b2abd2", "#8073ac", "#542788"),
        ("#b35806", "#e08214", "#fdb863", "#fee0b6", "#f7f7f7", "#d8daeb", "#b2abd2", "#8073ac", "#542788"),
    ),
    "BrBG": (
        ("#d8b365", "#f5f5f5", "#5ab4ac"),
        ("#a6611a", "#dfc27d", "#80cdc1", "#018571"),
        ("#a6611a", "#dfc27d", "#f5f5f5", "#80cdc1", "#018571"),
        ("#8c510a", "#d8b365", "#f6e8c3", "#c7eae5", "#5ab4ac", "#01665e"),
        ("#8c510a", "#d8b365", "#f6e8c3", "#f5f5f5", "#c7eae5", "#5ab4ac", "#01665e"),
        ("#8c510a", "#bf812d", "#dfc27d", "#f6e8c3", "#c7eae5", "#80cdc1", "#35978f", "#01665e"),
        ("#8c510a", "#bf812d", "#dfc27d", "#f6e8c3", "#f5f5f5", "#c7eae5", "#80cdc1", "#35978f", "#01665e"),
    ),
    "PiYG": (
        ("#e9a3c9", "#f7f7f7", "#a1d76a"),
        ("#d01c8b", "#f1b6da", "#b8e186", "#4dac26"),
        ("#d01c8b", "#f1b6da", "#f7f7f7", "#b8e186", "#4dac26"),
        ("#c51b7d", "#e9a3c9", "#fde0ef", "#e6f5d0", "#a1d76a", "#4d9221"),
        ("#c51b7d", "#e9a3c9", "#fde0ef", "#f7f7f7", "#e6f5d0", "#a1d76a", "#4d9221"),
        ("#c51b7d", "#de77ae", "#f1b6da", "#fde0ef", "#e6f5d0", "#b8e186", "#7fbc41", "#4d9221"),
        ("#c51b7d", "#de77ae", "#f1b6da", "#fde0ef", "#f7f7f7", "#e6f5d0", "#b8e186", "#7fbc41", "#4d9221"),
    ),
    "PRGn": (
        ("#af8dc3", "#f7f7f7", "#7fbf7b"),
        ("#7b3294", "#c2a5cf", "#a6dba0", "#008837"),
        ("#7b3294", "#c2a5cf", "#f7f7f7", "#a6dba0", "#008837"),
        ("#762a83", "#af8dc3", "#e7d4e8", "#d9f0d3", "#7fbf7b", "#1b7837"),
        ("#762a83", "#af8dc3", "#e7d4e8", "#f7f7f7", "#d9f0d3", "#7fbf7b", "#1b7837"),
        ("#762a83", "#9970ab", "#c2a5cf", "#e7d4e8", "#d9f0d3", "#a6dba0", "#5aae61", "#1b7837"),
        ("#762a83", "#9970ab", "#c2a5cf", "#e7d4e8", "#f7f7f7", "#d9f0d3", "#a6dba0", "#5aae61", "#1b7837"),
    ),
    "RdYlGn": (
        ("#fc8d59", "#ffffbf", "#91cf60"),
        ("#d7191c", "#fdae61", "#a6d96a", "#1a9641"),
        ("#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"),
        ("#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850"),
        ("#d73027", "#fc8d59", "#fee08b", "#ffffbf", "#d9ef8b", "#91cf60", "#1a9850"),
        ("#d73027", "#f46d43", "#fdae61", "#fee08b", "#d9ef8b", "#a6d96a", "#66bd63", "#1a9850"),
        ("#d73027", "#f46d43", "#fdae61", "#fee08b", "#ffffbf", "#d9ef8b", "#a6d96a", "#66bd63", "#1a9850"),
    ),
    "Spectral": (
        ("#fc8d59", "#ffffbf", "#99d594"),
        ("#d7191c", "#fdae61", "#abdda4", "#2b83ba"),
        ("#d7191c", "#fdae61", "#ffffbf", "#abdda4", "#2b83ba"),
        ("#d53e4f", "#fc8d59", "#fee08b", "#e6f598", "#99d594", "#3288bd"),
        ("#d53e4f", "#fc8d59", "#fee08b", "#ffffbf", "#e6f598", "#99d594", "#3288bd"),
        ("#d53e4f", "#f46d43", "#fdae61", "#fee08b", "#e6f598", "#abdda4", "#66c2a5", "#3288bd"),
        ("#d53e4f", "#f46d43", "#fdae61", "#fee08b", "#ffffbf", "#e6f598", "#abdda4", "#66c2a5", "#3288bd"),
    ),
}
# fmt: on


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
    colours_by_k : tuple of tuple of str
        ``colours_by_k[k - 3]`` is the list of ``k`` hex colours, light to dark
        (diverging: one end to the other).
    """

    name: str
    kind: str
    colour_blind_safe: bool
    colours_by_k: tuple[tuple[str, ...], ...]

    def colours(self, k: int, reverse: bool = False) -> tuple[str, ...]:
        """The ``k`` colours of this palette (``3 <= k <= 9``), optionally reversed.

        Examples
        --------
        >>> PALETTES["Reds"].colours(4)
        ('#fee5d9', '#fcae91', '#fb6a4a', '#cb181d')
        """
        check_class_count(k)
        colours = self.colours_by_k[k - MIN_CLASSES]
        return tuple(reversed(colours)) if reverse else colours


def _build() -> dict[str, Palette]:
    palettes = {}
    for name, lists in _COLOURBREWER.items():
        sequential = name in _SEQUENTIAL_NAMES
        palettes[name] = Palette(
            name=name,
            kind="sequential" if sequential else "diverging",
            colour_blind_safe=sequential or name in _COLOUR_BLIND_SAFE_DIVERGING,
            colours_by_k=lists,
        )
    return palettes


PALETTES: dict[str, Palette] = _build()
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
