"""Sources: follow feeds and index pages, and refresh them (issue 5).

``Library`` holds the public methods (``add_source``, ``refresh``...); this package does the
work: ``engine`` (the ``Refresher``: fetching, reading feeds and index pages, storing),
``settings`` (the ``[refresh]`` config table) and ``report`` (what a refresh returns).

Only the light modules are imported here: the engine pulls in feedparser and selectolax,
which commands that only read the cache (``list``, ``sources``, ``show``) never need, so it
is imported as ``broadsheet.sources.engine`` where it is used.
"""

from broadsheet.sources.report import Progress, RefreshEvent, RefreshReport, SourceResult
from broadsheet.sources.settings import RefreshSettings, refresh_settings

__all__ = [
    "Progress",
    "RefreshEvent",
    "RefreshReport",
    "RefreshSettings",
    "SourceResult",
    "refresh_settings",
]
