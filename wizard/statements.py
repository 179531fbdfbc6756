"""Fixed SQL statements for the lookups nearly every request makes.

The ORM compiles each query anew on every request. For the few lookups that almost every page
makes (the policy with the viewer's role, the header's memberships) compiling cost several
times what running the statement costs, so those statements are written out once per process
from the models' own table and column names; values are always parameters, never text.

`Model.objects.raw()` maps and converts the main model's columns exactly as the ORM does;
`attach_organisation` does the same for the organisation read in the same row, so the callers
get ordinary model instances.
"""

from __future__ import annotations

import functools

from django.db import connections

from wizard.models import Organisation

ORGANISATION_PREFIX = "org__"


def columns(model, alias: str) -> str:
    """Every concrete column of `model`, from the table aliased as `alias`."""
    return ", ".join(f'{alias}."{field.column}"' for field in model._meta.concrete_fields)


@functools.cache
def organisation_columns(alias: str = "o") -> str:
    """The organisation's columns, renamed so they cannot clash with the main model's."""
    return ", ".join(
        f'{alias}."{field.column}" AS "{ORGANISATION_PREFIX}{field.attname}"'
        for field in Organisation._meta.concrete_fields
    )


@functools.cache
def _organisation_converters(alias: str) -> tuple[tuple[str, object, list], ...]:
    """(attname, column, converters) of each organisation field, worked out once per database
    connection alias rather than for every row."""
    connection = connections[alias]
    found = []
    for field in Organisation._meta.concrete_fields:
        column = field.get_col(Organisation._meta.db_table)
        converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        found.append((field.attname, column, converters))
    return tuple(found)


def attach_organisation(instance):
    """Turn the organisation columns `raw()` left on `instance` into its `organisation`,
    converted as the ORM converts them (booleans and datetimes differ per database)."""
    alias = instance._state.db
    connection = connections[alias]
    names, values = [], []
    for attname, column, converters in _organisation_converters(alias):
        value = instance.__dict__.pop(ORGANISATION_PREFIX + attname)
        for converter in converters:
            value = converter(value, column, connection)
        names.append(attname)
        values.append(value)
    instance.organisation = Organisation.from_db(alias, names, values)
    return instance
