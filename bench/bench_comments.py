"""Benchmark the comment view on a 3,000-comment thread (issue 4, item 3: "smooth").

Builds a thread of N comments (default 3,000) from a fixed random seed, deep and wide, with
mixed Chinese and English bodies of one to several lines, then drives ``CommentView`` in
``App.run_test(size=(160, 48))`` and times, each from the key press until the screen has been
redrawn (``pilot.pause()`` waits for the refresh):

- open: ``show_thread`` plus the first paint;
- G: jump to the last comment;
- 50 j: fifty presses of ``j`` from the top (one timing for all fifty);
- collapse: ``h`` on the top-level comment with the biggest subtree, then ``l`` to expand it.

The same steps run on a baseline thread of 100 comments in the same process, interleaved, and
the medians are printed side by side with the ratio. A view that draws only the visible lines
should keep every ratio close to 1 except ``open``, which has to lay out the thread once.

    .venv/bin/python bench/bench_comments.py              # 3,000 vs 100 comments, 5 runs
    .venv/bin/python bench/bench_comments.py --n 10000 --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections.abc import Awaitable, Callable

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from broadsheet.models import Comment, CommentState, CommentThread
from broadsheet.ui.widgets.comments import CommentList, CommentView

CHINESE = (
    "这篇文章说得很有道理，基层医疗卫生服务能力确实在提升。",
    "我们县的医共体建设去年就开始了，看病比以前方便多了，但是专家号还是很难挂。",
    "同意楼上的看法。",
    "希望能够加强人才培养，乡镇卫生院的医生太少了，很多人还是要跑到城里去。",
)
ENGLISH = (
    "Interesting piece, thanks for writing it up.",
    "I disagree with the second half: the numbers in the table do not add up once you count "
    "the people who moved between counties during the year, which the survey ignores.",
    "Source? [citation needed] [/] [@click=app.quit]not a link[/]",
    "Same here.",
)


def build_thread(n: int, seed: int = 7) -> CommentThread:
    """``n`` comments in tree order: each new one replies to a random recent one, or is a root.

    Replies favour the most recent comments, which gives long chains (depth up to ~40) as well
    as wide top-level threads, like a busy discussion.
    """
    rng = random.Random(seed)
    items: list[Comment] = []
    # Build a tree, then flatten it in pre-order so that ``items`` is in display order.
    children: dict[int, list[int]] = {-1: []}
    depth: dict[int, int] = {}
    for i in range(n):
        if i == 0 or rng.random() < 0.08:
            parent = -1
        else:
            parent = max(0, i - 1 - int(rng.expovariate(0.3)))
            if depth[parent] >= 40:
                parent = -1
        children.setdefault(parent, []).append(i)
        children[i] = []
        depth[i] = 0 if parent == -1 else depth[parent] + 1
    parents = {child: p for p, kids in children.items() for child in kids}
    order: list[int] = []
    stack = list(reversed(children[-1]))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(children[node]))
    for i in order:
        pool = CHINESE if rng.random() < 0.5 else ENGLISH
        text = "\n\n".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
        parent_id = parents[i]
        items.append(
            Comment(
                id=f"c{i}",
                text=text,
                parent=None if parent_id == -1 else f"c{parent_id}",
                depth=depth[i],
                author=f"user{rng.randint(1, 400)}",
                published=f"2026-01-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00",
                score=rng.randint(-5, 300) if rng.random() < 0.5 else None,
                is_op=rng.random() < 0.02,
            )
        )
    return CommentThread(state=CommentState.PRESENT, declared_count=n + 250, items=tuple(items))


class ViewApp(App[None]):
    """Just the comment view, full screen: what is measured is the widget, not the app."""

    def compose(self) -> ComposeResult:
        yield CommentView(id="comments")


async def _timed(pilot: Pilot[None], step: Callable[[], Awaitable[object]]) -> float:
    start = time.perf_counter()
    await step()
    await pilot.pause()
    return time.perf_counter() - start


async def run_once(thread: CommentThread) -> dict[str, float]:
    """Time each step once on ``thread``."""
    times: dict[str, float] = {}
    app = ViewApp()
    async with app.run_test(size=(160, 48)) as pilot:
        view = app.query_one(CommentView)
        comment_list = app.query_one(CommentList)

        async def open_view() -> None:
            view.show_thread(thread)
            comment_list.focus()

        times["open"] = await _timed(pilot, open_view)
        times["G"] = await _timed(pilot, lambda: pilot.press("G"))
        await pilot.press("g")
        await pilot.pause()
        times["50 j"] = await _timed(pilot, lambda: pilot.press(*["j"] * 50))
        # The top-level comment with the most replies.
        roots = [i for i, c in enumerate(thread.items) if c.depth == 0]
        sizes = [(b - a, a) for a, b in zip(roots, [*roots[1:], len(thread.items)], strict=True)]
        _, biggest = max(sizes)
        comment_list.select_comment(biggest)
        await pilot.pause()
        times["collapse"] = await _timed(pilot, lambda: pilot.press("h"))
        times["expand"] = await _timed(pilot, lambda: pilot.press("l"))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=3000, help="comments in the big thread")
    parser.add_argument("--baseline", type=int, default=100, help="comments in the baseline")
    parser.add_argument("--runs", type=int, default=5, help="runs of each (median printed)")
    args = parser.parse_args()
    big, small = build_thread(args.n), build_thread(args.baseline)
    deepest = max(c.depth for c in big.items)
    print(f"thread: {len(big.items)} comments, deepest {deepest}; baseline {len(small.items)}")
    results: dict[str, dict[str, list[float]]] = {"big": {}, "small": {}}
    for _ in range(args.runs):
        for name, thread in (("small", small), ("big", big)):  # interleaved
            for step, seconds in asyncio.run(run_once(thread)).items():
                results[name].setdefault(step, []).append(seconds)
    print(f"{'step':<10}{'baseline ms':>14}{'big ms':>12}{'ratio':>9}   (median of {args.runs})")
    for step in results["big"]:
        base = statistics.median(results["small"][step]) * 1000
        big_ms = statistics.median(results["big"][step]) * 1000
        print(f"{step:<10}{base:>14.1f}{big_ms:>12.1f}{big_ms / base:>9.2f}")


if __name__ == "__main__":
    main()
