"""The reading pane: title, metadata, summary, body blocks, numbered links, related articles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from broadsheet.models import Article, Block, BlockKind, Link
from broadsheet.sanitize import clean_line, clean_text
from broadsheet.ui.cjkwrap import wrap_for_reading
from broadsheet.ui.render import block_renderable, meta_line

PLACEHOLDER = "Choose an article from the list (enter), or start Broadsheet with a URL."


class LinkList(OptionList):
    """Numbered links (or related articles); enter posts ``LinkList.Followed``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="links.down"),
        Binding("k", "cursor_up", "Up", show=False, id="links.up"),
    ]

    @dataclass
    class Followed(Message):
        """The user chose a link to open inside the app."""

        link_list: LinkList
        link: Link

        @property
        def control(self) -> LinkList:
            return self.link_list

    def __init__(self, links: tuple[Link, ...], *, numbered: bool, id: str | None = None) -> None:
        self.links = links
        options = []
        for number, link in enumerate(links, start=1):
            label = clean_line(link.text) or clean_line(link.url)
            prefix = (f"[{number}]", "$accent") if numbered else ("›", "$accent")
            prompt = Content.assemble(prefix, " ", label, "  ", (clean_line(link.url), "dim"))
            options.append(Option(wrap_for_reading(prompt)))
        super().__init__(*options, id=id, markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Followed(self, self.links[event.option_index]))


def _block_widget(block: Block) -> Static:
    """A body block as a Static whose classes (``-paragraph``, ``-h2``...) the CSS styles."""
    classes = f"block -{block.kind.value}"
    if block.kind == BlockKind.HEADING:
        classes += f" -h{min(max(block.level, 1), 6)}"
    return Static(block_renderable(block), classes=classes, markup=False)


class ReaderPane(VerticalScroll):
    """Shows one article as a column of widgets; scrolls with the reading keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("space", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reader.page_up"),
    ]

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.show_progress()

    def show_progress(self) -> None:
        """Reading progress in the bottom border: how far down the article the view is."""
        if self.max_scroll_y <= 0 or not self.query("#title"):
            self.border_subtitle = None
            return
        self.border_subtitle = f"{round(100 * self.scroll_y / self.max_scroll_y)}%"

    async def on_mount(self) -> None:
        if not self.children:
            await self.show_placeholder()

    async def show_placeholder(self, message: str = PLACEHOLDER) -> None:
        """Show a hint instead of an article."""
        await self.remove_children()
        await self.mount(Static(Content(message), classes="placeholder", markup=False))

    async def show_article(self, article: Article) -> None:
        """Replace the pane's content with ``article`` and scroll to the top."""
        widgets: list[Widget] = [
            Static(
                wrap_for_reading(Content(clean_line(article.title) or "(untitled)")),
                id="title",
                markup=False,
            )
        ]
        if meta := meta_line(article):
            widgets.append(Static(Content(meta), id="meta", markup=False))
        if article.summary:
            summary = wrap_for_reading(Content(clean_text(article.summary).strip()))
            widgets.append(Static(summary, id="summary", markup=False))
        for block in article.blocks:
            widgets.append(_block_widget(block))
        if not article.blocks:
            widgets.append(
                Static(
                    Content("This page has no article text Broadsheet could find."),
                    classes="placeholder",
                    markup=False,
                )
            )
        if article.links:
            widgets.append(
                Static(Content(f"Links ({len(article.links)})"), classes="section", markup=False)
            )
            widgets.append(LinkList(article.links, numbered=True, id="links"))
        if article.related:
            widgets.append(
                Static(
                    Content(f"Related articles ({len(article.related)})"),
                    classes="section",
                    markup=False,
                )
            )
            widgets.append(LinkList(article.related, numbered=False, id="related"))
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all(widgets)
        self.scroll_home(animate=False)
        self.call_after_refresh(self.show_progress)
