"""A consultant's portfolio: every client with its policy's status, version, next review and
a waiting update from a master, to sort, filter and download."""
