"""Time a full refresh of many feeds against a bare httpx client fetching the same URLs.

    python bench/bench_refresh.py                        # 200 feeds x 50 entries, 3 runs
    python bench/bench_refresh.py --sources 50 --entries 20 --runs 5 --concurrency 4

The feeds are generated in memory (RSS 2.0, each entry with a full article of about 1 KB in
``content:encoded``, so no page is fetched: the refresh keeps feed content) and served by the
project's ``SiteServer`` on 127.0.0.1. Both sides fetch the same URLs with the same number
of requests in flight. Everything is on one host here, so the refresh's per-host limit is
raised to the same number (by default it would allow only 2 requests to one host).

- **refresh**: a fresh ``Library`` (new cache file) and ``Library.refresh()``: fetch, feed
  parsing, the stub test, extraction of each entry's content into blocks, and the SQLite
  writes of every new article and entry.
- **bare**: ``httpx.AsyncClient`` and a semaphore, reading every body and doing nothing with
  it: the floor set by the server and the network stack.

Printed: the median of each over ``--runs``, the ratio, and the per-entry cost of the refresh;
to show where the time goes, the median time ``feeds.parse_feed`` alone takes over the same
bodies (feedparser, in this process, one after another); and the time of a second refresh
when nothing changed (the server sends the same bytes and no validators).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx

from broadsheet.demo.server import SiteServer, send
from broadsheet.feeds import parse_feed
from broadsheet.fetch import FetchOptions
from broadsheet.library import Library
from broadsheet.sources import RefreshSettings

PARAGRAPH = (
    "The harbour office published new tide tables after the spring survey found the sandbar "
    "had moved, and skippers are asked to replace the old booklets before February. "
)


def feed(number: int, entries: int) -> bytes:
    items = []
    for j in range(entries):
        body = "".join(
            f"<p>{PARAGRAPH} Entry {j} of feed {number}, part {k}.</p>" for k in range(5)
        )
        items.append(
            f"<item><title>Feed {number} entry {j}: a headline of ordinary length</title>"
            f"<link>/p/{number}/{j}.html</link><guid isPermaLink='false'>f{number}-e{j}</guid>"
            f"<pubDate>Mon, 05 Jan 2026 09:{j % 60:02d}:00 +0000</pubDate>"
            f"<description>Entry {j} of feed {number}.</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Bench feed {number}</title><link>/</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def route(body: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
    return lambda req: send(req, 200, body, "application/rss+xml; charset=utf-8")


async def bare(urls: list[str], concurrency: int) -> float:
    gate = asyncio.Semaphore(concurrency)
    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=30) as client:

        async def one(url: str) -> int:
            async with gate:
                response = await client.get(url)
                response.raise_for_status()
                return len(response.content)

        await asyncio.gather(*(one(u) for u in urls))
    return time.perf_counter() - started


async def refresh(urls: list[str], concurrency: int, entries: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        library = Library(
            Path(folder),
            fetch_options=FetchOptions(deadline=120, read_timeout=60),
            refresh_settings=RefreshSettings(concurrency=concurrency, per_host=concurrency),
        )
        try:
            for url in urls:  # registered without fetching, as an OPML import does
                library.store.add_source(url, title=url, kind="feed", feed_url=url)
            started = time.perf_counter()
            report = await library.refresh()
            elapsed = time.perf_counter() - started
            if report.failed or report.new != len(urls) * entries:
                raise SystemExit(f"refresh went wrong: {report.failed[:1]}, {report.new} new")
            started = time.perf_counter()
            again = await library.refresh()  # nothing changed: the same bytes come back
            unchanged = time.perf_counter() - started
            if again.new or not all(r.not_modified for r in again.results):
                raise SystemExit("the second refresh read unchanged feeds again")
            return elapsed, unchanged
        finally:
            await library.aclose()
            library.close()


def parse_only(bodies: list[bytes]) -> float:
    started = time.perf_counter()
    for number, body in enumerate(bodies):
        parse_feed(body, f"http://127.0.0.1/feeds/{number}.xml")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with SiteServer() as server:
        urls = []
        bodies = [feed(number, args.entries) for number in range(args.sources)]
        for number, body in enumerate(bodies):
            path = f"/feeds/{number}.xml"
            server.routes[path] = route(body)
            urls.append(server.url(path))
        size = statistics.mean(len(body) for body in bodies)
        print(
            f"{args.sources} feeds x {args.entries} entries (~{size / 1024:.0f} KiB each), "
            f"{args.concurrency} requests in flight, {args.runs} runs"
        )
        bare_times: list[float] = []
        refresh_times: list[float] = []
        parse_times: list[float] = []
        again_times: list[float] = []
        for run in range(args.runs):  # interleaved, so drift hits both sides alike
            bare_times.append(asyncio.run(bare(urls, args.concurrency)))
            first, again = asyncio.run(refresh(urls, args.concurrency, args.entries))
            refresh_times.append(first)
            again_times.append(again)
            parse_times.append(parse_only(bodies))
            print(
                f"  run {run + 1}: bare {bare_times[-1]:.3f} s, refresh {refresh_times[-1]:.3f} s"
            )
    b, r = statistics.median(bare_times), statistics.median(refresh_times)
    entries = args.sources * args.entries
    print(f"bare httpx fetch : median {b:.3f} s")
    print(f"full refresh     : median {r:.3f} s  ({r / entries * 1000:.2f} ms per entry)")
    print(f"ratio refresh/bare: {r / b:.1f}x")
    print(f"of which parse_feed alone: median {statistics.median(parse_times):.3f} s")
    again = statistics.median(again_times)
    print(f"second refresh, nothing changed: median {again:.3f} s ({again / b:.1f}x bare)")


if __name__ == "__main__":
    main()
