"""Records and roll-ups without a foreign key to their dataset: publishing checks no row against it.

A version's records and roll-ups (millions of rows for a national monthly dataset) are written
only in the transaction that creates the version's ``datasets`` row, and deleted only with it
(:meth:`geo.data.store.Store.purge`). The foreign key added nothing to that, but
PostgreSQL checked it for every row written: publishing the national monthly file took 80.8 s
with the keys and 53.1 s without (``benchmarks/national_views.py``). SQLite tables are rebuilt
without the key (Alembic's batch mode: a copy of the table, once).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None

_TABLES = ("records", "rollups")
# SQLite reflects the keys made by ``sa.ForeignKey`` without a name; batch mode names them by this.
_NAMING = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def upgrade() -> None:
    """Drop the ``dataset_id`` foreign keys of ``records`` and ``rollups``."""
    connection = op.get_bind()
    inspector = sa.inspect(connection)
    for table in _TABLES:
        keys = [key for key in inspector.get_foreign_keys(table) if key["referred_table"] == "datasets"]
        if not keys:
            continue
        convention_name = _NAMING["fk"] % {
            "table_name": table, "column_0_name": "dataset_id", "referred_table_name": "datasets"}
        names = [key["name"] or convention_name for key in keys]
        if connection.dialect.name == "sqlite":
            with op.batch_alter_table(table, naming_convention=_NAMING, recreate="always") as batch:
                for name in names:
                    batch.drop_constraint(name, type_="foreignkey")
        else:
            for name in names:
                op.drop_constraint(name, table, type_="foreignkey")
