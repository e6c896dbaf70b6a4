"""Floor of the stack: a Streamlit page with streamlit-folium showing one polygon.

Leaflet is served locally exactly as in the real app; nothing else is on the page, so
the time from navigation to the polygon drawn is what Streamlit + the map component
cost by themselves.
"""

from pathlib import Path

import folium
from streamlit_folium import st_folium

from geo.web.assets import ensure_leaflet_assets, leaflet_urls

ensure_leaflet_assets(Path(__file__).resolve().parent / "static")
urls = leaflet_urls()
folium_map = folium.Map(location=[0.9, 104.0], zoom_start=8, tiles=None)
folium_map.default_js = [("leaflet", urls.js)]
folium_map.default_css = [("leaflet_css", urls.css)]
folium.Polygon([(0.8, 103.9), (1.1, 103.9), (1.1, 104.2), (0.8, 104.2)], fill=True).add_to(folium_map)
st_folium(folium_map, height=600, returned_objects=[])
