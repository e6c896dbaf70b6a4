"""Saved views (short links ``/?v=TOKEN``) and stories (ordered views with captions).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the saved_views, stories and story_steps tables."""
    op.create_table(
        "saved_views",
        sa.Column("token", sa.String(32), primary_key=True),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("restricted", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200)),
    )
    op.create_table(
        "stories",
        sa.Column("token", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200)),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "story_steps",
        sa.Column("story_token", sa.String(32), sa.ForeignKey("stories.token", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("view_token", sa.String(32), sa.ForeignKey("saved_views.token"), nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Drop the story and saved-view tables."""
    for table in ("story_steps", "stories", "saved_views"):
        op.drop_table(table)
