"""Static files in production: WhiteNoise's hashed and compressed copies, by their manifest."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage, remembering the URL of each name it was asked for.

    The manifest is read once, when the process starts, so a name's URL cannot change while
    the process runs; without this, each `{% static %}` tag (six on every page, through
    base.html) split, looked up and joined its name again on every request. A name missing
    from the manifest still raises each time, so only the site's own files are remembered.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
