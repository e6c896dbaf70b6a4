"""Legend of a classed choropleth: a model built from a classification, and its HTML.

The model (:class:`Legend`) holds numbers, colours and counts but no text in a
particular language; :func:`legend_labels` and :func:`legend_html` format it
in Bahasa Indonesia (``1.234,5``) or English (``1,234.5``). Besides one entry
per class it always has a "no data" entry (flat grey) and a "suppressed" entry
(hatched grey), so that an area with no data never looks like an area with a
low value. Every piece of text reaching the HTML is escaped.

Examples
--------
>>> from geo.analysis.classify import classify
>>> result = classify([0, 3, 8, 12, None], breaks=[5, 10])
>>> legend = build_legend(result, "Blues", title="Migran")
>>> legend_labels(legend, "en")
['≤ 5', '6 – 10', '≥ 11', 'No data', 'Suppressed (small count)']
>>> [entry.count for entry in legend.entries]
[2, 1, 1, 1, 0]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from geo.analysis.classify import NO_DATA, SUPPRESSED, Classification
from geo.analysis.palettes import NO_DATA_COLOUR, OUTLINE_COLOUR, SUPPRESSED_COLOUR, SUPPRESSED_HATCH, class_colours
from geo.i18n import DEFAULT_LANGUAGE, format_number, t
from geo.web.escape import html_escape

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_DECIMALS = 4


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend.

    Attributes
    ----------
    kind : str
        ``"class"``, ``"no_data"`` or ``"suppressed"``.
    colour : str
        ``#rrggbb`` fill.
    count : int
        Number of areas in this row.
    lower, upper : float or None
        Class range (``kind == "class"`` only); None is an open end. ``lower`` is
        inclusive for the first class, exclusive otherwise.
    first : bool
        True for the first class (its lower bound is inclusive).
    hatched : bool
        Drawn with diagonal hatching (suppressed values).
    """

    kind: str
    colour: str
    count: int
    lower: float | None = None
    upper: float | None = None
    first: bool = False
    hatched: bool = False


@dataclass(frozen=True)
class Legend:
    """What a legend shows, independent of language.

    Attributes
    ----------
    title : str
        Free text (indicator and period; may come from a user): escaped when rendered.
    entries : tuple of LegendEntry
        Classes (low to high), then "no data", then "suppressed".
    decimals : int
        Decimals used for every number of the class ranges.
    whole_numbers : bool
        Class ranges are shown as whole-number ranges (``6 – 10`` after ``≤ 5``).
    notes : tuple of (str, dict)
        i18n keys with their values, shown under the entries.
    """

    title: str
    entries: tuple[LegendEntry, ...]
    decimals: int = 0
    whole_numbers: bool = False
    notes: tuple[tuple[str, dict[str, object]], ...] = field(default=())


def _choose_decimals(classification: Classification) -> int:
    if classification.whole_numbers:
        return 0
    bounds = [b for b in (classification.breaks.lowest, *classification.bins) if b is not None and math.isfinite(b)]
    if not bounds:
        return 0
    largest = max(abs(b) for b in bounds)
    decimals = 0 if largest >= 100 else 1 if largest >= 1 else 2
    # Add decimals until neighbouring bounds no longer print alike.
    while decimals < MAX_DECIMALS and len({round(b, decimals) for b in bounds}) < len(set(bounds)):
        decimals += 1
    return decimals


def build_legend(
    classification: Classification,
    palette: str = "YlOrRd",
    *,
    title: str = "",
    reverse: bool = False,
    decimals: int | None = None,
    suppression_threshold: int | None = None,
) -> Legend:
    """Build the legend model of a classification.

    Parameters
    ----------
    classification : Classification
        From :func:`geo.analysis.classify.classify`.
    palette : str
        Name in :data:`geo.analysis.palettes.PALETTES`.
    title : str
        Heading (escaped on output).
    reverse : bool
        Reverse the palette (dark for low values).
    decimals : int, optional
        Decimals of class bounds; by default just enough to tell bounds apart
        (none for whole numbers).
    suppression_threshold : int, optional
        When given, a note says values from 1 to this count are hidden.

    Returns
    -------
    Legend

    Examples
    --------
    >>> from geo.analysis.classify import classify
    >>> legend = build_legend(classify([0.5, 1.25, 2, 8], "equal_interval", k=3), "Reds")
    >>> [entry.colour for entry in legend.entries]
    ['#fee0d2', '#fc9272', '#de2d26', '#d9d9d9', '#969696']
    >>> legend_labels(legend, "id")[:3]
    ['0,5 – 3,0', '3,0 – 5,5', '5,5 – 8,0']
    """
    colours = class_colours(palette, classification.k, reverse=reverse)
    entries = [
        LegendEntry(kind="class", colour=colour, count=count, lower=lower, upper=upper, first=index == 0)
        for index, (colour, count, (lower, upper)) in enumerate(
            zip(colours, classification.counts, classification.intervals(), strict=True)
        )
    ]
    entries.append(LegendEntry(kind="no_data", colour=NO_DATA_COLOUR, count=classification.no_data_count))
    entries.append(
        LegendEntry(kind="suppressed", colour=SUPPRESSED_COLOUR, count=classification.suppressed_count, hatched=True)
    )
    notes: list[tuple[str, dict[str, object]]] = []
    breaks = classification.breaks
    if breaks.scheme != "user_defined" and 0 < classification.k < breaks.requested_k and not classification.fixed:
        notes.append(("risk.legend.note.fewer_classes", {"k": classification.k, "requested": breaks.requested_k}))
    if classification.fixed:
        notes.append(("risk.legend.note.fixed", {}))
    if suppression_threshold is not None:
        notes.append(("risk.legend.note.suppressed", {"threshold": suppression_threshold}))
    return Legend(
        title=title,
        entries=tuple(entries),
        decimals=_choose_decimals(classification) if decimals is None else decimals,
        whole_numbers=classification.whole_numbers,
        notes=tuple(notes),
    )


def _range_label(entry: LegendEntry, language: str, decimals: int, whole_numbers: bool) -> str:
    def number(value: float) -> str:
        return format_number(value, language, decimals)

    lower, upper = entry.lower, entry.upper
    # Lower bounds are exclusive except in the first class; with whole numbers the next
    # whole number is the first one in.
    shown_lower = lower if lower is None or entry.first or not whole_numbers else lower + 1
    if lower is None and upper is None:
        return "–"
    if lower is None:
        return f"≤ {number(upper)}"  # type: ignore[arg-type]
    if upper is None:
        if whole_numbers or entry.first:
            return f"≥ {number(shown_lower)}"  # type: ignore[arg-type]
        return f"> {number(lower)}"
    if shown_lower is not None and shown_lower >= upper:
        return number(upper)
    return f"{number(shown_lower)} – {number(upper)}"  # type: ignore[arg-type]


def legend_labels(legend: Legend, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """Text label of every entry, in ``language`` (not yet escaped).

    Examples
    --------
    >>> from geo.analysis.classify import classify
    >>> legend = build_legend(classify([1000, 2500, 4000, 9000], "quantiles", k=3))
    >>> legend_labels(legend, "id")[:3]
    ['1.000 – 2.500', '2.501 – 4.000', '4.001 – 9.000']
    """
    labels = []
    for entry in legend.entries:
        if entry.kind == "class":
            labels.append(_range_label(entry, language, legend.decimals, legend.whole_numbers))
        else:
            labels.append(t(f"risk.legend.{entry.kind}", language))
    return labels


def _swatch_style(entry: LegendEntry) -> str:
    for colour in (entry.colour, OUTLINE_COLOUR, SUPPRESSED_HATCH):
        if not _HEX_COLOUR.match(colour):  # colours go into a style attribute: accept nothing else
            raise ValueError(f"Legend colour {colour!r} is not a #rrggbb colour.")
    # Only the entry's own colours are inline; size and layout are in css/legend.css.
    fill = (
        f"background:repeating-linear-gradient(45deg,{entry.colour} 0 3px,{SUPPRESSED_HATCH} 3px 5px)"
        if entry.hatched
        else f"background:{entry.colour}"
    )
    return f"{fill};border-color:{OUTLINE_COLOUR}"


def legend_html(legend: Legend, language: str = DEFAULT_LANGUAGE) -> str:
    """Render the legend as an HTML fragment (no scripts), styled by ``geo/web/css/legend.css``.

    Every text (title, labels, counts, notes) is HTML-escaped; colours must be
    ``#rrggbb``.

    Examples
    --------
    >>> from geo.analysis.classify import classify
    >>> legend = build_legend(classify([1, 2, 3]), title="<b>Kasus</b>")
    >>> fragment = legend_html(legend, "en")
    >>> "&lt;b&gt;Kasus&lt;/b&gt;" in fragment and "<b>" not in fragment
    True
    """
    escape = html_escape
    # The look (box, rows, counts, notes) is the one legend stylesheet, css/legend.css,
    # which every map page (live and exported) carries.
    parts = [
        f'<div class="riskmap-legend" lang="{escape(language)}" role="group" aria-label="{escape(legend.title)}">'
    ]
    if legend.title:
        parts.append(f'<div class="riskmap-legend-title">{escape(legend.title)}</div>')
    for entry, label in zip(legend.entries, legend_labels(legend, language), strict=True):
        key = "risk.legend.areas_one" if entry.count == 1 else "risk.legend.areas"
        count = t(key, language, count=format_number(entry.count, language))
        parts.append(
            f'<div class="riskmap-legend-row riskmap-legend-{escape(entry.kind)}">'
            f'<span class="riskmap-legend-swatch" style="{_swatch_style(entry)}"></span>'
            f'<span class="riskmap-legend-label">{escape(label)}</span>'
            f'<span class="riskmap-legend-count">{escape(count)}</span>'
            "</div>"
        )
    for key, values in legend.notes:
        parts.append(f'<div class="riskmap-legend-note">{escape(t(key, language, **values))}</div>')
    parts.append("</div>")
    return "".join(parts)


def area_colours(
    classification: Classification, palette: str = "YlOrRd", *, reverse: bool = False
) -> pd.Series:
    """Fill colour of every area (index as the classified values), for styling polygons.

    No-data areas get :data:`geo.analysis.palettes.NO_DATA_COLOUR`, suppressed ones
    :data:`geo.analysis.palettes.SUPPRESSED_COLOUR` (hatch them too where the renderer can).

    Examples
    --------
    >>> import pandas as pd
    >>> from geo.analysis.classify import classify
    >>> values = pd.Series([1.0, None, 9.0], index=["21.71", "21.01", "21.02"])
    >>> area_colours(classify(values, breaks=[3, 6]), "Blues").to_dict()
    {'21.71': '#deebf7', '21.01': '#d9d9d9', '21.02': '#3182bd'}
    """
    colours = dict(enumerate(class_colours(palette, classification.k, reverse=reverse)))
    colours[NO_DATA] = NO_DATA_COLOUR
    colours[SUPPRESSED] = SUPPRESSED_COLOUR
    return classification.labels.map(colours).rename("colour")
