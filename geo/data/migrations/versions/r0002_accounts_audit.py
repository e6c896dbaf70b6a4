"""Restricted datasets, disclosure thresholds, unique versions, accounts, sessions, sign-in failures, audit.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

# Small counts below these are suppressed when shown (default per kind; settable per dataset).
_THRESHOLDS = {"migration": 5, "cases": 10}


def upgrade() -> None:
    """Add the dataset columns and constraint, then the account and audit tables."""
    with op.batch_alter_table("datasets") as batch:
        batch.add_column(sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("disclosure_threshold", sa.Integer, nullable=True))
    datasets = sa.table("datasets", sa.column("kind", sa.String), sa.column("disclosure_threshold", sa.Integer))
    for kind, threshold in _THRESHOLDS.items():
        op.execute(datasets.update().where(datasets.c.kind == kind).values(disclosure_threshold=threshold))
    op.execute(datasets.update().where(datasets.c.disclosure_threshold.is_(None)).values(disclosure_threshold=10))
    with op.batch_alter_table("datasets") as batch:
        batch.alter_column("disclosure_threshold", existing_type=sa.Integer, nullable=False)
        # two concurrent uploads with one name must not both become "version n"
        batch.create_unique_constraint("uq_datasets_kind_name_version", ["kind", "name", "version"])

    op.create_table(
        "users",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(100), sa.ForeignKey("users.name", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200)),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(300)),
        sa.Column("detail", sa.Text),
    )
    op.create_index("ix_audit_at", "audit", ["at"])


def downgrade() -> None:
    """Drop the account and audit tables and the new dataset columns."""
    op.drop_index("ix_audit_at", table_name="audit")
    for table in ("audit", "sign_in_failures", "sessions", "users"):
        op.drop_table(table)
    with op.batch_alter_table("datasets") as batch:
        batch.drop_constraint("uq_datasets_kind_name_version", type_="unique")
        batch.drop_column("disclosure_threshold")
        batch.drop_column("restricted")
