"""Title, byline, dates, source line, summary, site name and language.

Sites put metadata in many places, so each field is read from the most deliberate source
first (JSON-LD, then OpenGraph / meta tags / microdata, then visible markup such as ``<time>``
and bylines, then the Chinese portal patterns 来源 / 作者 / 发布时间 in the page text). The
``Meta`` object is built from the tree BEFORE boilerplate is removed, because bylines and
source lines live in the parts the content step throws away.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.extract import byline
from broadsheet.extract.dom import CJK, line, node_text, squash
from broadsheet.extract.scan import has_any

_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "report", "scholarlyarticle",
    "techarticle", "analysisnewsarticle", "opinionnewsarticle", "socialmediaposting",
    "discussionforumposting", "liveblogposting", "posting", "webpage", "medicalwebpage",
}  # fmt: skip
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·»:/\\]\s+|\s*[_|｜]\s*|\s+::\s+|\s*(?:——|--+|－－)\s*")
_DATE_TEXT = re.compile(
    r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"
)
_DATE_LABEL = re.compile(
    r"(?:发布时间|发表时间|发布日期|更新时间|时间|日期|发表于|发布于|Published|Posted)"
)
_SOURCE = re.compile(
    r"(?:^|[\s|】\]（(])(?:来源|來源|稿源|消息来源)\s*[：:]\s*([^\s|，,。；;【】\[\]（）()]{2,30})"
)
_SOURCE_EN = re.compile(r"^(?:Source|SOURCE)\s*:\s*([^\n]{2,60})$", re.MULTILINE)
_SUMMARY_WORDS = ("简要", "摘要", "提要", "导读", "核心提示", "简介")
_SUMMARY = re.compile(
    r"^【?(?:简要|摘要|内容提要|提要|导读|核心提示|简介)】?\s*[：:]\s*([^\n]{6,})$", re.MULTILINE
)
_BYLINE = re.compile(r"^(?:by|By|BY)\s+(.{2,80})$")


@dataclass(slots=True)
class Meta:
    """Everything gathered from the head, JSON-LD and the page's visible text lines."""

    tags: dict[str, str] = field(default_factory=dict)  # meta name/property/itemprop -> content
    ld: list[dict[str, Any]] = field(default_factory=list)  # JSON-LD objects, flattened
    title_tag: str = ""
    lang: str = ""
    script_sources: str = ""  # the src of every script, for recognising comment systems
    base: str | None = None  # the first <base href>, against which the page's links resolve


def _walk_ld(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _walk_ld(item)
    elif isinstance(value, dict):
        yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _walk_ld(graph)
        main = value.get("mainEntity")
        if isinstance(main, dict):
            yield from _walk_ld(main)


HEADS = "meta[content], [itemprop], script, base[href]"


def read_meta(tree: LexborHTMLParser, heads: list[LexborNode] | None = None) -> Meta:
    """Collect meta tags, microdata, JSON-LD, script addresses, ``<title>``, ``<base>`` and the
    language.

    ``heads`` are the elements ``HEADS`` selects, when the caller has walked the document
    already (``native.WALK.survey_document``); otherwise one selector walk gathers them.
    """
    meta = Meta()
    sources: list[str] = []
    last = -1
    for node in tree.css(HEADS) if heads is None else heads:
        if node.mem_id == last:
            continue  # Lexbor lists an element that two selectors match twice
        last = node.mem_id
        tag = node.tag
        attrs = node.attributes
        if tag == "base":
            if meta.base is None:  # Lexbor lists the matches of each selector in tree order
                meta.base = attrs.get("href")
        elif tag == "script":
            if attrs.get("src"):
                sources.append(attrs.get("src") or "")
            elif (attrs.get("type") or "").lower() == "application/ld+json":
                try:
                    data = json.loads(node.text(deep=True), strict=False)
                except (ValueError, RecursionError):
                    continue
                meta.ld.extend(_walk_ld(data))
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            if key and attrs.get("content"):
                meta.tags.setdefault(key.strip().lower(), line(attrs["content"] or ""))
            equiv = attrs.get("http-equiv")
            if equiv and equiv.lower() == "content-language":
                meta.tags.setdefault("content-language", line(attrs.get("content") or ""))
        else:
            prop = (attrs.get("itemprop") or "").lower()
            if prop in ("author", "datepublished", "headline", "name"):
                value = attrs.get("content") or attrs.get("datetime")
                if prop == "author":
                    inner = node.css_first("[itemprop=name]")
                    value = value or (node_text(inner) if inner else node_text(node))
                meta.tags.setdefault(f"itemprop:{prop}", line(value or node_text(node)))
    meta.script_sources = " ".join(sources)
    title = tree.css_first("title")
    if title is not None:
        meta.title_tag = node_text(title)
    html = tree.root
    if html is not None and html.tag == "html":
        meta.lang = line(html.attributes.get("lang") or html.attributes.get("xml:lang") or "")
    return meta


def _ld_types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def ld_article(meta: Meta) -> dict[str, Any]:
    """The JSON-LD object that describes the article, preferring real article types."""
    best: dict[str, Any] = {}
    for obj in meta.ld:
        kinds = _ld_types(obj)
        if kinds & _ARTICLE_TYPES and (obj.get("headline") or obj.get("articleBody")):
            return obj
        if kinds & _ARTICLE_TYPES and not best:
            best = obj
    return best


def _ld_str(value: Any) -> str:
    if isinstance(value, str):
        return line(value)
    if isinstance(value, list):
        names = [_ld_str(v) for v in value]
        return ", ".join(n for n in names if n)
    if isinstance(value, dict):
        return _ld_str(value.get("name"))
    return ""


_COMPANY = re.compile(r"[\s,.]*(?:(?:inc|ltd|llc|corp|co|gmbh|plc|limited|corporation)\.?)?")


def _is_site(part: str, site: str) -> bool:
    """Whether a title part names the site, allowing "Spiceworks" for "Spiceworks Inc"."""
    a = part.strip().lower()
    b = site.strip().lower()
    if not a or not b:
        return False
    return a == b or (len(a) >= 4 and b.startswith(a) and bool(_COMPANY.fullmatch(b[len(a) :])))


def _names_site(title: str, site: str) -> bool:
    """Whether ``title`` carries the site name as one of its separated parts."""
    if not site:
        return False
    if site in title:
        return True
    return any(_is_site(p, site) for p in _TITLE_SEPARATORS.split(title))


def _strip_site(title: str, site: str) -> str:
    """Remove a site-name prefix or suffix such as "Title | Site" or "Site - Title"."""
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    # The site named at one end: cut just that end, keeping the rest as written
    # ("Friday Facts #282 - 0.17 in sight | Factorio").
    seps = list(_TITLE_SEPARATORS.finditer(title))
    # A part cut off by the same separator is a section ("标题_栏目_站点", "Title | News | Site").
    if site and seps and _is_site(squash(title[seps[-1].end() :]), site):
        rest, mark = title[: seps[-1].start()].strip(), seps[-1].group().strip()
        return _strip_site(rest, "") if mark and mark in rest else rest
    if site and seps and _is_site(squash(title[: seps[0].start()]), site):
        rest, mark = title[seps[0].end() :].strip(), seps[0].group().strip()
        return _strip_site(rest, "") if mark and mark in rest else rest
    if site:
        kept = [p for p in parts if not _is_site(squash(p), site)]
        if kept and len(kept) < len(parts):
            parts = kept
            if len(parts) == 1:
                return parts[0].strip()
    # Chinese portals: "标题_栏目_站点"; western: "Title | Section | Site". Take the first part
    # unless it is much shorter than the longest (then it is a site prefix: "Site - Title").
    first = parts[0].strip()
    longest = max(parts, key=len).strip()
    if len(first) >= 0.6 * len(longest) or len(first.split()) >= 4:
        return first
    return longest


def title(meta: Meta, tree: LexborHTMLParser, site: str) -> str:
    """The article title without the site name."""
    tag = meta.title_tag
    ld = ld_article(meta)
    candidates = [
        _ld_str(ld.get("headline")),
        meta.tags.get("og:title", ""),
        meta.tags.get("twitter:title", ""),
        meta.tags.get("itemprop:headline", ""),
    ]
    # The publisher's own metadata first (JSON-LD headline, og:title), without the site name.
    for cand in candidates[:2]:
        if len(cand) >= 4:
            return _strip_site(cand, site) if _names_site(cand, site) else cand
    # (Documentation generators end headings with a permalink mark: "Install¶".)
    h1s = [node_text(h).rstrip("¶#§ ") for h in tree.css("h1")[:3]]
    for h in h1s:
        # An h1 that the <title> (or og:title) repeats is the article's own heading, unless
        # it is only the site's name there: a logo in an h1, "Salon" in "Story | Salon",
        # the project's name over a documentation page ("Page — Project").
        for c in (tag, *candidates):
            if len(h) < 4 or len(c) < 4:
                continue
            if c in h:
                return h
            if h in c:
                kept = _strip_site(c, site)
                if len(h) >= 0.6 * len(kept) and (h in kept or kept in h):
                    return h
    for cand in candidates:
        if cand:
            return _strip_site(cand, site) if _names_site(cand, site) else cand
    if tag:
        return _strip_site(tag, site)
    for h in (*h1s, *(node_text(h) for h in tree.css("h2")[:1])):
        if h:
            return h
    return ""


def site_name(meta: Meta) -> str:
    """The publication's name (og:site_name, JSON-LD publisher or WebSite)."""
    name = meta.tags.get("og:site_name") or meta.tags.get("application-name", "")
    if name:
        return name
    ld = ld_article(meta)
    name = _ld_str(ld.get("publisher"))
    if name:
        return name
    for obj in meta.ld:
        if "website" in _ld_types(obj) and obj.get("name"):
            return _ld_str(obj.get("name"))
    return ""


def site_from_title(title_tag: str, title_text: str) -> str:
    """The last part of ``<title>`` once the article title is removed (portals' site name)."""
    if not title_tag or not title_text or title_text not in title_tag:
        return ""
    rest = [
        p.strip()
        for p in _TITLE_SEPARATORS.split(title_tag.replace(title_text, "", 1))
        if p.strip() and "powered by" not in p.lower()
    ]
    return rest[-1] if rest else ""


def _iso(value: str) -> str | None:
    """Normalise a date string to ISO 8601, or None when it is not a date."""
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _date_in_text(value)


def _date_in_text(text: str) -> str | None:
    m = _DATE_TEXT.search(text)
    if not m:
        return None
    year, month, day, hour, minute, second = m.groups()
    try:
        stamp = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None
    return stamp.isoformat() if hour else stamp.date().isoformat()


def published(meta: Meta, tree: LexborHTMLParser, page: str) -> str | None:
    """The publication date, ISO 8601."""
    ld = ld_article(meta)
    for value in (
        _ld_str(ld.get("datePublished")),
        meta.tags.get("article:published_time", ""),
        meta.tags.get("og:published_time", ""),
        meta.tags.get("itemprop:datepublished", ""),
        meta.tags.get("datepublished", ""),
        meta.tags.get("pubdate", ""),
        meta.tags.get("publishdate", ""),
        meta.tags.get("publish-date", ""),
        meta.tags.get("dc.date.issued", ""),
        meta.tags.get("dc.date", ""),
        meta.tags.get("date", ""),
        meta.tags.get("parsely-pub-date", ""),
        meta.tags.get("sailthru.date", ""),
        _ld_str(ld.get("dateCreated")),
        _ld_str(ld.get("dateModified")),
    ):
        iso = _iso(value) if value else None
        if iso:
            return iso
    for node in tree.css("time"):
        iso = _iso(node.attributes.get("datetime") or node.attributes.get("pubdate") or "")
        if iso:
            return iso
    first = None
    for m in _DATE_TEXT.finditer(page):
        found = _date_in_text(m.group(0))
        if found is None:
            continue
        if _DATE_LABEL.search(page, max(0, m.start() - 12), m.start()):
            return found
        if first is None:
            first = found
    return first


def author(meta: Meta, tree: LexborHTMLParser, page: str, title_text: str = "") -> str:
    """The byline: JSON-LD, meta tags, byline markup, then the Chinese layouts (``byline``)."""
    ld = ld_article(meta)
    for value in (
        _ld_str(ld.get("author")),
        meta.tags.get("author", ""),
        meta.tags.get("article:author", ""),
        meta.tags.get("dc.creator", ""),
        meta.tags.get("byl", ""),
        meta.tags.get("parsely-author", ""),
        meta.tags.get("itemprop:author", ""),
    ):
        if value and _plausible_name(value) and not byline.credits_site_builder(value, page):
            return value
    for node in tree.css('[rel="author"], .byline .author, .author .fn, .byline, .author-name'):
        text = node_text(node)
        m = _BYLINE.match(text)
        if m:
            text = m.group(1)
        if 1 < len(text) <= 60:
            return text
    if not CJK.search(page):
        return ""  # the Chinese byline patterns cannot match
    return byline.chinese_author(page, title_text)


def _plausible_name(value: str) -> bool:
    """Meta "author" fields often hold a site's keywords or a software team instead."""
    lower = value.lower()
    return (
        0 < len(value) <= 100
        and not lower.startswith(("http://", "https://"))
        and "www." not in lower
        and value.count(",") + value.count("，") < 3
    )


def source(page: str) -> str:
    """The 来源 / "Source:" line: who first published the article."""
    # Plain substring tests first: they are far cheaper than the regexes on a long page.
    m = None
    if "源" in page:
        m = _SOURCE.search(page)
    if m is None and ("Source" in page or "SOURCE" in page):
        m = _SOURCE_EN.search(page)
    return m.group(1).strip() if m else ""


def summary(meta: Meta, page: str, title: str = "") -> str:
    """The page's summary: a 简要 / 摘要 line, else the meta or OpenGraph description."""
    if has_any(page, _SUMMARY_WORDS):
        m = _SUMMARY.search(page)
        if m:
            return m.group(1).strip()
    ld = ld_article(meta)
    for text in (
        meta.tags.get("description", ""),
        meta.tags.get("og:description", ""),
        meta.tags.get("twitter:description", ""),
        _ld_str(ld.get("description")),
    ):
        text = text.strip()
        # Forums and CMSs often fill the description with the title and the site name.
        if text and not (title and title in text and len(text) < len(title) + 20):
            return text
    return ""


def language(meta: Meta, sample: str) -> str:
    """The document language: ``<html lang>``, Content-Language, else "zh" for Chinese text."""
    lang = meta.lang or meta.tags.get("content-language", "") or meta.tags.get("og:locale", "")
    if lang:
        return lang.replace("_", "-")
    if sample and len(CJK.findall(sample[:2000])) > len(sample[:2000]) // 5:
        return "zh"
    return ""
