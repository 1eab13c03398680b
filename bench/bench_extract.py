"""Time broadsheet.extract against a bare Lexbor parse + text dump of the same pages.

    python bench/bench_extract.py                       # the project's fixture pages
    python bench/bench_extract.py --corpus /work/shared/corpus/scrapinghub
    python bench/bench_extract.py --corpus DIR --repeat 7 --limit 50

Both sides get the raw bytes, as the network hands them over, and both decode them with
``broadsheet.encoding.decode_html``, so the ratio says how close extraction comes to the cost
of merely parsing the page and reading its text. Each page is timed ``--repeat`` times for
each side, interleaved, in one process; a page's time is the median of its repeats. Printed:
the median page time of each side, pages per second, the ratio, and the slowest pages.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from broadsheet.encoding import decode_html
from broadsheet.extract import extract

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"


def baseline(data: bytes) -> str:
    """What any reader must do at least: decode, parse, drop scripts, dump the text."""
    tree = LexborHTMLParser(decode_html(data).text)
    tree.strip_tags(["script", "style", "noscript", "template"])
    body = tree.body
    return body.text(separator="\n") if body is not None else ""


def project(data: bytes) -> str:
    return extract(data, "http://bench.example/page.html").text


def _time(func: Callable[[bytes], str], data: bytes) -> float:
    start = time.perf_counter()
    func(data)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=FIXTURES, help="folder of .html files")
    parser.add_argument("--repeat", type=int, default=5, help="timings per page and side")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=3, help="how many slowest pages to list")
    args = parser.parse_args(argv)

    files = sorted(args.corpus.rglob("*.html"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no .html files under {args.corpus}", file=sys.stderr)
        return 1
    pages = [(path, path.read_bytes()) for path in files]
    for _, data in pages[:3]:  # warm up imports, caches and the allocator
        baseline(data)
        project(data)

    base_times: list[float] = []
    extract_times: list[float] = []
    for _, data in pages:
        b_runs: list[float] = []
        e_runs: list[float] = []
        for _ in range(args.repeat):
            b_runs.append(_time(baseline, data))
            e_runs.append(_time(project, data))
        base_times.append(statistics.median(b_runs))
        extract_times.append(statistics.median(e_runs))

    size = sum(len(data) for _, data in pages)
    b_med = statistics.median(base_times)
    e_med = statistics.median(extract_times)
    print(f"pages: {len(pages)} from {args.corpus} ({size / len(pages) / 1024:.0f} KiB mean), "
          f"repeat {args.repeat}")  # fmt: skip
    print(f"{'':22}{'median ms':>10}{'pages/s':>10}")
    print(f"{'parse + text dump':22}{b_med * 1000:10.3f}{len(pages) / sum(base_times):10.1f}")
    print(f"{'broadsheet.extract':22}{e_med * 1000:10.3f}{len(pages) / sum(extract_times):10.1f}")
    print(f"ratio extract / parse: median page {e_med / b_med:.2f}, "
          f"total {sum(extract_times) / sum(base_times):.2f}")  # fmt: skip
    ranked = sorted(zip(extract_times, base_times, files, strict=True), reverse=True)
    print("slowest pages (extract ms / parse ms):")
    for e_time, b_time, path in ranked[: args.worst]:
        print(f"  {e_time * 1000:9.2f} / {b_time * 1000:7.2f}  {path.name} "
              f"({path.stat().st_size / 1024:.0f} KiB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
