"""geo.web.legend: model, number formats, escaping of hostile text."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from geo.analysis.classify import classify, fixed_breaks
from geo.analysis.palettes import NO_DATA_COLOUR, SUPPRESSED_COLOUR, palette_colours
from geo.i18n import format_number
from geo.web.legend import Legend, LegendEntry, area_colours, build_legend, legend_html, legend_labels

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize(
    ("value", "language", "decimals", "expected"),
    [
        (1234.5, "id", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (1234567, "id", 0, "1.234.567"),
        (1234567, "en", 0, "1,234,567"),
        (0.125, "id", 2, "0,12"),
        (-1500.25, "id", 2, "\u22121.500,25"),
        (-0.001, "id", 1, "0,0"),
    ],
)
def test_format_number(value, language, decimals, expected):
    assert format_number(value, language, decimals) == expected


def test_legend_entries_ranges_counts_and_colours():
    values = pd.Series([0, 3, 8, 12, 40, np.nan, 2])
    result = classify(values, breaks=[5, 10], suppressed=values == 2)
    legend = build_legend(result, "Blues", title="Migran 2024")
    assert [e.kind for e in legend.entries] == ["class", "class", "class", "no_data", "suppressed"]
    assert [e.count for e in legend.entries] == [2, 1, 2, 1, 1]
    assert [e.colour for e in legend.entries[:3]] == list(palette_colours("Blues", 3))
    assert legend.entries[3].colour == NO_DATA_COLOUR and not legend.entries[3].hatched
    assert legend.entries[4].colour == SUPPRESSED_COLOUR and legend.entries[4].hatched
    assert legend_labels(legend, "id") == ["≤ 5", "6 – 10", "≥ 11", "Tidak ada data", "Disembunyikan (jumlah kecil)"]


def test_continuous_ranges_with_enough_decimals_in_both_languages():
    result = classify([0.5, 0.55, 1.25, 2.0, 2.5], breaks=[1.0, 2.0])
    legend = build_legend(result)
    assert legend.decimals == 1
    assert legend_labels(legend, "en")[:3] == ["≤ 1.0", "1.0 – 2.0", "> 2.0"]
    assert legend_labels(legend, "id")[:3] == ["≤ 1,0", "1,0 – 2,0", "> 2,0"]


def test_decimals_grow_until_bounds_differ():
    result = classify([0.101, 0.102, 0.103, 0.104], "equal_interval", k=3)
    legend = build_legend(result)
    labels = legend_labels(legend, "en")[:3]
    assert len(set(labels)) == 3
    assert legend.decimals == 3


def test_large_counts_use_thousands_separators():
    result = classify([1000, 2500, 40_000, 1_250_000], "quantiles", k=4)  # bins 2125, 21250, 342500, 1250000
    legend = build_legend(result)
    assert legend_labels(legend, "id")[:4] == ["1.000 – 2.125", "2.126 – 21.250", "21.251 – 342.500", "342.501 – 1.250.000"]
    assert legend_labels(legend, "en")[3] == "342,501 – 1,250,000"


def test_single_value_class_reads_as_that_value():
    legend = build_legend(classify([7, 7, 7], "quantiles", k=5))
    assert legend_labels(legend, "en")[0] == "7"
    assert legend.entries[0].count == 3


def test_all_missing_legend_has_only_no_data_and_suppressed():
    legend = build_legend(classify([np.nan, np.nan]))
    assert [e.kind for e in legend.entries] == ["no_data", "suppressed"]
    assert legend.entries[0].count == 2


def test_notes_for_fewer_classes_fixed_breaks_and_suppression():
    few = build_legend(classify([1, 1, 2], "quantiles", k=5), suppression_threshold=5)
    assert ("risk.legend.note.fewer_classes", {"k": 2, "requested": 5}) in few.notes
    assert ("risk.legend.note.suppressed", {"threshold": 5}) in few.notes
    fixed = build_legend(classify([1, 2], breaks=fixed_breaks([1, 2, 3, 4], "equal_interval", 3)))
    assert [key for key, _ in fixed.notes] == ["risk.legend.note.fixed"]
    html_text = legend_html(few, "en")
    assert "The data only support 2 classes (5 requested)." in html_text
    assert "Values resting on fewer than 5 people or cases, and values that would reveal them, are hidden" in html_text


def test_open_classes_of_fixed_breaks_are_labelled_open():
    breaks = fixed_breaks([10, 20, 30, 40], "equal_interval", k=3)
    legend = build_legend(classify([5, 25, 45], breaks=breaks))
    labels = legend_labels(legend, "en")[:3]
    assert labels[0] == "≤ 20" and labels[2] == "≥ 31"


def test_hostile_title_is_escaped():
    legend = build_legend(classify([1, 2, 3, 4]), title=HOSTILE)
    fragment = legend_html(legend, "en")
    assert "<img" not in fragment
    assert "onerror=alert(1)&gt;" in fragment
    assert fragment.count(html.escape(HOSTILE)) == 2  # heading and aria-label
    assert "<script" not in fragment


def test_every_text_node_in_the_html_is_escaped():
    hostile_legend = Legend(
        title='"><script>alert(1)</script>',
        entries=(LegendEntry(kind="no_data", colour="#d9d9d9", count=1),),
    )
    fragment = legend_html(hostile_legend, 'en" onload="x')
    assert "<script>" not in fragment
    assert 'lang="en&quot; onload=&quot;x"' in fragment
    # only the tags the renderer itself writes
    assert set(re.findall(r"<(\w+)", fragment)) == {"div", "span"}


def test_colours_must_be_hex_to_reach_a_style_attribute():
    bad = Legend(title="", entries=(LegendEntry(kind="no_data", colour="red;background:url(x)", count=0),))
    with pytest.raises(ValueError, match="#rrggbb"):
        legend_html(bad)


def test_html_counts_and_language():
    legend = build_legend(classify([1000, 2000, 3000, 4000, 5000] * 300, "equal_interval", k=4), title="Migran")
    fragment_id = legend_html(legend, "id")
    fragment_en = legend_html(legend, "en")
    assert "600 wilayah" in fragment_id and "300 areas" in fragment_en and "0 areas" in fragment_en
    assert "2.001 – 3.000" in fragment_id and "2,001 – 3,000" in fragment_en
    assert "repeating-linear-gradient" in fragment_en  # suppressed swatch is hatched


def test_area_colours_cover_no_data_and_suppressed():
    values = pd.Series([1.0, np.nan, 50.0, 3.0], index=["a", "b", "c", "d"])
    result = classify(values, breaks=[10, 20], suppressed=pd.Series({"d": True}))
    colours = area_colours(result, "Reds", reverse=True)
    reds = palette_colours("Reds", 3, reverse=True)
    assert colours.to_dict() == {"a": reds[0], "b": NO_DATA_COLOUR, "c": reds[2], "d": SUPPRESSED_COLOUR}
