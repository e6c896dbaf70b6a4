"""Prioritas / Priorities page: areas ranked by outreach priority, hot spots, an outreach plan; the view in the URL."""

from __future__ import annotations

from geo.app.navigation import require_app_navigation

require_app_navigation()

from geo.app import priorities, ui

lang = ui.current_lang()

# app.py guards every page too; guarding here as well keeps the page safe when run on its own
# (AppTest reruns only the page script after the first run).
with ui.page_guard(lang):
    priorities.render_page(lang)
