"""Roll-ups: counts per level, area, period and split, written at publish time; built here for stored versions.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None

_RECORD_COLUMNS = (
    "area_code", "level", "period", "destination_country", "destination_city", "transit", "sex", "procedural", "count",
)


def upgrade() -> None:
    """Create the ``rollups`` table and its view index, then roll up every stored version (one at a time)."""
    op.create_table(
        "rollups",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset_id", sa.Integer, sa.ForeignKey("datasets.id"), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        # byte-wise order on PostgreSQL too: an area's codes are one index range (geo.data.rollups.area_bounds)
        sa.Column("code", sa.String(13).with_variant(sa.String(13, collation="C"), "postgresql"), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("procedural", sa.Boolean),
        sa.Column("destination_country", sa.String(120)),
        sa.Column("destination_city", sa.String(120)),
        sa.Column("transit", sa.String(120)),
        sa.Column("sex", sa.String(6)),
        sa.Column("count", sa.BigInteger, nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
    )
    op.create_index("ix_rollups_view", "rollups", ["dataset_id", "level", "period", "code"])
    _roll_up_stored_versions()


def _roll_up_stored_versions() -> None:
    # The roll-up rules are the application's (geo.data.rollups), so that stored and newly
    # published versions get identical rows; purged versions have no records and get none.
    from geo.data.store import write_rollups

    connection = op.get_bind()
    records = sa.table("records", *[sa.column(name) for name in ("id", "dataset_id", *_RECORD_COLUMNS)])
    dataset_ids = connection.execute(sa.select(records.c.dataset_id).distinct().order_by(records.c.dataset_id))
    for dataset_id in [int(value) for value in dataset_ids.scalars()]:
        rows = connection.execute(
            sa.select(*[records.c[name] for name in _RECORD_COLUMNS])
            .where(records.c.dataset_id == dataset_id).order_by(records.c.id)
        ).all()
        frame = pd.DataFrame.from_records(rows, columns=list(_RECORD_COLUMNS))
        write_rollups(connection, dataset_id, frame)


def downgrade() -> None:
    """Drop the roll-ups (the records they were computed from stay)."""
    op.drop_index("ix_rollups_view", table_name="rollups")
    op.drop_table("rollups")
