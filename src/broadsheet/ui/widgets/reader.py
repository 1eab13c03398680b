"""The reading pane: title, metadata, summary, body blocks, numbered links, related articles.

Besides scrolling, the pane keeps four kinds of reading state for the open article: where it
is read up to (``position``, an anchor that survives another width; see ``ui/positions.py``), a
link selection (Tab / shift+Tab, or a typed number) that enter follows, find-in-page hits, and
the headings for the table of contents. The screen asks for them; the pane never does IO.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region, Size
from textual.widget import Widget
from textual.widgets import Static

from broadsheet.models import Article, Block, BlockKind, Link
from broadsheet.sanitize import clean_line, clean_text
from broadsheet.ui.cjkwrap import wrap_for_reading
from broadsheet.ui.find import Hit, find_any_hits, find_hits, mark_hits
from broadsheet.ui.images import ImageLoader
from broadsheet.ui.positions import TOP, ReadingPosition, anchor, scroll_target
from broadsheet.ui.render import block_content, image_link, image_links, meta_line, wraps
from broadsheet.ui.widgets.image_block import ImageBlock
from broadsheet.ui.widgets.links import LinkList
from broadsheet.ui.widgets.table_block import TableBlock

__all__ = ["PLACEHOLDER", "LinkList", "ReaderPane"]

PLACEHOLDER = "Choose an article from the list (enter), or start Broadsheet with a URL."


@dataclass
class _Text:
    """A Static showing searchable text: the unwrapped content, to re-mark on each search."""

    widget: Static
    content: Content
    wrap: bool


def _digit_bindings() -> list[BindingType]:
    """0-9 type a link number; only one binding carries the description the help shows."""
    return [
        Binding(
            str(digit),
            f"digit({digit})",
            "Type a link number" if digit == 1 else "",
            show=False,
            key_display="0-9" if digit == 1 else None,
            tooltip="Type a link number, then enter to follow it" if digit == 1 else "",
            id=f"reader.digit_{digit}",
        )
        for digit in range(10)
    ]


class ReaderPane(VerticalScroll):
    """Shows one article as a column of widgets; scrolls with the reading keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("space", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding(
            "tab",
            "next_link",
            "Next link",
            show=False,
            tooltip="Select the next link",
            id="reader.next_link",
        ),
        Binding(
            "shift+tab",
            "previous_link",
            "Previous link",
            show=False,
            tooltip="Select the previous link",
            id="reader.previous_link",
        ),
        Binding(
            "enter",
            "follow",
            "Follow",
            show=False,
            tooltip="Open the selected (or typed) link inside the app",
            id="reader.follow",
        ),
        Binding(
            "slash",
            "screen.find",
            "Find",
            show=False,
            tooltip="Find text in this article",
            id="reader.find",
        ),
        *_digit_bindings(),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.all_links: list[Link] = []
        self.link_index: int | None = None
        self.typed = ""
        self._texts: list[_Text] = []
        self.hits: list[Hit] = []
        self.hit_index: int | None = None
        self.reading_width: int | None = None  # from the settings; the CSS default otherwise
        # Set by the screen when pictures are on and the terminal can draw them.
        self.image_loader: ImageLoader | None = None
        # Where the open article is read up to (None: no article). Kept as the reader scrolls,
        # not measured when asked: the screen asks when the pane is hidden or already gone.
        self.position: ReadingPosition | None = None
        self._tracking = False  # off while an article is built and its position restored
        self._tracked_size: Size | None = None  # the pane's size the position was taken at

    # -- progress --------------------------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._track()
        self.show_progress()
        self.load_visible_images()

    def _layout_rows(self) -> tuple[list[int], int]:
        """The first row of each part of the article, and the row its content ends at."""
        return [child.virtual_region.y for child in self.children], self.virtual_size.height

    def _track(self) -> None:
        """Take the position from the scroll offset: the reader moved. Not while hidden (no
        layout to measure), nor when the pane changed size: the offset Textual keeps (or
        clamps) then points at other text, and ``on_resize`` brings the position back."""
        if self._tracking and self.region.height and self.outer_size == self._tracked_size:
            self.position = anchor(*self._layout_rows(), self.scroll_y, self.max_scroll_y)

    def on_resize(self) -> None:
        """Keep the passage being read at the top when the text rewraps (a resized terminal,
        the sidebar toggled, the pane shown again)."""
        if self._tracking and self.position is not None:
            self.call_after_refresh(self._restore, self.position)

    def on_image_block_grown(self, message: ImageBlock.Grown) -> None:
        """A picture arrived in a block that starts above the top of the pane: scroll down by
        what it added, so the text being read stays where it was (as browsers anchor it).
        A block starting in view grows in view, pushing down only what follows it."""
        message.stop()
        if message.block.virtual_region.y < self.scroll_y:
            self.scroll_to(y=self.scroll_y + message.rows, animate=False, immediate=True)

    def load_visible_images(self) -> None:
        """Ask the image blocks now in view for their pictures (each asks once)."""
        if self.image_loader is None:
            return
        size = self.scrollable_content_region.size
        view = Region(0, round(self.scroll_y), max(size.width, 1), size.height)
        for block in self.query(ImageBlock):
            if not block.requested and block.virtual_region.overlaps(view):
                block.request(self.image_loader)

    def show_progress(self) -> None:
        """Reading progress and the link being typed or selected, in the bottom border."""
        parts: list[str] = []
        if self.typed:
            parts.append(f"link {self.typed}… enter follows")
        elif self.selected_link is not None and self.link_index is not None:
            parts.append(f"link {self.link_index + 1} of {len(self.all_links)}")
        if self.max_scroll_y > 0 and self.query("#title"):
            parts.append(f"{round(100 * self.scroll_y / self.max_scroll_y)}%")
        self.border_subtitle = " · ".join(parts) or None

    # -- content ---------------------------------------------------------------------------

    async def on_mount(self) -> None:
        if not self.children:
            await self.show_placeholder()

    def _reset(self) -> None:
        self.position = None
        self._tracking = False
        self.all_links = []
        self.link_index = None
        self.typed = ""
        self._texts = []
        self.hits = []
        self.hit_index = None

    async def show_placeholder(self, message: str = PLACEHOLDER) -> None:
        """Show a hint instead of an article."""
        self._reset()
        await self.remove_children()
        await self.mount(Static(Content(message), classes="placeholder", markup=False))

    def _text(
        self, content: Content, wrap: bool = True, *, id: str | None = None, classes: str = ""
    ) -> Static:
        shown = wrap_for_reading(content) if wrap else content
        widget = Static(shown, id=id, classes=classes, markup=False)
        self._texts.append(_Text(widget, content, wrap))
        return widget

    def _block(self, block: Block, number: int | None = None) -> Widget:
        """A body block as a Static whose classes (``-paragraph``, ``-h2``...) the CSS styles
        (an image with its picture to come: an ImageBlock around that Static). ``number``: an
        image's link number."""
        classes = f"block -{block.kind.value}"
        if block.kind == BlockKind.HEADING:
            classes += f" -h{min(max(block.level, 1), 6)}"
        content = block_content(block, number)
        if content is None:
            return TableBlock(block, self._table_width(), classes=classes)
        if block.kind == BlockKind.IMAGE and block.src and self.image_loader is not None:
            return ImageBlock(block, self._text(content, False, classes="caption"), classes=classes)
        return self._text(content, wraps(block), classes=classes)

    def _table_width(self) -> int:
        """A first guess at the cells a table may use: the pane's text width (capped like the
        other blocks), or the screen's less the pane's frame before the pane has been laid
        out. ``TableBlock`` corrects it to its real width once laid out."""
        width = self.scrollable_content_region.width or self.app.size.width - 8
        cap = self.reading_width if self.reading_width is not None else 100
        return max(1, min(width, cap))

    async def show_article(self, article: Article, position: ReadingPosition = TOP) -> None:
        """Replace the pane's content with ``article`` at ``position`` (the top by default)."""
        self._reset()
        self.position = position
        widgets: list[Widget] = [
            self._text(Content(clean_line(article.title) or "(untitled)"), id="title")
        ]
        if meta := meta_line(article):
            widgets.append(Static(Content(meta), id="meta", markup=False))
        if article.summary:
            widgets.append(self._text(Content(clean_text(article.summary).strip()), id="summary"))
        # Pictures are links too, numbered after the others: where the terminal cannot draw
        # them (or images are off) the number is the way to open one.
        images = image_links(article.blocks)
        number = len(article.links) + len(article.related)
        for block in article.blocks:
            if image_link(block) is not None:
                number += 1
                widgets.append(self._block(block, number))
            else:
                widgets.append(self._block(block))
        if not article.blocks:
            widgets.append(
                Static(
                    Content("This page has no article text Broadsheet could find."),
                    classes="placeholder",
                    markup=False,
                )
            )
        for links, name, title in (
            (article.links, "links", "Links"),
            (article.related, "related", "Related articles"),
            (images, "images", "Images"),
        ):
            if links:
                heading = Content(f"{title} ({len(links)})")
                widgets.append(Static(heading, classes="section", markup=False))
                first = len(self.all_links) + 1
                widgets.append(LinkList(links, first=first, id=name))
                self.all_links.extend(links)
        if self.reading_width is not None:
            for widget in widgets:
                if isinstance(widget, Static | ImageBlock):
                    widget.styles.max_width = self.reading_width
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all(widgets)
        self.scroll_home(animate=False)
        self.call_after_refresh(self._restore, position)

    def _restore(self, position: ReadingPosition) -> None:
        """Scroll to ``position`` once the parts are laid out, then follow the reader."""
        if position is not self.position:
            return  # another article (or the placeholder) was shown meanwhile
        self._tracking = False  # the position stays as asked, not as rows round it
        y = scroll_target(position, *self._layout_rows(), self.max_scroll_y)
        if y != self.scroll_y:
            self.scroll_to(y=y, animate=False, immediate=True)
        self._tracked_size = self.outer_size
        self._tracking = True
        self.show_progress()
        self.load_visible_images()

    # -- links -----------------------------------------------------------------------------

    @property
    def selected_link(self) -> Link | None:
        """The link Tab or a typed number selected, if any."""
        if self.link_index is None or not 0 <= self.link_index < len(self.all_links):
            return None
        return self.all_links[self.link_index]

    def select_link(self, index: int | None) -> None:
        """Select link ``index`` (0-based over links then related) and bring it into view."""
        self.link_index = index
        for link_list in self.query(LinkList):
            local = None
            if index is not None and link_list.first - 1 <= index < link_list.first - 1 + len(
                link_list.links
            ):
                local = index - (link_list.first - 1)
            link_list.select_local(local)
            if local is not None:
                self.scroll_to_widget(link_list, animate=False)
        self.show_progress()

    def _step_link(self, step: int) -> None:
        self.typed = ""
        if not self.all_links:
            self.notify("This article has no links.", severity="warning", markup=False)
            return
        if self.link_index is None:
            index = 0 if step > 0 else len(self.all_links) - 1
        else:
            index = (self.link_index + step) % len(self.all_links)
        self.select_link(index)

    def action_next_link(self) -> None:
        """Select the next link (after the last, the first)."""
        self._step_link(1)

    def action_previous_link(self) -> None:
        """Select the previous link."""
        self._step_link(-1)

    def action_digit(self, digit: int) -> None:
        """Add a digit to the link number being typed; a number past the last link starts over."""
        typed = (self.typed + str(digit)).lstrip("0")
        if typed and int(typed) > len(self.all_links):
            typed = str(digit) if 0 < digit <= len(self.all_links) else ""
        self.typed = typed
        if typed:
            self.select_link(int(typed) - 1)
        else:
            self.show_progress()

    def action_follow(self) -> None:
        """Follow the selected or typed link."""
        self.typed = ""
        link = self.selected_link
        if link is None:
            self.notify(
                "Select a link first (Tab, or type its number).", severity="warning", markup=False
            )
            return
        source = next(
            (ll for ll in self.query(LinkList) if ll.has_class("-selected")), None
        ) or self.query_one(LinkList)
        self.post_message(LinkList.Followed(source, link))

    # -- find in page ------------------------------------------------------------------------

    def find(self, query: str) -> int:
        """Mark every occurrence of ``query``; the first becomes current. Returns the count."""
        return self._set_hits(find_hits([t.content.plain for t in self._texts], query))

    def find_terms(self, terms: list[str]) -> int:
        """Mark every occurrence of any of ``terms`` (a search's words); returns the count."""
        return self._set_hits(find_any_hits([t.content.plain for t in self._texts], terms))

    def _set_hits(self, hits: list[Hit]) -> int:
        self.hits = hits
        self.hit_index = 0 if self.hits else None
        self._mark()
        return len(self.hits)

    def find_step(self, step: int) -> None:
        """Make the next (``step=1``) or previous (``-1``) hit current, wrapping around."""
        if not self.hits or self.hit_index is None:
            return
        self.hit_index = (self.hit_index + step) % len(self.hits)
        self._mark()

    def clear_find(self) -> None:
        """Remove the marks."""
        self.hits = []
        self.hit_index = None
        self._mark()

    @property
    def find_status(self) -> str:
        """``3/12`` while there are hits, ``no matches`` otherwise."""
        if self.hit_index is None:
            return "no matches"
        return f"{self.hit_index + 1}/{len(self.hits)}"

    def _mark(self) -> None:
        current = self.hits[self.hit_index] if self.hit_index is not None else None
        by_text: dict[int, list[Hit]] = {}
        for hit in self.hits:
            by_text.setdefault(hit.text, []).append(hit)
        for number, text in enumerate(self._texts):
            content = mark_hits(text.content, by_text.get(number, []), current)
            text.widget.update(wrap_for_reading(content) if text.wrap else content)
        if current is not None:
            self.call_after_refresh(self._scroll_to_hit, current)

    def _scroll_to_hit(self, hit: Hit) -> None:
        """Bring the current hit's widget into view (its top, or the line when measurable)."""
        widget = self._texts[hit.text].widget
        self.scroll_to_widget(widget, animate=False, immediate=True)

    # -- table of contents -------------------------------------------------------------------

    def headings(self) -> list[tuple[int, str]]:
        """The article's headings as (level, text), in order."""
        return [
            (
                next((int(c[2:]) for c in w.classes if c.startswith("-h") and c[2:].isdigit()), 2),
                str(w.render()),
            )
            for w in self.query(".-heading").results(Static)
        ]

    def scroll_to_heading(self, index: int) -> None:
        """Scroll so the ``index``-th heading is at the top of the pane."""
        headings = list(self.query(".-heading").results(Static))
        if 0 <= index < len(headings):
            self.scroll_to_widget(headings[index], animate=False, top=True, immediate=True)
