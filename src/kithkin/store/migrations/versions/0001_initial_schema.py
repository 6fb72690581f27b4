"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-21 23:21:40.599652
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("display_name", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("username", name=op.f("uq_accounts_username")),
    )
    op.create_table(
        "agenda_snoozes",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=100), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("dismissed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_agenda_snoozes_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_id", "item_key", name=op.f("pk_agenda_snoozes")),
    )
    op.create_table(
        "circles",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_circles_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_id", "name", name=op.f("pk_circles")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_events_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_owner_start", "events", ["owner_id", "starts_on"], unique=False)
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_goals_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
        sa.UniqueConstraint("owner_id", "key", name=op.f("uq_goals_owner_id")),
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("normalized_name", sa.String(length=300), nullable=False),
        sa.Column("domain", sa.String(length=255), nullable=False),
        sa.Column("industry", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_organizations_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("owner_id", "normalized_name", name=op.f("uq_organizations_owner_id")),
    )
    op.create_table(
        "settings",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_settings_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_id", "key", name=op.f("pk_settings")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_sources_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
    )
    op.create_index(op.f("ix_sources_owner_id"), "sources", ["owner_id"], unique=False)
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=True),
        sa.Column("purpose_source", sa.String(length=10), nullable=True),
        sa.Column("purpose_confidence", sa.Float(), nullable=True),
        sa.Column("model_purpose", sa.String(length=20), nullable=True),
        sa.Column("initiated_by", sa.String(length=10), nullable=False),
        sa.Column("activity", sa.String(length=30), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_interactions_event_id_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_interactions_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_interactions_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    op.create_index(op.f("ix_interactions_event_id"), "interactions", ["event_id"], unique=False)
    op.create_index(
        "ix_interactions_owner_at", "interactions", ["owner_id", "occurred_at"], unique=False
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=300), nullable=False),
        sa.Column("sort_name", sa.String(length=300), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("middle_name", sa.String(length=200), nullable=False),
        sa.Column("prefix", sa.String(length=50), nullable=False),
        sa.Column("suffix", sa.String(length=100), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("birth_month", sa.Integer(), nullable=True),
        sa.Column("birth_day", sa.Integer(), nullable=True),
        sa.Column("met_how", sa.Text(), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("met_event_id", sa.Integer(), nullable=True),
        sa.Column("circle", sa.String(length=50), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("last_interaction_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["met_event_id"],
            ["events.id"],
            name=op.f("fk_people_met_event_id_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_people_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("uid", name=op.f("uq_people_uid")),
    )
    op.create_index(
        "ix_people_owner_birthday", "people", ["owner_id", "birth_month", "birth_day"], unique=False
    )
    op.create_index("ix_people_owner_circle", "people", ["owner_id", "circle"], unique=False)
    op.create_index(
        "ix_people_owner_last", "people", ["owner_id", "last_interaction_at"], unique=False
    )
    op.create_index("ix_people_owner_sort", "people", ["owner_id", "sort_name", "id"], unique=False)
    op.create_table(
        "employments",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("start_date", sa.String(length=10), nullable=True),
        sa.Column("end_date", sa.String(length=10), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_employments_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_employments_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_employments_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employments")),
    )
    op.create_index(
        op.f("ix_employments_organization_id"), "employments", ["organization_id"], unique=False
    )
    op.create_index(op.f("ix_employments_person_id"), "employments", ["person_id"], unique=False)
    op.create_table(
        "event_attendees",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("met_there", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_attendees_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_event_attendees_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "person_id", name=op.f("pk_event_attendees")),
    )
    op.create_index(
        op.f("ix_event_attendees_person_id"), "event_attendees", ["person_id"], unique=False
    )
    op.create_table(
        "exchanges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_exchanges_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_exchanges_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_exchanges_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchanges")),
    )
    op.create_index(
        op.f("ix_exchanges_interaction_id"), "exchanges", ["interaction_id"], unique=False
    )
    op.create_index(
        "ix_exchanges_owner_person", "exchanges", ["owner_id", "person_id"], unique=False
    )
    op.create_index(op.f("ix_exchanges_person_id"), "exchanges", ["person_id"], unique=False)
    op.create_table(
        "field_provenance",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_field_provenance_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_field_provenance_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "field", name=op.f("pk_field_provenance")),
    )
    op.create_index(
        op.f("ix_field_provenance_source_id"), "field_provenance", ["source_id"], unique=False
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_follow_ups_interaction_id_interactions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_follow_ups_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_follow_ups_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    op.create_index(
        op.f("ix_follow_ups_interaction_id"), "follow_ups", ["interaction_id"], unique=False
    )
    op.create_index(
        "ix_follow_ups_owner_status_due",
        "follow_ups",
        ["owner_id", "status", "due_on"],
        unique=False,
    )
    op.create_index(op.f("ix_follow_ups_person_id"), "follow_ups", ["person_id"], unique=False)
    op.create_table(
        "interaction_participants",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_participants_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_interaction_participants_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "interaction_id", "person_id", name=op.f("pk_interaction_participants")
        ),
    )
    op.create_index(
        "ix_participants_person",
        "interaction_participants",
        ["person_id", "interaction_id"],
        unique=False,
    )
    op.create_table(
        "interaction_topics",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_topics_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("interaction_id", "topic", name=op.f("pk_interaction_topics")),
    )
    op.create_index(
        op.f("ix_interaction_topics_topic"), "interaction_topics", ["topic"], unique=False
    )
    op.create_table(
        "merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kept_person_id", sa.Integer(), nullable=True),
        sa.Column("merged_uid", sa.String(length=36), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kept_person_id"],
            ["people.id"],
            name=op.f("fk_merges_kept_person_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_merges_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merges")),
    )
    op.create_index(op.f("ix_merges_kept_person_id"), "merges", ["kept_person_id"], unique=False)
    op.create_index(op.f("ix_merges_owner_id"), "merges", ["owner_id"], unique=False)
    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("recurring", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_milestones_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_milestones_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestones")),
    )
    op.create_index(
        "ix_milestones_owner_month_day", "milestones", ["owner_id", "month", "day"], unique=False
    )
    op.create_index(op.f("ix_milestones_person_id"), "milestones", ["person_id"], unique=False)
    op.create_table(
        "person_addresses",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("street", sa.Text(), nullable=False),
        sa.Column("locality", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=50), nullable=False),
        sa.Column("country", sa.String(length=200), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_addresses_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_person_addresses_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_addresses")),
    )
    op.create_index(
        op.f("ix_person_addresses_person_id"), "person_addresses", ["person_id"], unique=False
    )
    op.create_table(
        "person_emails",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=320), nullable=False),
        sa.Column("normalized", sa.String(length=320), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_emails_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_person_emails_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_emails")),
    )
    op.create_index(
        op.f("ix_person_emails_normalized"), "person_emails", ["normalized"], unique=False
    )
    op.create_index(
        op.f("ix_person_emails_person_id"), "person_emails", ["person_id"], unique=False
    )
    op.create_table(
        "person_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("system", sa.String(length=50), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_person_identities_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_identities_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_person_identities_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_identities")),
        sa.UniqueConstraint(
            "owner_id", "system", "key", name=op.f("uq_person_identities_owner_id")
        ),
    )
    op.create_index(
        op.f("ix_person_identities_person_id"), "person_identities", ["person_id"], unique=False
    )
    op.create_table(
        "person_interests",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_interests_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_person_interests_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("person_id", "name", name=op.f("pk_person_interests")),
    )
    op.create_index(op.f("ix_person_interests_name"), "person_interests", ["name"], unique=False)
    op.create_table(
        "person_nicknames",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("normalized", sa.String(length=200), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_nicknames_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_person_nicknames_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_nicknames")),
    )
    op.create_index(
        op.f("ix_person_nicknames_normalized"), "person_nicknames", ["normalized"], unique=False
    )
    op.create_index(
        op.f("ix_person_nicknames_person_id"), "person_nicknames", ["person_id"], unique=False
    )
    op.create_table(
        "person_phones",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("raw", sa.String(length=100), nullable=False),
        sa.Column("e164", sa.String(length=20), nullable=True),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_phones_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_person_phones_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_phones")),
    )
    op.create_index(op.f("ix_person_phones_e164"), "person_phones", ["e164"], unique=False)
    op.create_index(
        op.f("ix_person_phones_person_id"), "person_phones", ["person_id"], unique=False
    )
    op.create_table(
        "person_tags",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_tags_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_person_tags_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("person_id", "name", name=op.f("pk_person_tags")),
    )
    op.create_index(op.f("ix_person_tags_name"), "person_tags", ["name"], unique=False)
    op.create_table(
        "person_urls",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=2000), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_urls_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_person_urls_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_urls")),
    )
    op.create_index(op.f("ix_person_urls_person_id"), "person_urls", ["person_id"], unique=False)
    op.create_table(
        "relationships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("since", sa.String(length=10), nullable=True),
        sa.Column("until", sa.String(length=10), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["people.id"],
            name=op.f("fk_relationships_other_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_relationships_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_relationships_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationships")),
        sa.UniqueConstraint(
            "person_id", "other_id", "kind", name=op.f("uq_relationships_person_id")
        ),
    )
    op.create_index(op.f("ix_relationships_other_id"), "relationships", ["other_id"], unique=False)
    op.create_index(op.f("ix_relationships_owner_id"), "relationships", ["owner_id"], unique=False)
    op.create_index(
        op.f("ix_relationships_person_id"), "relationships", ["person_id"], unique=False
    )

    _create_search(op.get_bind().dialect.name)


SQLITE_SEARCH = [
    """CREATE VIRTUAL TABLE people_fts USING fts5(
        display_name, search_text, content='people', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2", prefix='2 3')""",
    """CREATE TRIGGER people_fts_ai AFTER INSERT ON people BEGIN
        INSERT INTO people_fts(rowid, display_name, search_text)
        VALUES (new.id, new.display_name, new.search_text);
    END""",
    """CREATE TRIGGER people_fts_ad AFTER DELETE ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, display_name, search_text)
        VALUES ('delete', old.id, old.display_name, old.search_text);
    END""",
    """CREATE TRIGGER people_fts_au AFTER UPDATE OF display_name, search_text ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, display_name, search_text)
        VALUES ('delete', old.id, old.display_name, old.search_text);
        INSERT INTO people_fts(rowid, display_name, search_text)
        VALUES (new.id, new.display_name, new.search_text);
    END""",
    """CREATE VIRTUAL TABLE interactions_fts USING fts5(
        note, content='interactions', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2", prefix='2 3')""",
    """CREATE TRIGGER interactions_fts_ai AFTER INSERT ON interactions BEGIN
        INSERT INTO interactions_fts(rowid, note) VALUES (new.id, new.note);
    END""",
    """CREATE TRIGGER interactions_fts_ad AFTER DELETE ON interactions BEGIN
        INSERT INTO interactions_fts(interactions_fts, rowid, note) VALUES ('delete', old.id, old.note);
    END""",
    """CREATE TRIGGER interactions_fts_au AFTER UPDATE OF note ON interactions BEGIN
        INSERT INTO interactions_fts(interactions_fts, rowid, note) VALUES ('delete', old.id, old.note);
        INSERT INTO interactions_fts(rowid, note) VALUES (new.id, new.note);
    END""",
]

POSTGRESQL_SEARCH = [
    """ALTER TABLE people ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
        (to_tsvector('simple', display_name || ' ' || search_text)) STORED""",
    "CREATE INDEX ix_people_search_vector ON people USING gin (search_vector)",
    """ALTER TABLE interactions ADD COLUMN note_vector tsvector GENERATED ALWAYS AS
        (to_tsvector('simple', note)) STORED""",
    "CREATE INDEX ix_interactions_note_vector ON interactions USING gin (note_vector)",
]


def _create_search(dialect: str) -> None:
    """Full-text search: FTS5 tables kept by triggers on SQLite, tsvector columns on PostgreSQL."""
    for statement in SQLITE_SEARCH if dialect == "sqlite" else POSTGRESQL_SEARCH:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in ("people_fts", "interactions_fts"):
            op.execute(f"DROP TABLE IF EXISTS {table}")

    op.drop_index(op.f("ix_relationships_person_id"), table_name="relationships")
    op.drop_index(op.f("ix_relationships_owner_id"), table_name="relationships")
    op.drop_index(op.f("ix_relationships_other_id"), table_name="relationships")
    op.drop_table("relationships")
    op.drop_index(op.f("ix_person_urls_person_id"), table_name="person_urls")
    op.drop_table("person_urls")
    op.drop_index(op.f("ix_person_tags_name"), table_name="person_tags")
    op.drop_table("person_tags")
    op.drop_index(op.f("ix_person_phones_person_id"), table_name="person_phones")
    op.drop_index(op.f("ix_person_phones_e164"), table_name="person_phones")
    op.drop_table("person_phones")
    op.drop_index(op.f("ix_person_nicknames_person_id"), table_name="person_nicknames")
    op.drop_index(op.f("ix_person_nicknames_normalized"), table_name="person_nicknames")
    op.drop_table("person_nicknames")
    op.drop_index(op.f("ix_person_interests_name"), table_name="person_interests")
    op.drop_table("person_interests")
    op.drop_index(op.f("ix_person_identities_person_id"), table_name="person_identities")
    op.drop_table("person_identities")
    op.drop_index(op.f("ix_person_emails_person_id"), table_name="person_emails")
    op.drop_index(op.f("ix_person_emails_normalized"), table_name="person_emails")
    op.drop_table("person_emails")
    op.drop_index(op.f("ix_person_addresses_person_id"), table_name="person_addresses")
    op.drop_table("person_addresses")
    op.drop_index(op.f("ix_milestones_person_id"), table_name="milestones")
    op.drop_index("ix_milestones_owner_month_day", table_name="milestones")
    op.drop_table("milestones")
    op.drop_index(op.f("ix_merges_owner_id"), table_name="merges")
    op.drop_index(op.f("ix_merges_kept_person_id"), table_name="merges")
    op.drop_table("merges")
    op.drop_index(op.f("ix_interaction_topics_topic"), table_name="interaction_topics")
    op.drop_table("interaction_topics")
    op.drop_index("ix_participants_person", table_name="interaction_participants")
    op.drop_table("interaction_participants")
    op.drop_index(op.f("ix_follow_ups_person_id"), table_name="follow_ups")
    op.drop_index("ix_follow_ups_owner_status_due", table_name="follow_ups")
    op.drop_index(op.f("ix_follow_ups_interaction_id"), table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_index(op.f("ix_field_provenance_source_id"), table_name="field_provenance")
    op.drop_table("field_provenance")
    op.drop_index(op.f("ix_exchanges_person_id"), table_name="exchanges")
    op.drop_index("ix_exchanges_owner_person", table_name="exchanges")
    op.drop_index(op.f("ix_exchanges_interaction_id"), table_name="exchanges")
    op.drop_table("exchanges")
    op.drop_index(op.f("ix_event_attendees_person_id"), table_name="event_attendees")
    op.drop_table("event_attendees")
    op.drop_index(op.f("ix_employments_person_id"), table_name="employments")
    op.drop_index(op.f("ix_employments_organization_id"), table_name="employments")
    op.drop_table("employments")
    op.drop_index("ix_people_owner_sort", table_name="people")
    op.drop_index("ix_people_owner_last", table_name="people")
    op.drop_index("ix_people_owner_circle", table_name="people")
    op.drop_index("ix_people_owner_birthday", table_name="people")
    op.drop_table("people")
    op.drop_index("ix_interactions_owner_at", table_name="interactions")
    op.drop_index(op.f("ix_interactions_event_id"), table_name="interactions")
    op.drop_table("interactions")
    op.drop_index(op.f("ix_sources_owner_id"), table_name="sources")
    op.drop_table("sources")
    op.drop_table("settings")
    op.drop_table("organizations")
    op.drop_table("goals")
    op.drop_index("ix_events_owner_start", table_name="events")
    op.drop_table("events")
    op.drop_table("circles")
    op.drop_table("agenda_snoozes")
    op.drop_table("accounts")
