"""Benchmark the app's first screen on a large cache (issue 6, item 4).

Issue 6 asks that the app show its first screen within 1 s on a 100,000-article cache: the
list loads lazily (one page of rows), bodies on demand. This measures exactly that, beside a
baseline in the same process so the ratio, not the machine, is the figure that matters:

- **startup**: from constructing ``BroadsheetApp(library)`` inside ``app.run_test(size=(160,
  48))`` until the article list shows its first rows (``ArticleList.option_count > 0``; on an
  empty cache, until the list's worker has finished and the list is applied). Median over
  ``--runs`` runs of each cache, runs interleaved so drift hits every cache alike, with the
  time until ``run_test`` hands over the pilot ("app ready": the main screen composed and
  mounted) beside it. Opening the ``Library`` (the SQLite file) is timed separately, since the
  app is handed an open library. The first startup in the process (lazy imports, CSS parsing:
  what a user's launch pays on top, besides starting Python) is printed apart.
- **library calls**: ``Library.list_articles(limit=500)`` (what the list worker calls) and
  ``Library.get(id)`` (opening one article's body), median over ``--reps`` calls, warm cache.

The large cache is built through the real write path, ``Store.save_fetch``, by
``bench_search.build_store`` (its generator, imported, not copied), or reused with ``--db``.
Each cache is opened through ``broadsheet.library.Library(home)``: the file is hard-linked
(copied when a link is impossible) into a temporary home folder under the name
``paths.database_path(home)``, so the run never needs ``BROADSHEET_HOME``. A hard link shares
the file: do not run anything else on a ``--db`` file while this runs.

    .venv/bin/python bench/bench_startup.py --db /tmp/s.db          # build 100,000 once, keep it
    .venv/bin/python bench/bench_startup.py --db /tmp/s.db --runs 7 # reuse it
    .venv/bin/python bench/bench_startup.py --n 10000               # quicker, throwaway cache
    .venv/bin/python bench/bench_startup.py --db /tmp/s.db --baseline-n 500  # same rows shown
    .venv/bin/python bench/bench_startup.py --db /tmp/s.db --profile  # where the time goes

Nothing here asserts a time: it prints figures (speed is never a test's pass condition).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import build_store  # the shared generator (bench/ is no package)

from broadsheet import paths
from broadsheet.library import Library
from broadsheet.ui.app import BroadsheetApp
from broadsheet.ui.widgets.article_list import ArticleList

SIZE = (160, 48)
SEED = 20261129
#: The poll step. ``pilot.pause()`` without a delay waits until the process's CPU is idle
#: (Textual's ``wait_for_idle``, up to 1 s a call), which blurs a sub-second figure by a
#: whole idle wait; ``pilot.pause(POLL)`` lets the screen process its messages, then sleeps
#: this long, so the figure is exact to about this step.
POLL = 0.005
#: How many polls to wait for the first rows before giving up on a run (a bound, so a broken
#: app ends the benchmark instead of hanging it; it is not a time limit on the app).
MAX_PAUSES = 4000


@dataclass
class Cache:
    """One cache under test: its label, its home folder and how many articles it holds."""

    label: str
    home: Path
    articles: int


def place(db: Path | None, home: Path) -> Path:
    """Put ``db`` (if any) into ``home`` under the name the Library opens; a hard link when
    the file system allows one (no copy of a large file), else a copy."""
    home.mkdir(parents=True, exist_ok=True)
    target = paths.database_path(home)
    if db is not None:
        try:
            os.link(db, target)
        except OSError:
            shutil.copy2(db, target)
    return target


@dataclass
class Run:
    """One startup, in seconds: opening the Library, the app ready (``run_test`` hands over
    the pilot: the main screen composed and mounted), the list's first rows shown."""

    opened: float
    ready: float
    shown: float
    rows: int


async def first_screen(library: Library, expected: int) -> tuple[float, float, int]:
    """Seconds from constructing the app to its being ready and to the list showing its first
    rows, and the row count then. ``expected`` 0 (an empty cache) waits for the list worker to
    finish instead."""
    t0 = time.perf_counter()
    app = BroadsheetApp(library)
    async with app.run_test(size=SIZE) as pilot:
        ready = time.perf_counter() - t0
        article_list = app.query_one(ArticleList)
        for _ in range(MAX_PAUSES):
            if expected and article_list.option_count > 0:
                break
            if not expected and not any(w.group == "list" for w in app.workers):
                await pilot.pause(POLL)  # let the finished worker's result be applied
                break
            await pilot.pause(POLL)
        else:
            raise RuntimeError(f"no rows after {MAX_PAUSES} pauses")
        elapsed = time.perf_counter() - t0
        rows = article_list.option_count
    return ready, elapsed, rows


def open_library(home: Path) -> tuple[Library, float]:
    t0 = time.perf_counter()
    library = Library(home)
    return library, time.perf_counter() - t0


def run_startup(cache: Cache) -> Run:
    """Open the cache's Library and start the app on it once."""
    library, opened = open_library(cache.home)
    try:
        ready, shown, rows = asyncio.run(first_screen(library, min(cache.articles, 1)))
    finally:
        library.close()
    return Run(opened, ready, shown, rows)


def median_ms(fn: Callable[[], object], reps: int) -> float:
    fn()  # warm-up: the first call reads the pages into SQLite's cache
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def library_calls(cache: Cache, reps: int) -> None:
    """Time the list page and opening bodies (newest, middle and oldest article)."""
    library, _ = open_library(cache.home)
    try:
        listed = median_ms(lambda: library.list_articles(limit=500), reps)
        count = len(library.list_articles(limit=500))
        span = library.store.db.connection().execute("SELECT max(id), min(id) FROM articles")
        newest, oldest = span.fetchone()
        print(
            f"  {cache.label:<22} list_articles(limit=500) {listed:8.2f} ms ({count} rows)",
            end="",
        )
        if newest is None:
            print()
            return
        middle = (newest + oldest) // 2
        gets = [median_ms(partial(library.get, i), reps) for i in (newest, middle, oldest)]
        print(
            f"; get(id) newest {gets[0]:.2f} ms, middle {gets[1]:.2f} ms, oldest {gets[2]:.2f} ms"
        )
    finally:
        library.close()


def profile_startup(cache: Cache, top: int) -> None:
    """cProfile one startup run (main thread only: the list worker's SQLite call runs in a
    thread and is timed apart above) and print the costliest functions."""
    library, _ = open_library(cache.home)
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        asyncio.run(first_screen(library, min(cache.articles, 1)))
        profiler.disable()
    finally:
        library.close()
    for title, order, restriction in (
        ("own time, all code", "tottime", ()),
        ("cumulative, broadsheet's code", "cumulative", ("broadsheet",)),
    ):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(order).print_stats(*restriction, top)
        print(f"\nprofile of one startup on {cache.label} (main thread; {title}):")
        print(out.getvalue().split("\n\n", 1)[-1].strip())


def count_articles(home: Path) -> int:
    library = Library(home)
    try:
        return library.store.count_articles()
    finally:
        library.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles (default 100000)")
    parser.add_argument("--baseline-n", type=int, default=100, help="small cache (default 100)")
    parser.add_argument("--db", type=Path, help="build the large cache here and keep it; reuse it")
    parser.add_argument("--runs", type=int, default=5, help="startups per cache (default 5)")
    parser.add_argument("--reps", type=int, default=20, help="timed library calls (default 20)")
    parser.add_argument("--profile", action="store_true", help="cProfile one large startup")
    parser.add_argument("--top", type=int, default=25, help="profile lines to print")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        big_db = args.db or root / "big.sqlite3"
        if big_db.exists():
            print(f"reusing {big_db} (build figures are from the run that made it)")
        else:
            build_store(big_db, args.n, SEED)
        small_db = root / "small.sqlite3"
        build_store(small_db, args.baseline_n, SEED)

        caches = []
        for label, db in (("empty", None), ("small", small_db), ("large", big_db)):
            home = root / f"home-{label}"
            place(db, home)
            n = count_articles(home)
            caches.append(Cache(f"{label} ({n:,})", home, n))
        big_mb = paths.database_path(caches[2].home).stat().st_size / 1e6
        print(f"large cache file {big_mb:,.0f} MB; terminal {SIZE[0]}x{SIZE[1]}")

        # Warm-up: the first startup in a process pays for lazy imports and CSS parsing, as a
        # user's launch does. It is run on the large cache and printed apart from the medians.
        first = run_startup(caches[2]).shown * 1000
        print(f"first startup in this process ({caches[2].label}): {first:.0f} ms")
        for cache in caches[:2]:
            run_startup(cache)
        results: dict[str, list[Run]] = {c.label: [] for c in caches}
        for _ in range(args.runs):
            for cache in caches:
                results[cache.label].append(run_startup(cache))

        print(f"\nfirst screen, median of {args.runs} runs (warm file cache):")
        print(
            f"  {'cache':<20}{'open Library':>13}{'app ready':>11}{'first rows':>12}"
            f"{'min':>8}{'max':>8}  rows"
        )
        medians = {}
        for cache in caches:
            runs = results[cache.label]
            opened = statistics.median(r.opened for r in runs) * 1000
            ready = statistics.median(r.ready for r in runs) * 1000
            shown = [r.shown * 1000 for r in runs]
            medians[cache.label] = statistics.median(shown)
            print(
                f"  {cache.label:<20}{opened:>10.1f} ms{ready:>8.0f} ms"
                f"{medians[cache.label]:>9.0f} ms{min(shown):>5.0f} ms{max(shown):>5.0f} ms"
                f"  {runs[-1].rows}"
            )
        large, small, empty = (medians[c.label] for c in (caches[2], caches[1], caches[0]))
        print(f"  ratio large / small {large / small:.2f}x; large / empty {large / empty:.2f}x")

        print(f"\nlibrary calls, median of {args.reps} (warm):")
        for cache in caches:
            library_calls(cache, args.reps)

        if args.profile:
            profile_startup(caches[2], args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
