"""An in-memory stand-in for ``broadsheet.library.Library`` with fixed articles.

Used only where the app itself is under test and the data must not change between runs
(snapshot tests: no fetch times, no extraction changes). End-to-end tests use the real Library.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path

from broadsheet.errors import ExportError, NetworkError, NotFoundError
from broadsheet.models import (
    Article,
    ArticleSummary,
    Block,
    BlockKind,
    Comment,
    CommentState,
    CommentThread,
    Link,
    SearchHit,
    Source,
    Span,
    StoredArticle,
)
from broadsheet.sources import RefreshEvent, RefreshReport, SourceResult
from broadsheet.store import ReadingPosition

FETCHED = "2026-01-01T08:00:00+00:00"

PORTAL = Article(
    url="http://news.example/yiyao/2026/0101/123.html",
    title="国家卫健委：基层医疗卫生服务能力持续提升",
    summary="简要：今年以来，各地加快推进县域医共体建设，基层诊疗量占比稳步提高。",
    source="经济日报",
    site_name="健康医药网",
    language="zh-CN",
    published="2026-01-01T09:30:00+08:00",
    blocks=(
        Block(
            BlockKind.PARAGRAPH,
            "记者从国家卫生健康委了解到，今年以来，各地持续加强基层医疗卫生机构建设，"
            "县域医共体覆盖范围不断扩大，越来越多的常见病、多发病在基层得到诊治。",
        ),
        Block(
            BlockKind.PARAGRAPH,
            "据介绍，截至目前，全国已有超过九成的县建成了紧密型县域医共体，"
            "乡镇卫生院和社区卫生服务中心的服务能力明显增强，群众看病就医更加便捷。",
        ),
        Block(BlockKind.HEADING, "下一步工作", level=2),
        Block(
            BlockKind.LIST,
            "推进远程医疗\n加强人才培养",
            items=("推进远程医疗，让优质资源下沉", "加强基层人才培养和培训"),
        ),
    ),
    related=(
        Link("http://news.example/yiyao/2026/0101/124.html", "多地推出便民就医新举措"),
        Link("http://news.example/yiyao/2026/0101/125.html", "医保报销范围进一步扩大"),
    ),
    comments=CommentThread(state=CommentState.NONE, declared_count=0, system="generic"),
)

BLOG = Article(
    url="http://blog.example/posts/slow-reading",
    title="In praise of slow reading",
    author="Ada Lane",
    site_name="The Quiet Blog",
    language="en",
    published="2026-01-01",
    blocks=(
        Block(
            BlockKind.PARAGRAPH,
            "Reading in a terminal strips a page down to what matters: the words.",
            spans=(Span(44, 56, "strong"),),
        ),
        Block(BlockKind.QUOTE, "A page is a promise that the reader will be left alone."),
        Block(BlockKind.CODE, "broadsheet demo", language="sh"),
        Block(
            BlockKind.TABLE,
            "Tool\tKeys\nBroadsheet\tj/k",
            rows=(("Tool", "Keys"), ("Broadsheet", "j/k")),
            header=True,
        ),
        Block(BlockKind.IMAGE, "A reading lamp", src="http://blog.example/lamp.png", alt="lamp"),
    ),
    links=(Link("http://blog.example/posts/fast-reading", "fast reading"),),
    comments=CommentThread(
        state=CommentState.PRESENT,
        declared_count=4,
        system="wordpress",
        items=(
            Comment(
                "c1",
                "Lovely piece. I read it twice.",
                author="Ben",
                published="2026-01-01T10:00:00",
            ),
            Comment(
                "c2",
                "Thank you, Ben!",
                parent="c1",
                depth=1,
                author="Ada Lane",
                published="2026-01-01T10:05:00",
                is_op=True,
            ),
            Comment("c3", "Twice is the minimum.", parent="c2", depth=2, author="Cleo", score=3),
            Comment(
                "c4", "中文评论也能正确换行显示，不会被截断或者溢出到屏幕外面。", author="王小明"
            ),
        ),
    ),
)


class FakeLibrary:
    """Implements ``broadsheet.ui.service.LibraryService`` over a dict; ``fail`` URLs raise."""

    def __init__(
        self, articles: list[Article] | None = None, export_dir: Path | None = None
    ) -> None:
        self.rows: dict[int, StoredArticle] = {}
        self.fail: set[str] = set()
        self.export_dir = export_dir
        self.fetched: list[str] = []
        self.source_rows: dict[int, Source] = {}
        self.source_of: dict[int, int] = {}  # article id -> source id
        self.refreshed: list[int | None] = []
        self.offline = False
        self.searches: list[str] = []
        self.positions: dict[int, ReadingPosition] = {}
        for article in articles or []:
            self._add(article)

    def add_source_with(self, title: str, article_ids: list[int]) -> Source:
        """Follow a made-up source listing the given articles."""
        source = Source(len(self.source_rows) + 1, f"http://src.example/{title}", title, "feed")
        self.source_rows[source.id] = source
        for article_id in article_ids:
            self.source_of[article_id] = source.id
        return source

    def sources(self) -> list[Source]:
        found = []
        for source in sorted(self.source_rows.values(), key=lambda s: s.title.lower()):
            ids = [a for a, s in self.source_of.items() if s == source.id]
            unread = sum(1 for a in ids if not self.rows[a].read)
            found.append(dataclasses.replace(source, unread=unread, total=len(ids)))
        return found

    async def refresh(
        self,
        source: int | str | Source | None = None,
        *,
        progress: Callable[[RefreshEvent], None] | None = None,
    ) -> RefreshReport:
        targets = (
            list(self.source_rows.values())
            if source is None
            else [self.source_rows[source.id if isinstance(source, Source) else int(source)]]
        )
        self.refreshed.append(None if source is None else targets[0].id)
        results = []
        for done, target in enumerate(targets):
            if progress is not None:
                progress(RefreshEvent(target, done, len(targets), "start"))
            await asyncio.sleep(0)
            error = "HTTP 500" if target.url in self.fail else None
            self.source_rows[target.id] = dataclasses.replace(target, error=error)
            result = SourceResult(target, error=error)
            results.append(result)
            if progress is not None:
                progress(RefreshEvent(target, done + 1, len(targets), "done", result))
        return RefreshReport(tuple(results))

    def _add(self, article: Article) -> StoredArticle:
        article_id = len(self.rows) + 1
        stored = StoredArticle(article_id, article, FETCHED, article.url or "")
        self.rows[article_id] = stored
        return stored

    def list_articles(
        self,
        *,
        limit: int = 500,
        offset: int = 0,
        source_id: int | None = None,
        unread: bool = False,
        favourites: bool = False,
    ) -> list[ArticleSummary]:
        rows = [
            s
            for s in sorted(self.rows.values(), key=lambda s: s.id, reverse=True)
            if (source_id is None or self.source_of.get(s.id) == source_id)
            and not (unread and s.read)
            and (s.favourite or not favourites)
        ][offset : offset + limit]
        return [
            ArticleSummary(
                s.id,
                s.final_url,
                s.article.title,
                s.article.site_name,
                s.article.published,
                s.fetched_at,
                s.read,
                s.favourite,
                len(s.article.comments.items) or None,
            )
            for s in rows
        ]

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """Articles whose title or text holds every word of ``query`` (a plain substring
        scan: enough for screens, which only show what the real search returns)."""
        self.searches.append(query)
        words = [w.casefold() for w in query.split() if ":" not in w and not w.startswith("-")]
        hits = []
        for summary in self.list_articles():
            article = self.rows[summary.id].article
            text = f"{article.title}\n{article.text}"
            if not words or not all(w in text.casefold() for w in words):
                continue
            at = text.casefold().find(words[0])
            begin = max(0, at - 12)
            snippet = text[begin : at + len(words[0]) + 24].replace("\n", " ")
            start = at - begin
            hits.append(SearchHit(summary, snippet, ((start, start + len(words[0])),), 1.0, "body"))
        return hits[offset : offset + limit]

    def get(self, ref: int | str) -> StoredArticle:
        for stored in self.rows.values():
            if ref in (stored.id, stored.final_url):
                return stored
        raise NotFoundError(f"no cached article {ref}")

    def find(self, url: str) -> StoredArticle | None:
        try:
            return self.get(url)
        except NotFoundError:
            return None

    def set_read(self, article_id: int, read: bool = True) -> None:
        self.rows[article_id] = dataclasses.replace(self.rows[article_id], read=read)

    def set_favourite(self, article_id: int, favourite: bool = True) -> None:
        self.rows[article_id] = dataclasses.replace(self.rows[article_id], favourite=favourite)

    def reading_position(self, article_id: int) -> ReadingPosition | None:
        return self.positions.get(article_id)

    def save_reading_position(self, article_id: int, position: ReadingPosition) -> None:
        self.positions[article_id] = position

    def export(
        self,
        ref: int | str,
        target: Path | None = None,
        *,
        fmt: str = "txt",
        include_comments: bool = True,
        force: bool = False,
    ) -> Path:
        stored = self.get(ref)
        assert self.export_dir is not None
        path = target or self.export_dir / f"article-{stored.id}.{fmt}"
        if path.exists() and not force:
            raise ExportError(f"{path} already exists; use --force to overwrite it")
        path.write_text(stored.article.title + "\n\n" + stored.article.text, encoding="utf-8")
        return path

    async def open_url(self, url: str, *, refresh: bool = False) -> StoredArticle:
        await asyncio.sleep(0)
        self.fetched.append(url)
        if url in self.fail:
            raise NetworkError(url, "connection refused")
        if (found := self.find(url)) is not None:
            return found
        return self._add(Article(url=url, title=f"Fetched {url}"))

    async def aclose(self) -> None:
        self.closed = True
