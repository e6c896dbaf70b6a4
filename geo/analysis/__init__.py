"""Numbers from records: indicators, classes, palettes, disclosure control, flows, priorities."""
