"""The app's own clause library as the first master: a newer release of a default clause is
offered to the policies built on an older one, merged into their own wording the way a master's
update is."""
