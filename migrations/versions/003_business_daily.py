"""an employee may take one daily summary of their Telegram Business replies instead of a note
per reply; each processed update remembers its chat, so replicas keep a chat's order; scheduled
jobs run once per period across replicas

Revision ID: 003
Revises: 002
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "003"
down_revision: str | None = "002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("business_daily", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("processed_updates", sa.Column("queue", sa.String(length=80), nullable=True))
    op.create_index("ix_processed_updates_queue_done", "processed_updates", ["queue", "done"])
    op.create_table(
        "job_runs",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", "period", name=op.f("pk_job_runs")),
    )


def downgrade() -> None:
    op.drop_table("job_runs")
    op.drop_index("ix_processed_updates_queue_done", table_name="processed_updates")
    with op.batch_alter_table("processed_updates") as batch:
        batch.drop_column("queue")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("business_daily")
