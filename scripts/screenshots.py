"""Regenerate screenshots/*.svg by driving the app over the demo site.

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--png]

The demo site is served on 127.0.0.1 exactly as ``broadsheet demo`` does, its articles are
fetched into a temporary data folder through the real Library, and the app is driven with
Textual's Pilot; ``--png`` also converts each SVG with ``rsvg-convert`` when it is installed.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.cells import cell_len
from textual.pilot import Pilot

from broadsheet.demo.runner import SITE, demo_urls, follow_demo_sources, serve_column
from broadsheet.demo.server import SiteServer
from broadsheet.library import Library
from broadsheet.ui.app import BroadsheetApp
from broadsheet.ui.screens.search import SearchScreen
from broadsheet.ui.widgets.article_list import ArticleList

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def open_article(pilot: Pilot[None], url_part: str) -> None:
    """Highlight the listed article whose URL contains ``url_part`` and open it."""
    await press(pilot, "escape", "escape")
    articles = pilot.app.query_one(ArticleList)
    match = next(s for s in articles.summaries if url_part in s.url)
    articles.highlight_article(match.id)
    await press(pilot, "enter")


async def nothing(pilot: Pilot[None]) -> None:
    return None


async def blog_comments(pilot: Pilot[None]) -> None:
    await open_article(pilot, "winter-kitchen-garden")
    await press(pilot, "c")


async def narrow_list(pilot: Pilot[None]) -> None:
    await press(pilot, "escape")


async def help_keys(pilot: Pilot[None]) -> None:
    await press(pilot, "question_mark")


async def blog_reader(pilot: Pilot[None]) -> None:
    await open_article(pilot, "winter-kitchen-garden")


async def find_in_page(pilot: Pilot[None]) -> None:
    await press(pilot, "ctrl+f", "门", "诊", "enter", "n")


async def selected_link(pilot: Pilot[None]) -> None:
    await open_article(pilot, "winter-kitchen-garden")
    await press(pilot, "tab", "tab")


async def contents(pilot: Pilot[None]) -> None:
    await open_article(pilot, "winter-kitchen-garden")
    await press(pilot, "t")


async def sources(pilot: Pilot[None]) -> None:
    await press(pilot, "escape", "shift+tab", "G")


async def narrow_sources(pilot: Pilot[None]) -> None:
    await press(pilot, "escape", "s", "G")


async def search(pilot: Pilot[None], *then: str) -> None:
    """Search the cache for 门诊 from the list, waiting for the debounced results."""
    await press(pilot, "escape", "slash", "门", "诊")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    while screen.pending:
        await pilot.pause(0.05)
    await settle(pilot)
    await press(pilot, *then)


async def search_results(pilot: Pilot[None]) -> None:
    await search(pilot)


async def search_opened(pilot: Pilot[None]) -> None:
    await search(pilot, "enter", "n")


async def export_dialog(pilot: Pilot[None]) -> None:
    await open_article(pilot, "winter-kitchen-garden")
    await press(pilot, "e")


async def address_prompt(pilot: Pilot[None]) -> None:
    await press(pilot, "escape", "a")
    await pilot.press(*"https://example.org/a-story")
    await settle(pilot)


async def command_palette(pilot: Pilot[None]) -> None:
    await press(pilot, "ctrl+p")
    await pilot.press(*"article")
    await settle(pilot)
    await pilot.pause(0.3)  # the palette searches its providers in the background


SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("main-chinese-article-160x48", (160, 48), nothing),
    ("blog-article-160x48", (160, 48), blog_reader),
    ("comments-thread-160x48", (160, 48), blog_comments),
    ("narrow-reader-80x24", (80, 24), nothing),
    ("narrow-list-80x24", (80, 24), narrow_list),
    ("narrow-comments-80x24", (80, 24), blog_comments),
    ("help-80x24", (80, 24), help_keys),
    ("find-in-page-160x48", (160, 48), find_in_page),
    ("selected-link-160x48", (160, 48), selected_link),
    ("contents-80x24", (80, 24), contents),
    ("sources-160x48", (160, 48), sources),
    ("narrow-sources-80x24", (80, 24), narrow_sources),
    ("search-160x48", (160, 48), search_results),
    ("search-80x24", (80, 24), search_results),
    ("search-opened-160x48", (160, 48), search_opened),
    ("export-dialog-160x48", (160, 48), export_dialog),
    ("export-dialog-80x24", (80, 24), export_dialog),
    ("address-prompt-80x24", (80, 24), address_prompt),
    ("command-palette-160x48", (160, 48), command_palette),
]


async def follow_sources(folder: Path, server: SiteServer) -> None:
    """Follow the demo's feed and portal column as ``broadsheet demo`` does."""
    library = Library(folder)
    try:
        await follow_demo_sources(library, server)
    finally:
        library.close()


_TEXT = re.compile(
    r'(<text [^>]*?x=")([0-9.]+)("[^>]*?textLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)'
)
_LEADING_SPACE = re.compile(r"^(?:&#160;|\u00a0| )+")


def fix_text_runs(svg: str) -> str:
    """Draw each run of text where and as wide as the terminal shows it.

    Rich's SVG export has two slips that renderers make visible: a run's ``textLength`` is a
    cell's width times its *characters*, while a CJK character takes two cells (browsers then
    squeeze Chinese into half its width); and a run may start with spaces (a hanging indent,
    a list's gutter), which SVG renderers such as librsvg drop, pulling the text left. So the
    length is counted in cells and leading spaces become a later start.
    """

    def fix(match: re.Match[str]) -> str:
        start, x, mid, length, tail, body, end = match.groups()
        text = html.unescape(body)
        if not text:
            return match.group(0)
        cell = float(length) / len(text)  # Rich's own cell width
        lead = _LEADING_SPACE.match(body)
        if lead is not None and lead.end() < len(body):
            spaces = len(html.unescape(lead.group(0)))
            body, text = body[lead.end() :], text[spaces:]
            x = f"{float(x) + spaces * cell:g}"
        return f"{start}{x}{mid}{cell * cell_len(text):g}{tail}{body}{end}"

    return _TEXT.sub(fix, svg)


# A fixed port and data folder keep the addresses and paths on screen, and so the files, the
# same from run to run.
PORT = 47_017
FOLDER = Path(tempfile.gettempdir()) / "broadsheet-screenshots"


def demo_server() -> SiteServer:
    """The demo site on ``PORT``, or on any free port when that one is taken."""
    try:
        return SiteServer(SITE, port=PORT)
    except OSError:
        return SiteServer(SITE)


@contextmanager
def fresh_folder() -> Iterator[Path]:
    """``FOLDER``, empty, removed afterwards."""
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    try:
        yield FOLDER
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)


async def shoot(out: Path) -> list[Path]:
    written: list[Path] = []
    with (
        fresh_folder() as folder,
        demo_server() as server,
    ):
        serve_column(server)
        urls = demo_urls(server)
        await follow_sources(Path(folder), server)
        for name, size, steps in SHOTS:
            library = Library(Path(folder))
            app = BroadsheetApp(library, urls)
            async with app.run_test(size=size) as pilot:
                await settle(pilot)
                await steps(pilot)
                path = out / f"{name}.svg"
                app.save_screenshot(path.name, path=str(out))
                path.write_text(fix_text_runs(path.read_text(encoding="utf-8")), encoding="utf-8")
                written.append(path)
            library.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "screenshots")
    parser.add_argument("--png", action="store_true", help="also write PNGs (rsvg-convert)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    written = asyncio.run(shoot(args.out))
    converter = shutil.which("rsvg-convert")
    for svg in written:
        print(svg)
        if args.png and converter:
            png = svg.with_suffix(".png")
            subprocess.run([converter, str(svg), "-o", str(png)], check=True)
            print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
