"""The command line's ``serve`` command: the reader app in a web browser (textual-serve).

Kept out of ``cli.py`` (which calls ``add_commands``) so that file stays a table of commands
and the command line imports textual only when this command runs.
"""

from __future__ import annotations

import argparse
from typing import Any

COMMANDS = ("serve",)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError("the port must be between 1 and 65535")
    return port


def cmd_serve(args: argparse.Namespace) -> int:
    from broadsheet.ui.serve import run_server

    run_server(args.port, list(args.urls))
    return 0


def add_commands(sub: Any) -> None:
    """Register ``serve`` on the command line's subparsers."""
    from broadsheet.ui.serve import DEFAULT_PORT  # textual-free: serve.py imports it lazily

    p = sub.add_parser(
        "serve",
        help="run the reader app in a web browser (on 127.0.0.1 only)",
        description="Serve the reader app through textual-serve on 127.0.0.1 and print the "
        "address to open. Each browser tab runs its own copy of the app.",
    )
    p.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"port to listen on (default {DEFAULT_PORT})",
    )
    p.add_argument("urls", nargs="*", metavar="URL", help="pages each new tab opens first")
    p.set_defaults(func=cmd_serve)
