"""UI string catalogues, one module per topic (see geo.i18n)."""
