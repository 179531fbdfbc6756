"""Policies for the list pages (dashboard, consultant workspace) as plain rows.

These pages show a few dozen policies on every view, and their rendering is cached by a
fingerprint of every value shown (wizard.fragments). So the rows are read on every request,
also when the rendering is reused, and reading them must cost next to nothing.

Why raw SQL: through the ORM, building and compiling the query (for the workspace a 20-way
`Q(...) | Q(...)`, one branch per client) and instantiating a model instance per policy and
per user took several times what the SQL itself takes (0.3 ms). Here the SQL is a fixed text
with `%s` placeholders for every value (never user input in the text), its table and column
names come from the models' `_meta`, and it runs as is on SQLite and PostgreSQL. The rows
hold the database's own values, which make the fragment key; they are converted (through the
backend's own converters) and labelled only when a row is rendered.

Every query takes organisation ids the caller read from the user's memberships.
"""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from wizard import statements, workflow
from wizard.models import POLICY_LANGUAGE_LABELS, Organisation, Policy, choice_label

# The columns each row holds, in this order (the name of who changed it last is joined in).
COLUMNS = (
    "id",
    "organisation_id",
    "title",
    "status",
    "language",
    "updated_at",
    "next_review_date",
)


@functools.cache
def _sql(vendor: str) -> dict[str, str]:
    """The SQL texts, built once per database. Names come from the models' _meta, quoted by
    the backend; every value is a %s placeholder."""
    quote = connection.ops.quote_name
    policy = Policy._meta
    organisation_meta = Organisation._meta
    user = get_user_model()._meta
    pk = quote(organisation_meta.pk.column)

    def column(name: str) -> str:
        return quote(policy.get_field(name).column)

    table = quote(policy.db_table)
    organisation, status, updated = column("organisation"), column("status"), column("updated_at")
    columns = ", ".join(f"p.{column(name)}" for name in COLUMNS)
    username = f"u.{quote(user.get_field('username').column)}"
    updated_by = (
        f"LEFT JOIN {quote(user.db_table)} u"
        f" ON u.{quote(user.pk.column)} = p.{column('updated_by')}"
    )
    select = f"SELECT {columns}, {username} FROM {table} p {updated_by}"  # noqa: S608 - _meta
    # Per organisation `o` (of a given list): when the policies it shows were changed at the
    # earliest, that is the time of its `limit`-th newest current policy or, with fewer, of its
    # oldest policy. Each is one step along the policy_org_updated index; so is then reading
    # the policies changed since.
    nth_newest = (
        f"SELECT s.{updated} FROM {table} s"  # noqa: S608 - names from _meta
        f" WHERE s.{organisation} = o.{pk} AND s.{status} <> %s"
        f" ORDER BY s.{updated} DESC LIMIT 1 OFFSET %s"
    )
    oldest = (
        f"SELECT MIN(s.{updated}) FROM {table} s"  # noqa: S608 - names from _meta
        f" WHERE s.{organisation} = o.{pk}"
    )
    shown_since = (
        f"SELECT o.{pk} AS organisation,"  # noqa: S608 - names from _meta
        f" COALESCE(({nth_newest}), ({oldest})) AS since"
        f" FROM {quote(organisation_meta.db_table)} o WHERE o.{pk} IN ({{ids}})"
    )
    return {
        "latest": (
            f"{select} WHERE p.{organisation} = %s"
            f" ORDER BY p.{updated} DESC, p.{quote(policy.pk.column)} DESC LIMIT %s"
        ),
        # CROSS JOIN makes SQLite walk the page's organisations first and read each one's
        # short index range, whatever its statistics say: a long-lived connection keeps the
        # plans it made when the tables were small. (PostgreSQL plans it as any join.)
        "latest_current": (
            f"SELECT {columns}, {username} FROM ({shown_since}) shown"  # noqa: S608 - _meta
            f" CROSS JOIN {table} p {updated_by}"
            f" WHERE p.{organisation} = shown.organisation AND p.{updated} >= shown.since"
            f" AND p.{status} <> %s"
        ),
    }


def latest_of_organisation(organisation_id: int, limit: int) -> list[PolicyRow]:
    """The organisation's `limit` most recently changed policies, archived ones included,
    newest first (the id settles policies changed at the same moment)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor)["latest"], [organisation_id, limit])
        return [PolicyRow(row) for row in cursor.fetchall()]


def _newest_first(row: tuple):
    return row[5], row[0]  # updated_at, then the id


def latest_current_of_organisations(
    organisation_ids: list[int], limit: int
) -> dict[int, list[PolicyRow]]:
    """{organisation id: its `limit` most recently changed current (not archived) policies,
    newest first, the id settling policies changed at the same moment}, in one query.

    Per organisation, it reads the policies changed no earlier than its `limit`-th newest
    current one: a short range of the policy_org_updated index, however many policies it has.
    (A LIMIT per organisation needs a sort per organisation for the tie-break on the id, which
    costs more than this whole query; more than `limit` rows come back only when several share
    the oldest time shown, and Python sorts a hundred rows in microseconds.)
    """
    by_organisation: dict[int, list[PolicyRow]] = {pk: [] for pk in organisation_ids}
    if not organisation_ids:
        return by_organisation
    sql = _sql(connection.vendor)["latest_current"].format(
        ids=", ".join(["%s"] * len(organisation_ids))
    )
    archived = Policy.Status.ARCHIVED.value
    with connection.cursor() as cursor:
        cursor.execute(sql, [archived, limit - 1, *organisation_ids, archived])
        rows = cursor.fetchall()
    rows.sort(key=_newest_first, reverse=True)
    for row in rows:
        shown = by_organisation[row[1]]
        if len(shown) < limit:
            shown.append(PolicyRow(row))
    return by_organisation


def _converted(name: str, value):
    """A raw column value as the ORM gives it (SQLite's rows hold naive UTC datetimes,
    PostgreSQL's aware ones)."""
    convert = statements.field_converter(Policy._meta.get_field(name))
    return value if convert is None else convert(value)


class PolicyRow:
    """One policy as a list page shows it. `key` is what the rows show, for the fragment key;
    the rest is worked out only when the row is rendered."""

    __slots__ = (
        "pk",
        "organisation_id",
        "title",
        "status",
        "language",
        "raw_updated_at",
        "raw_next_review_date",
        "updated_by_username",
        "key",
    )

    def __init__(self, row: tuple) -> None:
        (
            self.pk,
            self.organisation_id,
            self.title,
            self.status,
            self.language,
            self.raw_updated_at,
            self.raw_next_review_date,
            self.updated_by_username,
        ) = row
        # All a row shows, as the database gave it (the organisation is its card's own key).
        self.key = (row[0], *row[2:])

    def __repr__(self) -> str:
        return f"<PolicyRow {self.pk}: {self.title!r}>"

    @property
    def updated_at(self):
        return _converted("updated_at", self.raw_updated_at)

    @property
    def next_review_date(self):
        return _converted("next_review_date", self.raw_next_review_date)

    def get_status_display(self) -> str:
        return choice_label(Policy.Status, self.status)

    def get_language_display(self) -> str:
        return choice_label(POLICY_LANGUAGE_LABELS, self.language)

    @property
    def review_due(self) -> str:
        """ "overdue", "due" or "" (today is part of every fragment key)."""
        return workflow.review_due_state(self)

    @property
    def is_approved(self) -> bool:
        return self.status in (Policy.Status.APPROVED, Policy.Status.PUBLISHED)

    def get_absolute_url(self) -> str:
        return reverse("policy_resume", kwargs={"pk": self.pk})

    @property
    def review_url(self) -> str:
        return reverse("policy_review", args=[self.pk])

    @property
    def copy_url(self) -> str:
        return reverse("policy_copy", args=[self.pk])
