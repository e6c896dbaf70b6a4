"""The one-page brief of a view: an A4 PDF (and its map as a PNG) rendered on the server, no browser.

The brief of a :class:`geo.web.mapview.MapData` (the view the Map page shows, or the one
``riskmap brief`` builds) holds, top to bottom: title, date and audience, the sample-data
label when it applies, the map of the view's areas with its legend, the top-10 table, a
summary of the case flows, then the sources, the disclosure note and the boundary
attribution.

* The map is drawn by matplotlib (Agg canvas, no pyplot state) from the same display
  geometry the browser gets, in the colours of the app's classification
  (``Choropleth.table["colour"]``); suppressed areas are hatched as in the app. Values
  come from the same :func:`geo.web.mapview.build_choropleth`, so a public brief shows
  exactly what the public map shows and nothing below the disclosure threshold.
* The PDF is written by fpdf2 with DejaVu Sans embedded (the copy bundled with
  matplotlib: no system font needed). Every text goes through fpdf's plain-text API
  (no HTML or Markdown is interpreted), so a dataset or area name cannot inject markup.

Use: ``brief_pdf(brief_data(View(level="village", area="21.71", lang="en")))`` gives the
PDF bytes, ``map_png(data)`` the map alone; ``riskmap brief`` (:mod:`geo.cli.brief`) writes both.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from geo.analysis.classify import SUPPRESSED
from geo.analysis.disclosure import PUBLIC
from geo.analysis.indicators import INDICATORS
from geo.analysis.palettes import NO_DATA_COLOUR, OUTLINE_COLOUR, SUPPRESSED_HATCH
from geo.i18n import format_number, t
from geo.web.legend import Legend, legend_labels
from geo.web.mapview import MapData, flow_summary, format_value, map_data, map_flows, sample_labels
from geo.web.viewstate import View

if TYPE_CHECKING:
    from fpdf import FPDF
    from matplotlib.figure import Figure

    from geo.analysis.flows import FlowResult

TOP_COUNT = 10
"""Rows of the top table."""

TOP_DESTINATIONS = 5
"""Destinations named in the flows summary."""

WHY_CHARACTERS = 160
"""The "why" of a row is cut to this many characters (two lines of the table) so the page never overflows."""

PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210.0, 297.0, 14.0
MAP_HEIGHT_MM = 92.0
MAP_DPI = 200
"""Resolution of the map image in the PDF (sharp in print; Kota Batam's villages: a 130 KB PDF)."""

ACCENT = (31, 78, 121)  # the rules and headings: a dark blue that prints well in grey too
MUTED = (90, 90, 90)
SAMPLE_FILL = (255, 236, 179)  # the sample label stands out as on the page


def font_files() -> tuple[Path, Path]:
    """DejaVu Sans regular and bold: matplotlib's bundled copies (always present with matplotlib).

    Returns
    -------
    tuple of Path
        (regular, bold) TrueType files.

    Examples
    --------
    >>> regular, bold = font_files()
    >>> regular.name, bold.is_file()
    ('DejaVuSans.ttf', True)
    """
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


def brief_data(view: View, *, audience: str = PUBLIC) -> MapData:
    """The view's datasets, layer and choropleth for one audience.

    Parameters
    ----------
    view : View
        Level, area, datasets, indicator, period, language.
    audience : str
        ``"public"`` (default): restricted datasets are unavailable and small counts, and
        the values revealing them, are suppressed; ``"analyst"``: every dataset and value.

    Returns
    -------
    MapData
    """
    return map_data(view, data_audience=audience, value_audience=audience)


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class TopTable:
    """The top table: heading, column headers, rows of plain text and a note under it (may be "")."""

    heading: str
    headers: tuple[str, ...]
    widths: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class BriefContent:
    """Every text of a brief, in its language, plain (the PDF writer never interprets markup)."""

    title: str
    subtitle: str
    made: str
    sample_lines: tuple[str, ...]
    top: TopTable
    flow_lines: tuple[str, ...]
    source_lines: tuple[str, ...]
    footer: str


def area_title(area: str | None, lang: str) -> str:
    """The area's official name with its code ("Kota Batam (21.71)"); Indonesia for none.

    Examples
    --------
    >>> area_title(None, "en")
    'Indonesia'
    """
    if area is None:
        return t("brief.country", lang)
    from geo.data.codes import CodeList

    codes = CodeList.load()
    name = codes.name(area) if area in codes else area
    return f"{name} ({area})"


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ;,") + "…"


def top_by_value(data: MapData) -> TopTable:
    """The ten areas with the highest visible values of the map's indicator (suppressed ones never appear).

    The brief's top table when the data give no priority score (see :func:`priority_top`).

    Parameters
    ----------
    data : MapData
        The view's data, with a choropleth.

    Returns
    -------
    TopTable
    """
    lang = data.view.lang
    choropleth = data.choropleth
    assert choropleth is not None
    table = choropleth.table
    visible = table[table["value"].notna() & ~table["suppressed"].astype(bool)]
    ordered = visible.assign(_code=visible.index).sort_values(["value", "_code"], ascending=[False, True])
    unit = INDICATORS[choropleth.indicator].unit
    change = choropleth.measure == "change"
    rows = []
    for position, (code, row) in enumerate(ordered.head(TOP_COUNT).iterrows(), start=1):
        rank = "" if pd.isna(row["rank"]) else t(
            "map.rank", lang, rank=format_number(int(row["rank"]), lang), total=format_number(int(row["rank_of"]), lang)
        )
        rows.append((
            format_number(position, lang), f"{row['name']} ({code})",
            format_value(float(row["value"]), unit, lang, change=change), rank,
        ))
    headers = (t("brief.column.rank", lang), t("brief.column.area", lang), choropleth.title,
               t("brief.column.rank_in_parent", lang))
    note = t("brief.top.pending", lang) if rows else t("brief.top.none", lang)
    return TopTable(heading=t("brief.top.heading_by_value", lang), headers=headers, widths=(8, 74, 60, 40),
                    rows=tuple(rows), note=note)


def priority_top(data: MapData) -> TopTable | None:
    """The ten areas that come first in :func:`geo.analysis.priority.priority_table`, with their "why".

    Ranked over the view's areas, in the map's period, for the data's audience (values
    hidden from the public count as unknown there too); neighbours for the hotspot
    component come from :func:`geo.analysis.hotspots.area_graph` when it can be built.

    Parameters
    ----------
    data : MapData
        The view's data.

    Returns
    -------
    TopTable or None
        ``None`` when the records give no score (neither migration nor cases).
    """
    from geo.analysis.hotspots import area_graph
    from geo.analysis.periods import ALL_PERIODS
    from geo.analysis.priority import priority_table
    from geo.errors import RiskmapError
    from geo.web.priority_layer import score_rows

    choropleth, lang = data.choropleth, data.view.lang
    if choropleth is None:
        return None
    period = None if choropleth.period == ALL_PERIODS else choropleth.period
    scored = score_rows(data.selection, data.view.level, data.view.area, period)  # roll-ups, never all records
    if scored is None:
        return None
    records, whole = scored
    names = {str(code): str(name) for code, name in choropleth.table["name"].items()}
    thresholds = [d.disclosure_threshold for d in data.selection.datasets if d.disclosure_threshold]
    try:
        graph = area_graph(data.view.level, data.view.area)
    except RiskmapError:
        graph = None  # no polygons to find neighbours: scored without the hotspot component
    try:
        table = priority_table(
            records, list(choropleth.table.index), period, graph=graph, names=names,
            audience=data.value_audience, threshold=max(thresholds) if thresholds else None, lang=lang, whole=whole,
        )
    except RiskmapError:
        return None
    rows = tuple(
        (format_number(int(row["rank"]), lang), f"{names.get(str(code), code)} ({code})",
         format_number(float(row["score"]), lang, 1), _shortened(str(row["why"]), WHY_CHARACTERS))
        for code, row in table.head(TOP_COUNT).iterrows()
    )
    headers = (t("brief.column.rank", lang), t("brief.column.area", lang), t("brief.column.score", lang),
               t("brief.column.why", lang))
    return TopTable(heading=t("brief.top.heading", lang), headers=headers, widths=(7, 50, 11, 114), rows=rows,
                    note=t("brief.top.priority_note", lang))


def _destination_text(row: pd.Series, lang: str) -> str:
    place = str(row["destination"]) if pd.notna(row["destination"]) else ""
    country = str(row["destination_country"]) if pd.notna(row["destination_country"]) else ""
    name = place if not country or country == place else f"{place}, {country}" if place else country
    return f"{name} {format_number(float(row['count']), lang)}"


def flow_lines(result: FlowResult | None, lang: str) -> tuple[str, ...]:
    """The flows summary: cases and flows counted, and the main destinations (already disclosure-controlled).

    Parameters
    ----------
    result : FlowResult or None
        From :func:`geo.web.mapview.map_flows` (``None``: the view shows no cases dataset).
    lang : str
        Language.

    Returns
    -------
    tuple of str
        Plain-text lines.
    """
    if result is None:
        return (t("brief.flows.none", lang),)
    lines = [flow_summary(result, lang)]
    destinations = result.destinations.head(TOP_DESTINATIONS)
    if len(destinations):
        named = "; ".join(_destination_text(row, lang) for _, row in destinations.iterrows())
        lines.append(t("brief.flows.top", lang, destinations=named))
    return tuple(lines)


def _source_lines(data: MapData, *, citations: bool = False) -> tuple[str, ...]:
    """Datasets shown (with the sample anchors' citations when asked), the disclosure note, boundary attribution."""
    lang = data.view.lang
    lines: list[str] = []
    choropleth = data.choropleth
    if choropleth is not None and choropleth.sources:
        lines.append(t("brief.sources.datasets", lang, datasets=", ".join(d.label() for d in choropleth.sources)))
        if citations:
            lines.extend(citation for _label, citation in sample_labels(choropleth, lang) if citation)
        lines.extend(t(key, lang, **values) for key, values in choropleth.legend.notes)
    lines.append(t("attribution.boundaries", lang))
    return tuple(lines)


def brief_content(data: MapData, *, today: dt.date | None = None, top: TopTable | None = None) -> BriefContent:
    """Every text of the brief of ``data`` (plain text in the view's language).

    Parameters
    ----------
    data : MapData
        From :func:`brief_data` (or the Map page's own).
    today : datetime.date, optional
        The date printed (default: today, UTC).
    top : TopTable, optional
        The top table (default: :func:`priority_top`, else :func:`top_by_value`).

    Returns
    -------
    BriefContent
    """
    view, choropleth = data.view, data.choropleth
    lang = view.lang
    today = today or dt.datetime.now(dt.UTC).date()
    indicator = choropleth.title if choropleth is not None else t("brief.no_data", lang)
    subtitle = t("brief.subtitle", lang, indicator=indicator, level=t(f"level.{view.level}", lang).lower(),
                 count=format_number(len(data.layer.codes), lang))  # type: ignore[attr-defined]
    made = t("brief.made", lang, date=today.isoformat(), audience=t(f"brief.audience.{data.value_audience}", lang))
    if top is None:
        top = priority_top(data)
    if top is None:
        top = top_by_value(data) if choropleth is not None else TopTable(
            heading=t("brief.top.heading_by_value", lang), headers=(), widths=(), rows=(), note=t("brief.no_data", lang)
        )
    return BriefContent(
        title=t("brief.title", lang, area=area_title(view.area, lang)),
        subtitle=subtitle,
        made=made,
        sample_lines=tuple(label for label, _citation in sample_labels(choropleth, lang)),
        top=top,
        flow_lines=flow_lines(map_flows(data), lang),
        source_lines=_source_lines(data, citations=True),
        footer=t("brief.footer", lang),
    )


# --------------------------------------------------------------------------- the map


def _line_width(count: int) -> float:
    """Outline width in points: thinner as areas get many (villages of a province)."""
    return 0.6 if count < 80 else 0.3 if count < 800 else 0.12


def _draw_areas(axes: object, data: MapData) -> None:
    from geo.data.boundaries import display_layer

    view = data.view
    layer = display_layer(view.level, view.area)
    colours = pd.Series(NO_DATA_COLOUR, index=layer["code"].astype(str))
    classes = pd.Series(dtype=object)
    if data.choropleth is not None:
        table = data.choropleth.table
        colours = table["colour"].reindex(colours.index).fillna(NO_DATA_COLOUR)
        classes = table["class"].reindex(colours.index)
    width = _line_width(len(layer))
    layer.plot(ax=axes, color=list(colours), edgecolor="white", linewidth=width)
    hidden = layer[(classes == SUPPRESSED).to_numpy()] if len(classes) else layer.iloc[0:0]
    if len(hidden):
        # Hatching as on the page: a suppressed area never looks like a low value.
        hidden.plot(ax=axes, facecolor="none", edgecolor=SUPPRESSED_HATCH, hatch="////", linewidth=0)
    if view.area is not None:
        _draw_outline(axes, view.area)
    axes.set_axis_off()  # type: ignore[attr-defined]


def _draw_outline(axes: object, area: str) -> None:
    from geo.data.boundaries import display_layer
    from geo.data.codes import level_of, parent_of

    own = display_layer(level_of(area), parent_of(area))
    own = own[own["code"] == area]
    if len(own):
        own.boundary.plot(ax=axes, color=OUTLINE_COLOUR, linewidth=0.9)


def _draw_legend(axes: object, legend: Legend, lang: str) -> None:
    """The app's legend: title, one swatch per class (low to high), no data, suppressed; counts; notes."""
    from matplotlib.patches import Rectangle

    axes.set_axis_off()  # type: ignore[attr-defined]
    axes.set_xlim(0, 1)  # type: ignore[attr-defined]
    axes.set_ylim(0, 1)  # type: ignore[attr-defined]
    title = "\n".join(textwrap.wrap(legend.title, 26))
    axes.text(0, 1, title, va="top", ha="left", fontsize=8, fontweight="bold")  # type: ignore[attr-defined]
    top = 0.97 - 0.075 * (title.count("\n") + 1)
    labels = legend_labels(legend, lang)
    row = 0.075
    for index, (entry, label) in enumerate(zip(legend.entries, labels, strict=True)):
        y = top - index * row
        axes.add_patch(Rectangle(  # type: ignore[attr-defined]
            (0, y - 0.05), 0.13, 0.05, facecolor=entry.colour, edgecolor=OUTLINE_COLOUR, linewidth=0.4,
            hatch="////" if entry.hatched else None,
        ))
        axes.text(0.17, y - 0.025, f"{label}  ({format_number(entry.count, lang)})",  # type: ignore[attr-defined]
                  va="center", ha="left", fontsize=7)


def map_figure(data: MapData, *, standalone: bool = False) -> Figure:
    """The map of ``data`` with its legend on the right (Agg canvas: no display, no pyplot state).

    Parameters
    ----------
    data : MapData
        The view's data.
    standalone : bool
        Add the title above and the sources under the map (the PNG on its own).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width_in = (PAGE_WIDTH_MM - 2 * MARGIN_MM) / 25.4
    title, notes = _standalone_texts(data) if standalone else ("", [])
    top_in, bottom_in = (0.35, 0.12 + 0.095 * len(notes)) if standalone else (0.0, 0.0)
    height_in = MAP_HEIGHT_MM / 25.4 + top_in + bottom_in
    figure = Figure(figsize=(width_in, height_in))
    canvas = FigureCanvasAgg(figure)
    # GeoDataFrame.plot asks for a redraw after every layer; on Agg that is a full render each
    # time (a third of the map's cost). The one render that counts is savefig's.
    canvas.draw_idle = lambda *args, **kwargs: None  # type: ignore[method-assign]
    bottom, height = bottom_in / height_in, MAP_HEIGHT_MM / 25.4 / height_in  # figure fractions
    map_axes = figure.add_axes((0.0, bottom, 0.7, height))
    _draw_areas(map_axes, data)
    if data.choropleth is not None:
        legend_axes = figure.add_axes((0.72, bottom + 0.02 * height, 0.28, 0.96 * height))
        _draw_legend(legend_axes, data.choropleth.legend, data.view.lang)
    if standalone:
        figure.text(0.0, 1 - 0.06 / height_in, title, va="top", ha="left", fontsize=10, fontweight="bold")
        figure.text(0.0, 0.04 / height_in, "\n".join(notes), va="bottom", ha="left", fontsize=5.5,
                    color="#555555", linespacing=1.25)
    return figure


def _standalone_texts(data: MapData) -> tuple[str, list[str]]:
    """Title and the wrapped lines under the PNG: sample label (short), sources, disclosure, attribution."""
    lang = data.view.lang
    title = t("brief.title", lang, area=area_title(data.view.area, lang))
    if data.choropleth is not None:
        title += " · " + data.choropleth.title
    notes = [label for label, _citation in sample_labels(data.choropleth, lang)] + list(_source_lines(data))
    return title, [line for note in notes for line in textwrap.wrap(note, 150)]


def map_png(data: MapData, *, dpi: int = 150, standalone: bool = True) -> bytes:
    """The map of ``data`` with its legend as PNG bytes.

    Parameters
    ----------
    data : MapData
        The view's data.
    dpi : int
        Resolution.
    standalone : bool
        With the title, sample label, sources and attribution (default: the PNG is shared alone).

    Returns
    -------
    bytes
        A PNG image.
    """
    figure = map_figure(data, standalone=standalone)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


# --------------------------------------------------------------------------- the PDF


def _new_pdf(content: BriefContent, lang: str) -> FPDF:
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)  # one page by construction: texts are cut, never spilled
    pdf.set_margins(MARGIN_MM, 12, MARGIN_MM)
    regular, bold = font_files()
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_title(content.title)
    pdf.set_creator("riskmap")
    pdf.set_lang(lang)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.set_font("DejaVu", "B", 10)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def _write_header(pdf: FPDF, content: BriefContent) -> None:
    from fpdf.util import Padding

    pdf.set_font("DejaVu", "B", 16)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 7.5, content.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 9.5)
    pdf.multi_cell(0, 5, content.subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 4.5, content.made, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN_MM, pdf.get_y() + 1, PAGE_WIDTH_MM - MARGIN_MM, pdf.get_y() + 1)
    pdf.ln(3)
    for line in content.sample_lines:
        pdf.set_font("DejaVu", "B", 8.5)
        pdf.set_fill_color(*SAMPLE_FILL)
        pdf.multi_cell(0, 4.2, _shortened(line, 300), align="L", fill=True, padding=Padding(1, 1.5, 1, 1.5),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def _write_table(pdf: FPDF, top: TopTable) -> None:
    _heading(pdf, top.heading)
    if top.rows:
        from fpdf.fonts import FontFace

        pdf.set_font("DejaVu", "", 7)
        pdf.set_draw_color(200, 200, 200)
        pdf.set_fill_color(242, 246, 250)  # the table's row stripes (cell_fill_color alone is not applied to every row)
        pdf.set_line_width(0.2)
        header_style = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
        with pdf.table(
            col_widths=top.widths, width=PAGE_WIDTH_MM - 2 * MARGIN_MM, line_height=3.2, text_align="LEFT",
            headings_style=header_style, borders_layout="HORIZONTAL_LINES", padding=(0.6, 1),
            cell_fill_color=(242, 246, 250), cell_fill_mode="ROWS", markdown=False,
        ) as table:
            for cells in (top.headers, *top.rows):
                row = table.row()
                for cell in cells:
                    row.cell(cell)
    if top.note:
        pdf.set_font("DejaVu", "", 7)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 3.5, top.note, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)


def _write_lines(pdf: FPDF, heading: str, lines: Sequence[str], size: float, colour: tuple[int, int, int]) -> None:
    _heading(pdf, heading)
    pdf.set_font("DejaVu", "", size)
    pdf.set_text_color(*colour)
    for line in lines:
        pdf.multi_cell(0, size * 0.5, _shortened(line, 600), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.6)
    pdf.set_text_color(0, 0, 0)


def brief_pdf(data: MapData, *, today: dt.date | None = None, top: TopTable | None = None) -> bytes:
    """The one-page A4 brief of ``data`` as PDF bytes (DejaVu Sans embedded).

    Parameters
    ----------
    data : MapData
        From :func:`brief_data` (its ``value_audience`` decides disclosure control) or the Map page.
    today : datetime.date, optional
        The date printed (default: today, UTC).
    top : TopTable, optional
        The top table (default: :func:`priority_top`, else :func:`top_by_value`).

    Returns
    -------
    bytes
        A one-page PDF.
    """
    content = brief_content(data, today=today, top=top)
    pdf = _new_pdf(content, data.view.lang)
    _write_header(pdf, content)
    image = map_png(data, dpi=MAP_DPI, standalone=False)
    width = PAGE_WIDTH_MM - 2 * MARGIN_MM
    pdf.image(io.BytesIO(image), x=MARGIN_MM, y=pdf.get_y(), w=width, h=MAP_HEIGHT_MM)
    pdf.set_y(pdf.get_y() + MAP_HEIGHT_MM + 2)
    _write_table(pdf, content.top)
    pdf.ln(2)
    _write_lines(pdf, t("brief.flows.heading", data.view.lang), content.flow_lines, 7.5, (0, 0, 0))
    pdf.ln(1)
    _write_lines(pdf, t("brief.sources.heading", data.view.lang), content.source_lines, 6, MUTED)
    pdf.set_y(PAGE_HEIGHT_MM - 10)
    pdf.set_font("DejaVu", "", 6.5)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 4, content.footer, align="C")
    return bytes(pdf.output())
