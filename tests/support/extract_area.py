"""The short article the extraction rule tests wrap in clutter: three paragraphs of prose,
long enough to be scored as the story."""

from __future__ import annotations

ARTICLE = [
    "The council voted on Tuesday to keep the river path open all night, after a year in which "
    "cyclists, runners and people walking home from late shifts asked for it again and again.",
    "Lights will be added along the darkest stretch before the winter, and the path will be "
    "swept twice a week, the council said, paid for from the parks budget rather than new fees.",
    "Residents who objected to the noise will be offered a meeting with the parks office, which "
    "promised to publish the number of complaints every month for the first year of the trial.",
]


def paragraphs(texts: list[str]) -> str:
    """``texts`` as consecutive ``<p>`` elements."""
    return "".join(f"<p>{t}</p>" for t in texts)
