"""The demo: a small sample site written for the project, and the code that serves it.

``run_demo()`` serves ``demo/site`` on 127.0.0.1, fetches its articles into a temporary data
folder and opens the app on them (see ``runner.py``); ``server.SiteServer`` is also what the
test suite serves its fixture pages with.
"""

from __future__ import annotations


def run_demo() -> int:
    """Run ``broadsheet demo``; returns the exit code. Imports the app only when called."""
    from broadsheet.demo.runner import run_demo as _run

    return _run()


__all__ = ["run_demo"]
