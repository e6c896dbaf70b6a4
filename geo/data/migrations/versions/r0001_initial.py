"""The schema as created by ``metadata.create_all`` before migrations: datasets, records, markers.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the datasets, records and markers tables."""
    op.create_table(
        "datasets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("file_name", sa.String(500)),
        sa.Column("sha256", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploader", sa.String(200)),
        sa.Column("rows_read", sa.Integer, nullable=False),
        sa.Column("rows_accepted", sa.Integer, nullable=False),
        sa.Column("rows_rejected", sa.Integer, nullable=False),
        sa.Column("record_count", sa.Integer, nullable=False),
        sa.Column("total", sa.BigInteger, nullable=False),
        sa.Column("mapping", sa.Text),
        sa.Column("report", sa.Text),
        sa.Column("is_sample", sa.Boolean, nullable=False),
        sa.Column("sources", sa.Text),
        sa.Column("is_active", sa.Boolean, nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset_id", sa.Integer, sa.ForeignKey("datasets.id"), nullable=False),
        sa.Column("area_code", sa.String(13), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("period", sa.String(10)),
        sa.Column("destination_country", sa.String(120)),
        sa.Column("destination_city", sa.String(120)),
        sa.Column("transit", sa.String(120)),
        sa.Column("sex", sa.String(6)),
        sa.Column("procedural", sa.Boolean),
        sa.Column("count", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_records_dataset", "records", ["dataset_id"])
    op.create_table(
        "markers",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the three tables."""
    op.drop_table("markers")
    op.drop_index("ix_records_dataset", table_name="records")
    op.drop_table("records")
    op.drop_table("datasets")
