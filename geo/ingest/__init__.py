"""Uploads: read a CSV/Excel file, recognise its columns, guard personal data, match areas, publish."""
