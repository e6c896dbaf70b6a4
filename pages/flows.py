"""Flows page: origin areas → destinations (and transit) as lines; the settings live in the URL."""

from __future__ import annotations

from geo.app.navigation import require_app_navigation

require_app_navigation()

from dataclasses import replace

import pandas as pd
import streamlit as st

from geo.analysis.disclosure import threshold_of
from geo.analysis.flows import FlowResult
from geo.analysis.periods import years_label
from geo.app import auth, present, ui
from geo.data import store
from geo.data.codes import CodeList, level_of
from geo.i18n import format_number, t
from geo.web.flowdata import FlowChoices, flow_choices, stored_flows
from geo.web.viewstate import SAVED_PAGE_KEY, default_tiles, flow_view_to_query

lang = ui.current_lang()
# /?v=TOKEN and a story's step become the view's own keys first (present=1/embed=1 stay).
shown, story_place, link_messages = present.open_link("flows")
if not shown.full_window:
    st.title(t("flows.page.title", lang))
# The map is the page, as on the Map page: the sample label and the map fill this container
# right under the title (at 1400×900 its top stays above 300 px); intro and controls follow.
map_area = st.container()
if not shown.full_window:
    st.caption(t("flows.page.intro", lang))


_apply = ui.apply_flow_view  # widget callbacks: the view with one change, written into the URL
_view_now = ui.flow_view_now


# Dataset versions are immutable, so what they give is cached by database and id. Both read
# the store's roll-ups of the view (geo.web.flowdata), never a dataset's record table.
@st.cache_data(show_spinner=False, max_entries=8)
def _destination_choices(database: str, dataset_id: int) -> FlowChoices:
    """Countries (ISO → label id/en), cities as drawn, and periods present in a dataset."""
    return flow_choices(database, dataset_id)


@st.cache_data(show_spinner=False, max_entries=32)
def _flows(
    database: str, dataset_id: int, options: tuple, unit: str, value_audience: str = "public", threshold: int = 10
) -> FlowResult:
    # value_audience "public": small flows (and those that would reveal them) are never sent
    return stored_flows(database, dataset_id, unit=unit, audience=value_audience, threshold=threshold, **dict(options))


default_store = store.default_store()
default_store.ensure_default_data()
audience = auth.data_audience()  # viewers: restricted datasets do not exist
datasets = default_store.list_datasets(audience=audience)
if not datasets:
    st.info(t("flows.no_dataset", lang))
    st.stop()

by_id = {dataset.id: dataset for dataset in datasets}
# One message names every corrected key (an unavailable dataset too); the URL is then rewritten.
view, messages = ui.current_flow_view(lang, list(by_id))
messages = [*link_messages, *messages]
if not shown.full_window:
    ui.show_messages(messages)
if view.dataset not in by_id:  # a restricted id reads "not available" for viewers, as an unknown one
    active = default_store.active_dataset("cases", audience=audience) or datasets[0]
    view = replace(view, dataset=active.id)
ui.rewrite_flow_url(view)  # a reload or a shared link shows the same view
dataset = by_id[view.dataset]  # type: ignore[index]
codes = CodeList.load()

if shown.full_window:  # present=1 / embed=1: the flow map over the whole window, no controls or table
    unit = "migrants" if dataset.kind == "migration" else "cases"
    result = _flows(
        default_store.url, dataset.id, tuple(sorted(view.aggregate_options().items(), key=lambda item: item[0])),  # type: ignore[arg-type]
        unit, auth.value_audience(), threshold_of(dataset),
    )
    present.show_flow_presentation(
        present.flow_title(view, result, lang), result, tiles=view.tiles or default_tiles(), shown=shown,
        place=story_place, lines=present.flow_source_lines(dataset, lang), messages=messages, lang=lang,
    )
    st.stop()

# ---------------------------------------------------------------- widgets (each writes the URL)
top_row = st.columns([3, 2, 2, 3])
with top_row[0]:
    st.session_state["flows_dataset"] = dataset.id
    st.selectbox(
        t("flows.widget.dataset", lang),
        list(by_id),
        format_func=lambda dataset_id: f"{by_id[dataset_id].label} · {t('data.kind.' + by_id[dataset_id].kind, lang)}",
        key="flows_dataset",
        on_change=lambda: _apply(
            dataset=st.session_state["flows_dataset"], country=None, city=None, period_from=None, period_to=None
        ),
    )
province = view.area[:2] if view.area else None
with top_row[1]:
    provinces = codes.level("province")
    province_names = dict(zip(provinces["code"], provinces["name"], strict=True))
    st.session_state["flows_province"] = province or ""
    st.selectbox(
        t("flows.widget.province", lang),
        ["", *province_names],
        format_func=lambda code: province_names.get(code, t("flows.widget.all_indonesia", lang)),
        key="flows_province",
        on_change=lambda: _apply(area=st.session_state["flows_province"] or None, level="regency"),
    )
with top_row[2]:
    if province:
        regencies = codes.children(province, level="regency")
        regency_names = dict(zip(regencies["code"], regencies["name"], strict=True))
        current_regency = view.area[:5] if view.area and len(view.area) >= 5 else ""
        st.session_state["flows_regency"] = current_regency
        st.selectbox(
            t("flows.widget.regency", lang),
            ["", *regency_names],
            format_func=lambda code: regency_names.get(code, t("flows.widget.all_regencies", lang)),
            key="flows_regency",
            on_change=lambda: _apply(
                area=st.session_state["flows_regency"] or _view_now().area[:2],  # type: ignore[index]
                level="district" if st.session_state["flows_regency"] else "regency",
            ),
        )
with top_row[3]:
    from geo import LEVELS

    allowed = (
        ("province", "regency", "district")
        if view.area is None
        else tuple(level for level in LEVELS if LEVELS.index(level) > LEVELS.index(level_of(view.area)))
    )
    st.session_state["flows_level"] = view.level
    st.radio(
        t("flows.widget.level", lang),
        allowed,
        format_func=lambda level: t(f"level.{level}", lang),
        key="flows_level",
        horizontal=True,
        on_change=lambda: _apply(level=st.session_state["flows_level"]),
    )

choices = _destination_choices(default_store.url, dataset.id)
country_names = choices.countries_id if lang == "id" else choices.countries_en
cities, periods = choices.cities, choices.periods
filter_row = st.columns([2, 2, 1.3, 1.3, 1.2, 1.2])
with filter_row[0]:
    st.session_state["flows_country"] = view.country if view.country in country_names else ""
    st.selectbox(
        t("flows.widget.country", lang),
        ["", *country_names],
        format_func=lambda code: country_names.get(code, t("flows.widget.all_countries", lang)),
        key="flows_country",
        on_change=lambda: _apply(country=st.session_state["flows_country"] or None, city=None),
    )
with filter_row[1]:
    st.session_state["flows_city"] = view.city if view.city in cities else ""
    st.selectbox(
        t("flows.widget.city", lang),
        ["", *cities],
        format_func=lambda city: city or t("flows.widget.all_cities", lang),
        key="flows_city",
        on_change=lambda: _apply(city=st.session_state["flows_city"] or None),
    )
period_options = ["", *sorted({period[:4] for period in periods}), *periods]
period_options = list(dict.fromkeys(period_options))
for column, key, name, label in (
    (filter_row[2], "flows_from", "period_from", "flows.widget.period_from"),
    (filter_row[3], "flows_to", "period_to", "flows.widget.period_to"),
):
    with column:
        current = getattr(view, name) or ""
        st.session_state[key] = current if current in period_options else ""
        st.selectbox(
            t(label, lang),
            period_options,
            format_func=lambda period: period or t("flows.widget.any_period", lang),
            key=key,
            on_change=lambda key=key, name=name: _apply(**{name: st.session_state[key] or None}),
        )
with filter_row[4]:
    st.session_state["flows_min"] = int(view.min_count)
    st.number_input(
        t("flows.widget.min", lang),
        min_value=0,
        step=1,
        key="flows_min",
        on_change=lambda: _apply(min_count=float(st.session_state["flows_min"])),
    )
with filter_row[5]:
    st.session_state["flows_top"] = view.top
    st.number_input(
        t("flows.widget.top", lang),
        min_value=1,
        max_value=500,
        step=5,
        key="flows_top",
        on_change=lambda: _apply(top=int(st.session_state["flows_top"])),
    )

# ---------------------------------------------------------------- flows and map
unit = "migrants" if dataset.kind == "migration" else "cases"
result = _flows(
    default_store.url, dataset.id, tuple(sorted(view.aggregate_options().items(), key=lambda item: item[0])),  # type: ignore[arg-type]
    unit, auth.value_audience(), threshold_of(dataset),
)
with map_area:
    ui.sample_label(None, lang, datasets=[dataset])  # one line; the sources one click away, as on the Map page
    if result.flows.empty:
        st.info(t("flows.none", lang))
    ui.show_flow_map(result, tiles=view.tiles or default_tiles(), lang=lang)  # the Map page's live map
with st.container(horizontal=True):
    present.present_button(lang)
    present.save_view_control({**flow_view_to_query(view), SAVED_PAGE_KEY: "flows"}, lang)

period = (
    years_label([view.period_from, view.period_to]) if (view.period_from or view.period_to) else result.period_label
)
st.caption(
    t(
        "flows.summary",
        lang,
        flows=format_number(result.flow_count, lang),
        count=format_number(result.total_count, lang),
        unit=t(f"flows.unit.{unit}", lang),
        period=f" ({period})" if period else "",
        drawn=format_number(len(result.flows), lang),
    )
)
if len(result.above_level):
    st.caption(
        t(
            "flows.above_level",
            lang,
            records=format_number(result.above_level["records"].sum(), lang),
            level=t(f"level.{result.level}", lang),
            count=format_number(result.above_level["count"].sum(), lang),
            unit=t(f"flows.unit.{unit}", lang),
        )
    )

if not result.flows.empty:
    st.subheader(t("flows.table.heading", lang))
    flows_table = pd.DataFrame(
        {
            t("flows.table.origin", lang): result.flows["origin_name"],
            t("flows.table.code", lang): result.flows["origin_code"],
            t("flows.table.transit", lang): result.flows["transit_id" if lang == "id" else "transit"].fillna(""),
            t("flows.table.destination", lang): result.flows["destination_id" if lang == "id" else "destination"],
            t("flows.table.country", lang): result.flows[
                "destination_country_id" if lang == "id" else "destination_country"
            ],
            t("flows.table.count", lang): result.flows["count"].round(0).astype(int),
            t("flows.table.records", lang): result.flows["records"],
        }
    )
    st.dataframe(flows_table, hide_index=True)

if len(result.unresolved):
    st.subheader(t("flows.unresolved.heading", lang))
    st.caption(t("flows.unresolved.help", lang))
    st.dataframe(
        pd.DataFrame(
            {
                t("flows.unresolved.role", lang): [t(f"flows.role.{role}", lang) for role in result.unresolved["role"]],
                t("flows.unresolved.text", lang): result.unresolved["text"],
                t("flows.unresolved.reason", lang): [
                    t(f"flows.unresolved.{reason}", lang) for reason in result.unresolved["reason"]
                ],
                t("flows.table.records", lang): result.unresolved["records"],
                t("flows.table.count", lang): result.unresolved["count"].round(0).astype(int),
            }
        ),
        hide_index=True,
    )
st.caption(t("attribution.boundaries", lang))
