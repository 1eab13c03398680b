"""Big comment threads built from the fixtures' own markup, and a timing run over them.

``python -m tests.support.comments_k`` prints the median time of ``find_comments`` and of
the whole ``extract`` for threads of 300 and 3,000 comments per system (a measurement, not
a test: timings depend on the machine). The builders are usable by other benchmarks that
need a real 3,000-comment page.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from broadsheet.extract import extract
from broadsheet.extract.comments import find_comments
from broadsheet.extract.dom import JUNK_TAGS

COMMENTS = Path(__file__).resolve().parent.parent / "fixtures" / "comments"


def _repeat(name: str, start: str, end: str, copies: int, rename: Callable[[str, int], str]) -> str:
    src = (COMMENTS / name).read_text(encoding="utf-8")
    i, j = src.index(start), src.index(end)
    return src[:i] + "".join(rename(src[i:j], k) for k in range(copies)) + src[j:]


def hackernews(n: int) -> str:
    """An HN item page with ``n`` comments in chains of three."""
    return _repeat(
        "hackernews.html", '<tr class="athing comtr" id="42000201">',
        '<tr class="athing comtr" id="42000204">', n // 3,
        lambda s, k: re.sub(r"4200020(\d)", lambda m: f"9{k:06d}{m.group(1)}", s),
    )  # fmt: skip


def reddit(n: int) -> str:
    """An old Reddit page with ``n`` comments in chains of three (the extractor's 4M
    character cap cuts it near 2,000)."""
    return _repeat(
        "reddit.html", '<div class=" thing id-t1_lw1aa01', '<div class=" thing id-t1_lw1dd04',
        n // 3, lambda s, k: s.replace("lw1", f"x{k}_"),
    )  # fmt: skip


def lobsters(n: int) -> str:
    """A Lobsters story with ``n`` comments in chains of three."""
    return _repeat(
        "lobsters.html", '<li class="comments_subtree">',
        '<li class="comments_subtree">\n<input id="comment_folder_abc444"', n // 3,
        lambda s, k: s.replace("abc", f"z{k}_"),
    )  # fmt: skip


def wordpress(n: int) -> str:
    """A classic WordPress page with ``n`` comments in pairs (a comment and a reply)."""
    return _repeat(
        "wordpress-classic.html", 'depth-1" id="li-comment-412">', 'depth-1" id="li-comment-415">',
        n // 2, lambda s, k: s.replace("-41", f"-{k}x41"),
    )  # fmt: skip


def _median_ms(run: Callable[[], object], rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    builders = (("hackernews", hackernews), ("reddit", reddit), ("lobsters", lobsters),
                ("wordpress", wordpress))  # fmt: skip
    for name, build in builders:
        for n in (300, 3000):
            html = build(n)

            def find(html: str = html) -> int:
                tree = LexborHTMLParser(html)
                tree.strip_tags(list(JUNK_TAGS))
                assert tree.body is not None
                thread, _, _ = find_comments(tree.body, "", "https://example.org/x", "")
                return len(thread.items)

            found = find()
            parse_only = _median_ms(lambda html=html: LexborHTMLParser(html).strip_tags(["script"]))
            comments = _median_ms(find) - parse_only
            whole = _median_ms(lambda html=html: extract(html, "https://example.org/x"))
            print(f"{name:10s} n={n:5d} found={found:5d} {len(html) // 1024:5d} KiB  "
                  f"find_comments {comments:7.1f} ms  extract {whole:7.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
