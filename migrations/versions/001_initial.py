"""initial schema: users, teams, drafts and their history, admin tables

Revision ID: 001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def _one_of(table: str, column: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=op.f(f"ck_{table}_{column}"))


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("invite_code", sa.String(length=32), nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("invite_code", name=op.f("uq_teams_invite_code")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        _ts("created_at"),
        _ts("last_seen_at"),
        _one_of("users", "language", ("ru", "en")),
        _one_of("users", "role", ("employee", "lead", "admin")),
        _fk("users", "team_id", "teams", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("telegram_id", name=op.f("uq_users_telegram_id")),
    )
    op.create_index(op.f("ix_users_team_id"), "users", ["team_id"])
    op.create_index(op.f("ix_users_username"), "users", ["username"])

    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("context", sa.Text(), nullable=True),
        sa.Column("analysis", sa.JSON(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("needs_coaching", sa.Boolean(), nullable=False),
        sa.Column("issue_codes", sa.JSON(), nullable=False),
        sa.Column("model_name", sa.String(length=100), nullable=False),
        sa.Column("model_version", sa.String(length=50), nullable=False),
        _ts("created_at"),
        _fk("drafts", "team_id", "teams", "SET NULL"),
        _fk("drafts", "user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    op.create_index("ix_drafts_created_at", "drafts", ["created_at"])
    op.create_index("ix_drafts_team_id_created_at", "drafts", ["team_id", "created_at"])
    op.create_index("ix_drafts_user_id_created_at", "drafts", ["user_id", "created_at"])

    op.create_table(
        "draft_issues",
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        _fk("draft_issues", "draft_id", "drafts", "CASCADE"),
        sa.PrimaryKeyConstraint("draft_id", "code", name=op.f("pk_draft_issues")),
    )
    op.create_table(
        "rewrites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("style", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("backend", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("gate", sa.JSON(), nullable=False),
        sa.Column("chosen", sa.Boolean(), nullable=False),
        _ts("chosen_at", nullable=True),
        _one_of("rewrites", "backend", ("offline", "llm")),
        _fk("rewrites", "draft_id", "drafts", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rewrites")),
        sa.UniqueConstraint("draft_id", "position", name=op.f("uq_rewrites_draft_id_position")),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        _ts("created_at"),
        _one_of("feedback", "status", ("open", "reviewed")),
        _fk("feedback", "draft_id", "drafts", "CASCADE"),
        _fk("feedback", "user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    op.create_index(op.f("ix_feedback_draft_id"), "feedback", ["draft_id"])
    op.create_index(op.f("ix_feedback_user_id"), "feedback", ["user_id"])
    op.create_index("ix_feedback_status_created_at", "feedback", ["status", "created_at"])

    op.create_table(
        "prompt_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        _ts("created_at"),
        sa.Column("active", sa.Boolean(), nullable=False),
        _fk("prompt_templates", "author_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt_templates")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_prompt_templates_name_version")),
    )
    op.create_table(
        "style_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("phrase", sa.String(length=200), nullable=False),
        sa.Column("replacement", sa.String(length=200), nullable=True),
        _ts("created_at"),
        _one_of("style_rules", "kind", ("banned", "address")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_style_rules")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        _ts("created_at"),
        _fk("audit_log", "actor_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_created_at", "audit_log", ["created_at"])


def downgrade() -> None:
    # Children before parents; dropping a table drops its indexes too.
    for table in (
        "audit_log",
        "settings",
        "style_rules",
        "prompt_templates",
        "feedback",
        "rewrites",
        "draft_issues",
        "drafts",
        "users",
        "teams",
    ):
        op.drop_table(table)
