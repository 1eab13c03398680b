"""Test helpers for the cache, library, export and CLI tests (area C).

Pages are written into a temporary folder and served by the project's own ``SiteServer``,
so they get real ETag / Last-Modified headers and real 304 answers, and the tests do not
depend on which fixture pages other areas add.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from broadsheet.models import (
    Article,
    Block,
    BlockKind,
    Comment,
    CommentState,
    CommentThread,
    Link,
    Span,
)

HOSTILE = "Evil [/] [@click=app.quit]x[/] \x1b[2J\x1b]52;c;aGk=\x07 \u202egnp.exe \x9b31m end"

ENGLISH_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Example Blog</title>
<meta property="og:site_name" content="Example Blog"></head>
<body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article>
<h1>{title}</h1>
<p class="byline">By Ada Writer</p>
<p>{body}</p>
<p>The second paragraph explains why local caches make reading offline possible, and it is
long enough that an extractor sees it as the body of the article rather than boilerplate.</p>
<p>A third paragraph closes the article with a <a href="/next.html">link to the next
story</a> and a few more words so that the content is clearly the main text.</p>
</article>
<footer>Copyright Example Blog</footer>
</body></html>
"""

CHINESE_PAGE = """<!doctype html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{title}_健康资讯网</title></head>
<body>
<div class="top">咨询热线：400-000-0000 健康生活从这里开始</div>
<div class="nav"><a href="/">首页</a> <a href="/news/">新闻</a></div>
<div class="article">
<h1>{title}</h1>
<div class="summary">简要：基层医疗服务能力持续提升。</div>
<div class="content">
<p>{body}</p>
<p>据介绍，各地将继续加强基层医疗卫生服务体系建设，推动优质医疗资源下沉，让群众在家门口就能看得上病、看得好病。</p>
</div>
<div class="source">来源：经济日报</div>
</div>
<div class="footer">京ICP备00000000号</div>
</body></html>
"""


def english_page(title: str, body: str) -> bytes:
    return ENGLISH_PAGE.format(title=title, body=body).encode("utf-8")


def chinese_page(title: str, body: str) -> bytes:
    return CHINESE_PAGE.format(title=title, body=body).encode("gbk")


def write_site(root: Path) -> None:
    """The pages the area C tests fetch."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "a.html").write_bytes(
        english_page("Reading the Web Offline", "Broadsheet keeps every article it fetches.")
    )
    (root / "b.html").write_bytes(
        english_page("A Second Article", "This one exists so that lists have two rows.")
    )
    (root / "zh.gbk.html").write_bytes(
        chinese_page("社区医院服务能力提升", "记者从国家卫生健康委获悉，社区医院建设取得明显成效。")
    )
    (root / "hostile.html").write_bytes(
        english_page(
            HOSTILE + " &#27;]52;c;Zm9v&#7; &#x202E;rev",
            "Hostile text must never reach a terminal \x1b[31m in red.",
        )
    )


def run_cli(
    home: Path, *args: str, timeout: float = 60, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m broadsheet ARGS`` as a real process with its own data folder."""
    env = dict(os.environ)
    env["BROADSHEET_HOME"] = str(home)
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra_env or {})
    return run_module(args, env, timeout=timeout)


def run_module(
    args: Sequence[str], env: dict[str, str], *, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """``python -m broadsheet ARGS`` in ``env``, its output captured as UTF-8 text."""
    return subprocess.run(
        [sys.executable, "-m", "broadsheet", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )


def full_article(url: str = "https://example.org/a") -> Article:
    """An Article using every field and every block kind, for round trips."""
    return Article(
        url=url,
        title="全部字段 All Fields",
        summary="简要：一篇测试文章。",
        author="Ada Writer",
        published="2026-01-02T03:04:05+00:00",
        source="经济日报",
        site_name="Example 健康网",
        language="zh",
        image="https://example.org/lead.png",
        blocks=(
            Block(BlockKind.HEADING, "小标题 Heading", level=2),
            Block(
                BlockKind.PARAGRAPH,
                "A paragraph with a link here.",
                spans=(Span(2, 11, "strong"), Span(19, 28, "link", "https://example.org/l")),
            ),
            Block(BlockKind.LIST, "one\ntwo", items=("one", "two"), ordered=True),
            Block(BlockKind.QUOTE, "引用的话。", level=1),
            Block(BlockKind.CODE, "print('hi')\n\tindented", language="python"),
            Block(
                BlockKind.TABLE,
                "名称\t数量\n苹果\t3",
                rows=(("名称", "数量"), ("苹果", "3")),
                header=True,
            ),
            Block(BlockKind.IMAGE, "A caption", src="https://example.org/i.png", alt="alt text"),
        ),
        links=(Link("https://example.org/l", "link here"),),
        related=(
            Link("https://example.org/r1", "相关文章一"),
            Link("https://example.org/r2", "Two"),
        ),
        comments=CommentThread(
            state=CommentState.PRESENT,
            declared_count=3,
            system="generic",
            next_page="https://example.org/a?page=2",
            items=(
                Comment("c1", "First comment 第一条", author="Bo", published="2026-01-03", score=5),
                Comment("c2", "A reply", parent="c1", depth=1, author="Cy", is_op=True),
                Comment(
                    "c3",
                    "Deeper reply",
                    parent="c2",
                    depth=2,
                    permalink="https://example.org/a#c3",
                    blocks=(Block(BlockKind.PARAGRAPH, "Deeper reply"),),
                ),
            ),
        ),
    )
