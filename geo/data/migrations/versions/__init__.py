"""Revision scripts (one module per migration; loaded by Alembic, not imported by riskmap)."""
