"""The command line's ``config`` command: where the settings file is, what it says, and a way
to edit it.

``show`` prints the file as it is followed by what Broadsheet makes of it: the data folder,
proxy and site rules in effect (as TOML comments, so the output stays a valid file) and, on
stderr, the problems it found, each naming the key and line, so a user can see at once why a
setting is not taking effect.
``edit`` opens ``$VISUAL`` / ``$EDITOR`` on the file, writing a commented starting file first
when there is none, and checks it again afterwards.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from broadsheet import paths
from broadsheet.config import Config, load_config
from broadsheet.errors import BroadsheetError
from broadsheet.fetch_settings import shown_proxy
from broadsheet.sanitize import clean_line

COMMANDS = ("config",)

TEMPLATE = """\
# Broadsheet settings. Every key is optional; delete a line to get the default back.

[network]
# user_agent = "Broadsheet (terminal article reader)"
# connect_timeout = 10     # seconds
# read_timeout = 20        # seconds without a byte
# deadline = 60            # seconds for a whole fetch
# max_bytes = 10485760     # size cap on a page, after decompression
# max_redirects = 10
# proxy = "http://127.0.0.1:8080"   # or https://, socks5://, socks5h:// (user:password@ ok)
#                          # without it, HTTP_PROXY / HTTPS_PROXY / NO_PROXY apply

# Headers, cookies and User-Agent for one site and its subdomains (the longest match wins):
# [network.sites."example.org"]
# headers = { "Accept-Language" = "zh-CN", Referer = "https://example.org/" }
# cookies = { session = "abc123" }
# user_agent = "Mozilla/5.0 (compatible; Broadsheet)"

[storage]
# data_dir = "~/Documents/broadsheet"   # cache, exports, images (this file stays here);
#                                        # $BROADSHEET_HOME overrides it

[refresh]
# concurrency = 8          # requests in flight during a refresh
# per_host = 2             # ...and to any one host
# interval_minutes = 30    # refresh in the background while the app runs

[ui]
# theme = "textual-dark"   # any Textual theme; "textual-ansi" uses the terminal's colours
# reading_width = 100
# images = true

[keys]
# "article.export" = "x"   # binding id = keys (ids: the README keys table, or ? in the app)
"""


def _editor() -> list[str]:
    """The user's editor as an argument list: $VISUAL, $EDITOR, then a common one."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("sensible-editor", "nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise BroadsheetError("no editor found: set $EDITOR (for example EDITOR=nano)")


def _effective(config: Config, home: Path) -> list[str]:
    """What Broadsheet makes of the file, as comment lines: where the data goes and how
    pages are fetched (a proxy password is masked; header and cookie values are not shown)."""
    options = config.fetch_options()
    source = (
        f"${paths.ENV_HOME}"
        if os.environ.get(paths.ENV_HOME, "").strip()
        else "storage.data_dir"
        if config.data_dir == home
        else "the default"
    )
    lines = [f"# data folder: {home} ({source})"]
    if options.proxy:
        lines.append(f"# proxy: {shown_proxy(options.proxy)}")
    for rule in options.sites:
        parts = [f"{len(rule.headers)} header(s)", f"{len(rule.cookies)} cookie(s)"]
        if rule.user_agent:
            parts.append("a User-Agent")
        lines.append(f"# site {rule.host} and its subdomains: {', '.join(parts)}")
    return lines


def _all_problems(path: Path) -> list[str]:
    """Every problem Broadsheet would report for the file: the core's tables, ``[refresh]``
    (read by the Library) and the app's ``[ui]`` and ``[keys]`` (read when it starts), so a
    check here finds what a launch would complain about later."""
    config = load_config(path)
    problems = list(config.problems_for(paths.home()))
    from broadsheet.sources import refresh_settings

    problems.extend(refresh_settings(config.tables, config.where)[1])
    # The app's tables are judged against its themes and bindings (Textual is imported here
    # only, for this explicit check).
    from textual.theme import BUILTIN_THEMES

    from broadsheet.ui.app import binding_ids
    from broadsheet.ui.settings import parse_ui_settings

    ui = parse_ui_settings(
        config.tables,
        themes=BUILTIN_THEMES,
        binding_ids=binding_ids(),
        where=str(path),
        text=config.text,
    )
    problems.extend(ui.problems)
    return problems


def _report(path: Path) -> int:
    """Print the problems in the file to stderr; 1 if there are any."""
    problems = _all_problems(path)
    for problem in problems:
        print(f"broadsheet: warning: {clean_line(problem)}", file=sys.stderr)
    return 1 if problems else 0


def cmd_config(args: argparse.Namespace) -> int:
    path = paths.config_path()
    if args.action == "path":
        print(path)
        return 0
    if args.action == "show":
        if not path.exists():
            print(f"# {path} does not exist: every setting has its default.")
            print("# 'broadsheet config edit' creates it with every key commented.")
            print(f"# data folder: {paths.home()}")
            return 0
        text = path.read_text(encoding="utf-8", errors="replace")
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        print("\n".join(["# In effect:", *_effective(load_config(path), paths.home())]))
        return _report(path)
    # edit
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:
            out.write(TEMPLATE)
    command = [*_editor(), str(path)]
    try:
        status = subprocess.call(command)
    except OSError as exc:
        raise BroadsheetError(f"could not start the editor {command[0]!r}: {exc}") from exc
    if status != 0:
        raise BroadsheetError(f"the editor exited with status {status}; {path} kept as it is")
    return _report(path)


def add_commands(sub: Any) -> None:
    """Register ``config path|show|edit`` on the command line's subparsers."""
    p = sub.add_parser(
        "config",
        help="where the settings file is, what it says, and a way to edit it",
        description="The settings file (TOML). 'show' prints it and the problems Broadsheet "
        "finds in it; 'edit' opens $VISUAL or $EDITOR on it, creating a commented one first.",
    )
    p.add_argument("action", choices=("path", "show", "edit"))
    p.set_defaults(func=cmd_config)
