"""An image block drawn inline, for terminals that speak a graphics protocol.

``textual-image`` draws pictures with sixel, the kitty graphics protocol or iTerm's; it asks
the terminal what it supports when first imported, which only works before Textual takes the
terminal over, so ``graphics_supported`` is called by the app before it runs. Where no
protocol answers (a plain terminal, tests, the web server) the reading pane keeps showing an
image as its labelled caption and address, and nothing is fetched.

The picture is fetched lazily: the pane asks a block to ``request`` it when the block is
scrolled into view (or is in view when the article opens). The caption stays under it, and a
picture that cannot be fetched or decoded leaves the caption with a short note, no pop-up.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image as PILImage
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from broadsheet.errors import BroadsheetError
from broadsheet.models import Block
from broadsheet.sanitize import clean_line
from broadsheet.ui.images import ImageLoader

#: Pictures are scaled down to this many pixels on their longer side before drawing: the
#: pane is at most 100 cells wide, and decoding a huge image must not hold memory for long.
MAX_PIXELS = 1600


@cache
def graphics_supported() -> bool:
    """Whether the terminal speaks sixel or the kitty/iTerm graphics protocol.

    Importing ``textual_image`` queries the terminal (on a tty only: the protocols it answers
    to and the pixel size of a cell), so call this before the app starts; the answer is kept.
    """
    if not (sys.__stdout__ and sys.__stdout__.isatty()):
        return False
    try:
        import textual_image.widget  # noqa: F401  (measures the terminal's cells, once)
        from textual_image import renderable

        return renderable.Image in (renderable.SixelImage, renderable.TGPImage)
    except Exception:  # a terminal that answers oddly: no pictures, never a crash
        return False


def _decode(path: Path) -> PILImage.Image:
    """Open and shrink a picture (in a thread: decoding a large file takes a while)."""
    with PILImage.open(path) as opened:
        opened.thumbnail((MAX_PIXELS, MAX_PIXELS))
        return opened.copy()


class ImageBlock(Vertical):
    """The caption (a Static the pane's find-in-page knows) and, once fetched, the picture."""

    @dataclass
    class Grown(Message):
        """The block took ``rows`` more rows: its picture (or a note) arrived."""

        block: ImageBlock
        rows: int

    def __init__(self, block: Block, caption: Static, *, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.block = block
        self.caption = caption
        self.requested = False

    def compose(self) -> ComposeResult:
        yield self.caption

    def request(self, loader: ImageLoader) -> None:
        """Fetch (or take from the cache) and show the picture, once."""
        if self.requested or not self.block.src:
            return
        self.requested = True
        self.run_worker(
            self._load(loader, self.block.src), group="images", name="image", exit_on_error=False
        )

    async def _load(self, loader: ImageLoader, url: str) -> None:
        path = await loader.load(url)
        picture = await asyncio.to_thread(_decode, path)
        from textual_image.widget import Image  # imported after graphics_supported()

        before = self.outer_size.height
        await self.mount(Image(picture, classes="picture"), before=self.caption)
        self.call_after_refresh(self._grown, before)

    def _grown(self, before: int) -> None:
        """Say how much taller the block became, so the pane can keep the text in place."""
        if (rows := self.outer_size.height - before) > 0:
            self.post_message(self.Grown(self, rows))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A picture that cannot be had says so under its caption, quietly."""
        if event.worker.name != "image" or event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, BroadsheetError):
            reason = str(getattr(error, "reason", None) or error)
        else:  # Pillow: not an image, or one it cannot decode
            reason = "not a picture Broadsheet can read"
        note = Content(f"(the picture could not be shown: {clean_line(reason)})")
        before = self.outer_size.height
        self.mount(Static(note, classes="image-note", markup=False))
        self.call_after_refresh(self._grown, before)
