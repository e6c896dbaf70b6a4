"""Web layer: map building, layers, legends, assets, export, view state and escaping (no Streamlit here)."""
