"""Inline pictures (issue 9): fetched lazily through the library's fetcher limits, cached under
``images`` in the data folder, drawn only where the terminal has a graphics protocol, and
switched off with ``[ui] images = false``.

Tests run without a terminal, so the app sees no graphics protocol and shows an image as its
labelled caption; the drawing path is exercised by setting ``app.graphics`` before the app
starts (textual-image then draws with Unicode blocks, which is still a picture widget).
Everything is served by SiteServer on 127.0.0.1 and kept in a real data folder.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from PIL import Image as PILImage
from tests.support.hostile_pipeline import reader_title
from tests.support.ui import Harness, graphical_browser, running
from textual.message import Message
from textual.notifications import Notification, Notify

from broadsheet.demo.server import SiteServer, send
from broadsheet.errors import FetchError, HTTPStatusError, TooLargeError
from broadsheet.fetch import Fetcher, FetchOptions
from broadsheet.library import Library
from broadsheet.ui.app import BroadsheetApp
from broadsheet.ui.images import ImageLoader, images_dir, loader_for
from broadsheet.ui.settings import UiSettings, parse_ui_settings
from broadsheet.ui.widgets.image_block import ImageBlock
from broadsheet.ui.widgets.reader import ReaderPane


def png(width: int = 40, height: int = 20) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


class Pictures:
    """Routes on the site: pictures, broken ones, and article pages showing them."""

    def __init__(self, site: SiteServer) -> None:
        self.site = site
        self.hits: dict[str, int] = {}
        self.add("/red.png", png(), "image/png")
        self.add("/far.png", png(), "image/png")
        self.add("/not.png", b"<html>no</html>", "text/html")
        self.add("/broken.png", b"\x89PNG not really", "image/png")
        self.add("/big.png", png(400, 400), "image/png")
        site.routes["/moved.png"] = lambda req: self._redirect(req, "/red.png")
        site.routes["/to-file.png"] = lambda req: self._redirect(req, "file:///etc/passwd")
        self.page("/top.html", "/red.png", paragraphs=1)
        self.page("/far.html", "/far.png", paragraphs=80)
        self.page("/broken.html", "/broken.png", paragraphs=1)
        self.page("/middle.html", "/red.png", paragraphs=40, after=40)

    def add(self, path: str, body: bytes, kind: str) -> None:
        def serve(req: BaseHTTPRequestHandler) -> None:
            self.hits[path] = self.hits.get(path, 0) + 1
            send(req, 200, body, kind)

        self.site.routes[path] = serve

    def _redirect(self, req: BaseHTTPRequestHandler, where: str) -> None:
        send(req, 302, b"", "text/plain", {"Location": where})

    def page(self, path: str, image: str, *, paragraphs: int, after: int = 1) -> None:
        words = "<p>" + "Plain words of the article around its picture. " * 6 + "</p>"
        html = (
            "<html><head><title>Pictured</title></head><body><article><h1>Pictured</h1>"
            + words * paragraphs
            + f'<figure><img src="{image}" alt="a red box"><figcaption>A red box</figcaption>'
            + "</figure>"
            + words * after
            + "</article></body></html>"
        ).encode()
        self.add(path, html, "text/html; charset=utf-8")


@pytest.fixture
def pictures(site: SiteServer) -> Pictures:
    return Pictures(site)


@pytest.fixture
def library(home: Path) -> Iterator[Library]:
    opened = Library(home)
    yield opened
    opened.close()


def loader(home: Path, **limits: int) -> tuple[ImageLoader, Fetcher]:
    fetcher = Fetcher(FetchOptions(**limits))  # type: ignore[arg-type]
    return ImageLoader(images_dir(home), fetcher.client, fetcher.options), fetcher


# -- the loader ----------------------------------------------------------------------------


async def test_an_image_is_fetched_once_and_kept_under_its_url_hash(
    home: Path, pictures: Pictures
) -> None:
    images, fetcher = loader(home)
    url = pictures.site.url("/moved.png")  # a redirect is followed to the picture
    try:
        path = await images.load(url)
        assert path == home / "images" / hashlib.sha256(url.encode()).hexdigest()
        assert path.read_bytes() == png()
        assert await images.load(url) == path
        assert pictures.hits["/red.png"] == 1  # the second load is the cache's
        assert images.cached(url) == path
        assert [p.name for p in path.parent.iterdir()] == [path.name]  # no partial files
    finally:
        await fetcher.aclose()


@pytest.mark.parametrize(
    ("path", "error", "words"),
    [
        ("/not.png", FetchError, "not an image Broadsheet can show (text/html)"),
        ("/missing.png", HTTPStatusError, "HTTP 404"),
        ("/big.png", TooLargeError, "over 1,000 bytes"),
        ("/to-file.png", FetchError, "must come over http(s)"),
    ],
)
async def test_what_is_not_an_image_within_the_limits_is_refused_with_its_url(
    home: Path, pictures: Pictures, path: str, error: type[FetchError], words: str
) -> None:
    images, fetcher = loader(home, max_bytes=1000)
    url = pictures.site.url(path)
    try:
        with pytest.raises(error) as raised:
            await images.load(url)
        assert str(raised.value).startswith(url)
        assert words in str(raised.value)
        assert images.cached(url) is None
        assert not (home / "images").exists() or not any((home / "images").iterdir())
    finally:
        await fetcher.aclose()


def test_a_library_without_a_fetcher_gets_no_loader() -> None:
    assert loader_for(object()) is None


# -- the app -------------------------------------------------------------------------------


@asynccontextmanager
async def drawing(library: Library, url: str) -> AsyncIterator[Harness]:
    """The app as on a terminal with a graphics protocol, reading ``url``."""
    notes: list[Notification] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            notes.append(message.notification)

    app = BroadsheetApp(library, [url], settings=UiSettings())
    app.graphics = True
    async with app.run_test(size=(160, 48), message_hook=hook) as pilot:
        harness = Harness(app, pilot, notes)
        await harness.settle()
        yield harness


def picture_block(h: Harness) -> ImageBlock:
    return h.app.query_one(ReaderPane).query_one(ImageBlock)


async def test_a_picture_in_view_is_drawn_above_its_caption(
    library: Library, pictures: Pictures
) -> None:
    async with drawing(library, pictures.site.url("/top.html")) as h:
        await h.settle()
        block = picture_block(h)
        assert [c.has_class("picture") for c in block.children] == [True, False]
        assert "A red box" in h.text()
        assert pictures.hits["/red.png"] == 1
        assert (home_images := images_dir(library.home)).is_dir()
        assert len(list(home_images.iterdir())) == 1
        assert h.notes == []


async def test_a_picture_further_down_is_fetched_only_when_scrolled_to(
    library: Library, pictures: Pictures
) -> None:
    async with drawing(library, pictures.site.url("/far.html")) as h:
        block = picture_block(h)
        assert not block.requested
        assert "/far.png" not in pictures.hits
        await h.press("tab", "G")  # the reading pane, to its end
        await h.settle()
        assert block.requested
        assert pictures.hits["/far.png"] == 1
        assert block.query(".picture")


async def test_a_broken_picture_leaves_its_caption_and_a_quiet_note(
    library: Library, pictures: Pictures
) -> None:
    async with drawing(library, pictures.site.url("/broken.html")) as h:
        await h.settle()
        block = picture_block(h)
        assert not block.query(".picture")
        assert "could not be shown: not a picture Broadsheet can read" in h.text()
        assert h.notes == []


async def test_without_graphics_an_image_is_its_labelled_caption_and_nothing_is_fetched(
    library: Library, pictures: Pictures
) -> None:
    async with running(library, urls=[pictures.site.url("/top.html")]) as h:
        assert not h.app.graphics  # no terminal under pytest
        assert not h.app.query(ImageBlock)
        assert "▣ Image [1]: A red box" in h.text()  # the page has no other links
        assert "Images (1)" in h.text() and "[1] A red box" in h.text()
        assert "/red.png" not in pictures.hits


async def test_an_image_number_opens_the_picture_in_the_system_browser(
    library: Library, pictures: Pictures, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picture is a link like any other (Tab, or its number, then enter), but it opens
    outside: the app reads articles, and the terminal may not draw pictures at all."""
    opened = graphical_browser(monkeypatch)
    async with running(library, urls=[pictures.site.url("/top.html")]) as h:
        await h.press("1", "enter")
        await h.settle()
        assert opened == [pictures.site.url("/red.png")]
        assert "/red.png" not in pictures.hits  # handed over, not fetched as an article
        assert reader_title(h.app) == "Pictured"


def test_images_can_be_switched_off_in_the_config() -> None:
    def parse(ui: dict[str, object]) -> UiSettings:
        return parse_ui_settings({"ui": ui}, themes=["textual-dark"], binding_ids=[])

    assert parse({}).images is True
    off = parse({"images": False})
    assert off.images is False and off.problems == ()
    wrong = parse({"images": "no"})
    assert wrong.images is True
    assert wrong.problems == (
        "the settings: ui.images must be true or false, not 'no'; using the default (true)",
    )


async def test_a_picture_arriving_above_the_top_keeps_the_text_in_place(
    library: Library, pictures: Pictures
) -> None:
    """Scrolled so the image block starts just above the pane's top, the paragraph after it is
    what is being read; the picture then mounts in the block, and the pane scrolls by the rows
    it took (as browsers anchor the text being read) instead of pushing that paragraph down."""
    async with drawing(library, pictures.site.url("/middle.html")) as h:
        reader = h.app.query_one(ReaderPane)
        block = picture_block(h)
        after = reader.children[reader.children.index(block) + 1]
        assert not block.requested
        reader.scroll_to(y=block.virtual_region.y + 1, animate=False, immediate=True)
        row = after.virtual_region.y - reader.scroll_y  # where it is read, before the picture
        assert block.requested
        await h.settle()
        await h.pilot.pause()
        assert block.query(".picture")
        assert block.outer_size.height > 5  # the picture took rows
        assert after.virtual_region.y - reader.scroll_y == row
