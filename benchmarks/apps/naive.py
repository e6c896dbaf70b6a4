"""The naive recipe, for comparison: GeoDataFrame -> folium.GeoJson(style_function) -> st_folium.

Full-detail polygons straight from the cache, a colour per area from a style function,
no caching of the prepared map, Leaflet served locally (so it draws offline at all).
The view comes from the same query keys as the app: ``level`` and ``area``.
"""

from pathlib import Path

import folium
import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from geo.data import boundaries
from geo.web.assets import ensure_leaflet_assets, leaflet_urls

ensure_leaflet_assets(Path(__file__).resolve().parent / "static")
urls = leaflet_urls()
level = st.query_params.get("level", "regency")
area = st.query_params.get("area")
frame = boundaries.load_level(level, area[:2] if area else None).copy()
if area:
    frame = frame[frame["code"].str.startswith(area + ".")]
frame["value"] = np.random.default_rng(0).integers(0, 100, len(frame))
palette = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]
folium_map = folium.Map(location=[-2.5, 118], zoom_start=5, tiles=None)
folium_map.default_js = [("leaflet", urls.js)]
folium_map.default_css = [("leaflet_css", urls.css)]
folium.GeoJson(
    frame[["code", "name", "value", "geometry"]],
    style_function=lambda feature: {
        "fillColor": palette[min(feature["properties"]["value"] // 20, 4)],
        "color": "#555",
        "weight": 0.5,
        "fillOpacity": 0.8,
    },
    tooltip=folium.GeoJsonTooltip(["name", "value"]),
).add_to(folium_map)
folium_map.fit_bounds([[frame.total_bounds[1], frame.total_bounds[0]], [frame.total_bounds[3], frame.total_bounds[2]]])
st_folium(folium_map, height=600, returned_objects=[])
