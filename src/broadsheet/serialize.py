"""Articles as plain JSON-ready dicts, and back.

One schema serves three readers: the store (the ``data`` column keeps the whole Article so it
can be rebuilt exactly), ``broadsheet show --json`` and the ``json`` export. Keeping it in one
place means a script that reads an export can also read ``show --json``, and the schema only
changes here, under ``SCHEMA`` (documented in docs/json.md).

Keys are stable: every key is always present (``null``, ``""``, ``[]`` or ``false`` when there
is nothing), so a consumer never needs to test for a key. Reading is lenient: missing keys take
the model's defaults and unknown keys are ignored, so older cache rows and newer exports both
load. Every string is passed through ``sanitize.clean_text`` (one-line fields through
``clean_line``) in both directions: web text is never trusted, even from our own cache.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from broadsheet.models import (
    Article,
    ArticleSummary,
    Block,
    BlockKind,
    Comment,
    CommentState,
    CommentThread,
    Link,
    Span,
    StoredArticle,
)
from broadsheet.sanitize import clean_line, clean_text

SCHEMA = "broadsheet.article/1"

JSONDict = dict[str, Any]


def _opt_line(value: str | None) -> str | None:
    return None if value is None else clean_line(value)


def summary_to_dict(summary: ArticleSummary) -> JSONDict:
    """One row of the article list (``list --json``, and each ``search --json`` hit)."""
    return {
        "id": summary.id,
        "url": summary.url,
        "title": clean_line(summary.title),
        "site_name": clean_line(summary.site_name),
        "published": summary.published,
        "fetched_at": summary.fetched_at,
        "read": summary.read,
        "favourite": summary.favourite,
        "comment_count": summary.comment_count,
    }


def span_to_dict(span: Span) -> JSONDict:
    return {"start": span.start, "end": span.end, "style": span.style, "url": _opt_line(span.url)}


def block_to_dict(block: Block) -> JSONDict:
    """A body block; kind-specific keys are present for every kind (empty when unused)."""
    return {
        "kind": block.kind.value,
        "text": clean_text(block.text),
        "level": block.level,
        "items": [clean_text(i) for i in block.items],
        "ordered": block.ordered,
        "rows": [[clean_text(c) for c in row] for row in block.rows],
        "header": block.header,
        "src": _opt_line(block.src),
        "alt": clean_line(block.alt),
        "language": _opt_line(block.language),
        "spans": [span_to_dict(s) for s in block.spans],
    }


def link_to_dict(link: Link) -> JSONDict:
    return {"url": clean_line(link.url), "text": clean_line(link.text)}


def comment_to_dict(comment: Comment) -> JSONDict:
    return {
        "id": clean_line(comment.id),
        "parent": _opt_line(comment.parent),
        "depth": comment.depth,
        "author": clean_line(comment.author),
        "published": _opt_line(comment.published),
        "score": comment.score,
        "is_op": comment.is_op,
        "permalink": _opt_line(comment.permalink),
        "text": clean_text(comment.text),
        "blocks": [block_to_dict(b) for b in comment.blocks],
    }


def comments_to_dict(thread: CommentThread) -> JSONDict:
    return {
        "state": thread.state.value,
        "declared_count": thread.declared_count,
        "count": len(thread.items),
        "system": _opt_line(thread.system),
        "next_page": _opt_line(thread.next_page),
        "items": [comment_to_dict(c) for c in thread.items],
    }


def article_to_dict(item: Article | StoredArticle) -> JSONDict:
    """The documented JSON object for an article; a StoredArticle adds its cache fields.

    The cache fields (``id``, ``final_url``, ``fetched_at``, ``read``, ``favourite``) are
    ``null``/``false`` for a bare Article, so the key set never changes.
    """
    stored = item if isinstance(item, StoredArticle) else None
    article = item.article if isinstance(item, StoredArticle) else item
    return {
        "schema": SCHEMA,
        "id": stored.id if stored else None,
        "url": _opt_line(article.url),
        "final_url": clean_line(stored.final_url) if stored else None,
        "fetched_at": stored.fetched_at if stored else None,
        "read": stored.read if stored else False,
        "favourite": stored.favourite if stored else False,
        "title": clean_line(article.title),
        "site_name": clean_line(article.site_name),
        "author": clean_line(article.author),
        "published": _opt_line(article.published),
        "source": clean_line(article.source),
        "summary": clean_text(article.summary),
        "language": clean_line(article.language),
        "image": _opt_line(article.image),
        "text": clean_text(article.text),
        "blocks": [block_to_dict(b) for b in article.blocks],
        "links": [link_to_dict(x) for x in article.links],
        "related": [link_to_dict(x) for x in article.related],
        "comments": comments_to_dict(article.comments),
    }


_ZERO_IS_DEFAULT = frozenset({"level", "depth", "start"})


def _compact(value: Any) -> Any:
    """Drop keys holding their default (``""``, null, ``[]``, false; 0 where 0 is the default)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = _compact(v)
            empty = v is None or v is False or v == "" or v == [] or v == {}
            if not (empty or (v == 0 and k in _ZERO_IS_DEFAULT and type(v) is int)):
                out[k] = v
        return out
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def article_to_storage(article: Article) -> JSONDict:
    """The cache's form of an Article: the same schema without derived keys (``text``,
    ``count``) and without keys holding their default, which ``article_from_dict`` restores.

    Bodies are stored once, not three times (blocks, ``text`` key, ``text`` column): this
    keeps a cache of Chinese articles about 40% smaller.
    """
    full = article_to_dict(article)
    del full["text"]
    del full["comments"]["count"]
    data: JSONDict = _compact(full)
    return data


# --- reading -------------------------------------------------------------------------------


def _s(d: Mapping[str, Any], key: str, *, line: bool = False) -> str:
    value = d.get(key)
    if not isinstance(value, str):
        return ""
    return clean_line(value) if line else clean_text(value)


def _opt(d: Mapping[str, Any], key: str) -> str | None:
    value = d.get(key)
    return clean_line(value) if isinstance(value, str) else None


def _int(d: Mapping[str, Any], key: str, default: int | None = 0) -> int | None:
    value = d.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        return default
    return value


def _list(d: Mapping[str, Any], key: str) -> Sequence[Any]:
    value = d.get(key)
    return value if isinstance(value, list) else []


def _dicts(d: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    return [x for x in _list(d, key) if isinstance(x, Mapping)]


def span_from_dict(d: Mapping[str, Any]) -> Span:
    return Span(
        start=_int(d, "start") or 0,
        end=_int(d, "end") or 0,
        style=_s(d, "style", line=True),
        url=_opt(d, "url"),
    )


def block_from_dict(d: Mapping[str, Any]) -> Block:
    try:
        kind = BlockKind(str(d.get("kind")))
    except ValueError:
        kind = BlockKind.PARAGRAPH
    rows = tuple(
        tuple(clean_text(c) for c in row if isinstance(c, str))
        for row in _list(d, "rows")
        if isinstance(row, list)
    )
    return Block(
        kind=kind,
        text=_s(d, "text"),
        level=_int(d, "level") or 0,
        items=tuple(clean_text(i) for i in _list(d, "items") if isinstance(i, str)),
        ordered=bool(d.get("ordered", False)),
        rows=rows,
        header=bool(d.get("header", False)),
        src=_opt(d, "src"),
        alt=_s(d, "alt", line=True),
        language=_opt(d, "language"),
        spans=tuple(span_from_dict(s) for s in _dicts(d, "spans")),
    )


def link_from_dict(d: Mapping[str, Any]) -> Link:
    return Link(url=_s(d, "url", line=True), text=_s(d, "text", line=True))


def comment_from_dict(d: Mapping[str, Any]) -> Comment:
    return Comment(
        id=_s(d, "id", line=True),
        text=_s(d, "text"),
        parent=_opt(d, "parent"),
        depth=_int(d, "depth") or 0,
        author=_s(d, "author", line=True),
        published=_opt(d, "published"),
        score=_int(d, "score", None),
        blocks=tuple(block_from_dict(b) for b in _dicts(d, "blocks")),
        permalink=_opt(d, "permalink"),
        is_op=bool(d.get("is_op", False)),
    )


def comments_from_dict(d: Mapping[str, Any]) -> CommentThread:
    try:
        state = CommentState(str(d.get("state")))
    except ValueError:
        state = CommentState.UNKNOWN
    return CommentThread(
        state=state,
        declared_count=_int(d, "declared_count", None),
        items=tuple(comment_from_dict(c) for c in _dicts(d, "items")),
        system=_opt(d, "system"),
        next_page=_opt(d, "next_page"),
    )


def article_from_dict(d: Mapping[str, Any]) -> Article:
    """Rebuild an Article from ``article_to_dict`` output (``text`` is derived, so ignored)."""
    comments = d.get("comments")
    return Article(
        url=_opt(d, "url"),
        title=_s(d, "title", line=True),
        blocks=tuple(block_from_dict(b) for b in _dicts(d, "blocks")),
        summary=_s(d, "summary"),
        author=_s(d, "author", line=True),
        published=_opt(d, "published"),
        source=_s(d, "source", line=True),
        site_name=_s(d, "site_name", line=True),
        language=_s(d, "language", line=True),
        links=tuple(link_from_dict(x) for x in _dicts(d, "links")),
        related=tuple(link_from_dict(x) for x in _dicts(d, "related")),
        comments=comments_from_dict(comments) if isinstance(comments, Mapping) else CommentThread(),
        image=_opt(d, "image"),
    )


def clean_article(article: Article) -> Article:
    """The same Article with every string sanitised (a round trip through the schema)."""
    return article_from_dict(article_to_dict(article))
