"""A numbered list of links (body links or related articles) inside the reading pane."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from broadsheet.models import Link
from broadsheet.sanitize import clean_line
from broadsheet.ui.cjkwrap import wrap_for_reading


class LinkList(OptionList, can_focus=False):
    """Links numbered from ``first``; a click posts ``LinkList.Followed``.

    It never takes focus: the reading pane moves a selection through every list of links
    with Tab, so the keys that scroll the article keep working while a link is selected.
    """

    @dataclass
    class Followed(Message):
        """The user chose a link to open inside the app."""

        link_list: LinkList
        link: Link

        @property
        def control(self) -> LinkList:
            return self.link_list

    def __init__(self, links: tuple[Link, ...], *, first: int = 1, id: str | None = None) -> None:
        self.links = links
        self.first = first
        options = []
        for number, link in enumerate(links, start=first):
            label = clean_line(link.text) or clean_line(link.url)
            prompt = Content.assemble(
                (f"[{number}]", "$accent"), " ", label, "  ", (clean_line(link.url), "dim")
            )
            options.append(Option(wrap_for_reading(prompt)))
        super().__init__(*options, id=id, markup=False)

    def select_local(self, index: int | None) -> None:
        """Show ``index`` (in this list) as the selected link, or no selection."""
        self.set_class(index is not None, "-selected")
        if index is not None:
            self.highlighted = index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Followed(self, self.links[event.option_index]))
