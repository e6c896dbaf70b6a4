"""Alembic environment: migrations run on the connection handed over by :func:`geo.data.migrations.upgrade`.

The store never runs Alembic from the command line; ``config.attributes["connection"]``
always holds an open connection (already under the migration lock).
"""

from __future__ import annotations

from alembic import context


def run_migrations() -> None:
    """Run the pending migrations on the connection given in the Alembic config."""
    connection = context.config.attributes["connection"]
    # render_as_batch: SQLite cannot ALTER most things; batch mode copies the table instead.
    context.configure(connection=connection, target_metadata=None,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


# pytest imports every module of geo/ for doctests; only run when Alembic loads this file.
if hasattr(context, "config"):
    run_migrations()
