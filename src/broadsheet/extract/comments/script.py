"""Comment systems that load in the browser: only a placeholder and a script are in the HTML.

We cannot show those comments, but we can say which system holds them (so the reader can
say "comments are on Disqus" instead of "no comments") and the count the page prints.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from broadsheet.extract.comments.common import declared
from broadsheet.extract.dom import node_text

# The placeholder elements these systems fill (they survive script removal: they are divs).
PLACEHOLDERS = (
    "#disqus_thread, #SOHUCS, #lv-container, .fb-comments, #commento, .giscus, .utterances, "
    "#cyReward, #changyan_parti_unit, #uyan_frame, #vcomments, .valine, #waline, .waline, "
    "#tcomment, .twikoo, #comment-valine"
)
# Each system, and the strings its placeholder ids/classes or script addresses contain.
SYSTEMS = (
    ("disqus", ("disqus_thread", "disqus.com")),
    ("changyan", ("SOHUCS", "changyan", "cyReward")),
    ("youyan", ("uyan_frame", "uyan.cc")),
    ("livere", ("lv-container", "livere")),
    ("facebook", ("fb-comments", "connect.facebook.net")),
    ("commento", ("commento",)),
    ("utterances", ("utterances", "utteranc.es")),
    ("giscus", ("giscus",)),
    ("waline", ("waline",)),
    ("twikoo", ("twikoo", "tcomment")),
    ("valine", ("vcomments", "valine")),
)


def recognise(
    placeholders: list[LexborNode], scripts: str
) -> tuple[str | None, int | None, LexborNode | None]:
    """The script system in use, the count printed near its placeholder, and the placeholder.

    ``placeholders`` are the page's elements matching ``PLACEHOLDERS`` (see ``hints``), in
    document order; ``scripts`` holds the page's script addresses, gathered before scripts
    were removed.
    """
    if not placeholders and not scripts:
        return None, None, None
    found = " ".join(f"{n.attributes.get('id')} {n.attributes.get('class')}" for n in placeholders)
    found = f"{scripts} {found}".lower()
    for name, signs in SYSTEMS:
        if any(sign.lower() in found for sign in signs):
            count = None
            holder = placeholders[0] if placeholders else None
            if holder is not None and holder.parent is not None:
                count = declared(node_text(holder.parent))
            return name, count, holder
    return None, None, None
