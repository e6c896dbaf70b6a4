"""Stories page: saved views, and stories made of them (create, reorder, edit captions, delete)."""

from __future__ import annotations

from geo.app.navigation import require_app_navigation

require_app_navigation()

from geo.app import present, ui

lang = ui.current_lang()

with ui.page_guard(lang):
    present.stories_page(lang)
