"""From records to a legend and an exported table, as the Map page will chain them."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd

from geo.analysis.classify import NO_DATA, SUPPRESSED, classify, fixed_breaks
from geo.analysis.disclosure import DEFAULT_THRESHOLDS
from geo.analysis.indicators import indicator_panel, indicator_table
from geo.analysis.palettes import NO_DATA_COLOUR, SUPPRESSED_COLOUR
from geo.web.export import table_to_csv, table_to_xlsx, with_column_labels
from geo.web.legend import area_colours, build_legend, legend_html, legend_labels

HOSTILE = "<img src=x onerror=alert(1)>"

RECORDS = pd.DataFrame(
    {
        "area_code": [
            "21.71.01.1001", "21.71.02.1001", "21.01.01.2001", "21.02.01.2001", "21.03.01.2001",
            "21.05.01.2001", "21.71.01.1001", "21.01.01.2001", "21.02.01.2001",
        ],
        # 21.05 (outside the view below) is the complementary cell of the small 21.01 in 2024
        "period": ["2024"] * 6 + ["2023"] * 3,
        "count": [120, 80, 3, 0, 40, 15, 90, 12, 10],
        "kind": "migration",
    }
)
REGENCIES = ["21.71", "21.01", "21.02", "21.03", "21.04"]


def test_regency_view_end_to_end():
    table = indicator_table(RECORDS, "migrants", REGENCIES, "2024")
    assert table["value"].tolist()[0] == 200.0
    result = classify(table["value"], "natural_breaks", k=3, suppressed=table["suppressed"])
    assert result.labels.to_dict() == {"21.71": 2, "21.01": SUPPRESSED, "21.02": 0, "21.03": 1, "21.04": NO_DATA}
    colours = area_colours(result, "YlOrRd")
    assert colours["21.04"] == NO_DATA_COLOUR and colours["21.01"] == SUPPRESSED_COLOUR
    assert colours["21.02"] != NO_DATA_COLOUR  # zero is a value, not "no data"
    legend = build_legend(result, "YlOrRd", title=HOSTILE, suppression_threshold=DEFAULT_THRESHOLDS["migration"])
    assert legend_labels(legend, "en") == ["0", "1 – 40", "41 – 200", "No data", "Suppressed (small count)"]
    fragment = legend_html(legend, "id")
    assert "<img" not in fragment and "&lt;img src=x onerror=alert(1)&gt;" in fragment

    exported = with_column_labels(table.assign(name=["Kota Batam", HOSTILE, "=2+3", "Bintan", "Lingga"]), "en")
    workbook = openpyxl.load_workbook(io.BytesIO(table_to_xlsx(exported)))
    rows = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    assert rows[0][:3] == ["Area code", "Parent code", "Value"]
    assert rows[1][2] == 200 and rows[2][2] is None  # suppressed value is not exported
    assert rows[3][-1] == "'=2+3"
    csv_text = table_to_csv(exported).decode("utf-8-sig")
    assert "'=2+3" in csv_text and ",3.0," not in csv_text  # the suppressed 3 appears nowhere


def test_fixed_breaks_over_periods_keep_colours_comparable():
    panel = indicator_panel(RECORDS, "migrants", REGENCIES)
    assert set(panel["period"]) == {"2023", "2024"}
    breaks = fixed_breaks(panel["value"], "equal_interval", k=3, suppressed=panel["suppressed"])
    colours_by_year = {}
    for year in ("2023", "2024"):
        table = indicator_table(RECORDS, "migrants", REGENCIES, year)
        result = classify(table["value"], breaks=breaks, suppressed=table["suppressed"])
        colours_by_year[year] = area_colours(result, "Blues")
    # 21.71 had 90 in 2023 and 200 in 2024: a different class, not the top class both years
    assert colours_by_year["2023"]["21.71"] != colours_by_year["2024"]["21.71"]
    assert breaks.bins[-1] == 200.0 and breaks.lowest == 0.0
    assert np.isnan(panel.loc[(panel["period"] == "2024") & (panel["code"] == "21.01"), "value"]).all()
