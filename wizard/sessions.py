"""The session engine: Django's database sessions, read with one statement written out once.

Every logged-in request reads its session row first. Django's own store builds that query
through the ORM each time, which cost about 0.3 ms here against 0.06 ms for the statement
itself. Everything else (saving, expiry, key rotation, signing) is Django's.

The class keeps Django's name on purpose: the session data is signed with a salt made from
the class's name, so sessions written by either store stay readable by the other.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.db import connections
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        model = self.model
        connection = connections[model.objects.db]
        meta = model._meta
        table = connection.ops.quote_name(meta.db_table)
        data, key, expires = (
            connection.ops.quote_name(meta.get_field(name).column)
            for name in ("session_data", "session_key", "expire_date")
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s",  # noqa: S608 - names from the model, values as parameters
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            # As Django's store does: a missing or expired session gets a new key when saved.
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
