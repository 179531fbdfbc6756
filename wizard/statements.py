"""Plain SQL for the reads nearly every request makes, and for the list pages.

The ORM compiles each query anew on every request. For the few lookups that almost every page
makes (the policy with the viewer's role, the header's memberships) and for the list pages
(history, audit trail, review queue, workspace, dashboard), compiling the query and making
model instances cost several times what the database spends on it. So those statements are
written out once per process from the models' own table and column names; values are always
parameters, never text. They run the same on SQLite and PostgreSQL.

Values are converted exactly as the ORM converts them (`field_converter`): datetimes come back
aware and dates as dates, booleans as booleans, on every backend. `Model.objects.raw()` does
that for the main model of a row; `attach_organisation` for the organisation read in the same
row, so the callers get ordinary model instances.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connection, connections

from wizard.models import Organisation

ORGANISATION_PREFIX = "org__"


# --- Names ----------------------------------------------------------------------------------


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def columns(model, alias: str) -> str:
    """Every concrete column of `model`, from the table aliased as `alias`."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


@functools.cache
def organisation_columns(alias: str = "o") -> str:
    """The organisation's columns, renamed so they cannot clash with the main model's."""
    quote = connection.ops.quote_name
    return ", ".join(
        f"{alias}.{quote(field.column)} AS {quote(ORGANISATION_PREFIX + field.attname)}"
        for field in Organisation._meta.concrete_fields
    )


# --- Values ---------------------------------------------------------------------------------


@functools.cache
def field_converter(field, alias: str = DEFAULT_DB_ALIAS) -> Callable | None:
    """How the ORM turns a raw column value of `field` into its Python value on the database
    `alias` (None when it keeps it as it is), worked out once rather than for every row."""
    db = connections[alias]
    expression = field.cached_col
    converters = [*db.ops.get_db_converters(expression), *expression.get_db_converters(db)]
    if not converters:
        return None

    def convert(value):
        for converter in converters:
            value = converter(value, expression, db)
        return value

    return convert


def converted(rows, fields) -> list[tuple]:
    """`rows` with column n converted as the ORM converts model field `fields[n]` (None: as
    it is)."""
    conversions = [
        (index, convert)
        for index, field in enumerate(fields)
        if field is not None and (convert := field_converter(field)) is not None
    ]
    if not conversions:
        return list(rows)
    result = []
    for row in rows:
        values = list(row)
        for index, convert in conversions:
            values[index] = convert(values[index])
        result.append(tuple(values))
    return result


def attach_organisation(instance):
    """Turn the organisation columns `raw()` left on `instance` into its `organisation`,
    converted as the ORM converts them."""
    alias = instance._state.db
    names, values = [], []
    for field in Organisation._meta.concrete_fields:
        value = instance.__dict__.pop(ORGANISATION_PREFIX + field.attname)
        convert = field_converter(field, alias)
        names.append(field.attname)
        values.append(value if convert is None else convert(value))
    instance.organisation = Organisation.from_db(alias, names, values)
    return instance


# --- Reading --------------------------------------------------------------------------------


def read_rows(sql: str, params) -> list[tuple]:
    """The rows of a parametrised query, as the database driver gives them.

    Pages key their cached fragments on these raw values (stable for the same data) and
    convert them with `converted` only when a fragment has to be rendered.
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def read_value(sql: str, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


class RawRows:
    """Rows for `Paginator`: counted by one query, each page read by another.

    `count()` gives the number of rows (asked once); `page(offset, limit)` reads one page.
    """

    def __init__(self, count: Callable[[], int], page: Callable[[int, int], list]):
        self._count_query = count
        self._page_query = page
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._count_query()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("RawRows only gives slices.")
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        if stop <= start or not self.count():
            return []
        return self._page_query(start, stop - start)

    def __iter__(self):
        return iter(self[:])
