"""Benchmark full-text search on a large generated cache (issue 6, item 4).

Builds N articles (default 100,000) of mixed Chinese and English text, 2-5 KB each, from a
fixed random seed, in a temporary SQLite file with an ``articles`` table like the store's;
indexes them with ``broadsheet.store.search``; then prints the index build time, the file
size, and the latency of ``search()`` (p50 / p95 over repeated runs, warm cache, 50 results
with snippets) for a two-character Chinese word, a four-character phrase, an English word, a
mixed query and a few more, beside a LIKE scan of the same columns in the same run, with the
ratio. "exact" is the same search ranking every match (``rank_window=None``); "text hits" is
how many articles match the text terms (before qualifiers).

Text is generated, not real: words are drawn with Zipf frequencies from a vocabulary of
pseudo-words built from common characters and syllables, and the query words are planted at
fixed frequency ranks, so each query's number of hits is printed beside its latency.

    .venv/bin/python bench/bench_search.py                 # 100,000 articles, ~6 minutes
    .venv/bin/python bench/bench_search.py --n 10000       # quicker
    .venv/bin/python bench/bench_search.py --db /tmp/c.db  # keep the cache; reuse it next time
    .venv/bin/python bench/bench_search.py --db /tmp/c.db --cache-mb 64  # bigger page cache
    .venv/bin/python bench/bench_search.py --store --n 20000  # end to end through the Store

``--store`` builds the cache through the real write path instead: ``Store.save_fetch`` of a
page (the article as HTML, kept zlib-compressed) and its Article, one transaction per article
with the index written in it, as the app and ``broadsheet fetch`` do; then times
``Store.search`` (what ``Library.search`` calls: parse, rank, snippets and the list rows) beside
a LIKE scan of the store's own columns (comments are inside the JSON ``data`` column), plus
opening the store and loading the first page of the article list.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from broadsheet.models import Article, Block, BlockKind, Comment, CommentState, CommentThread, Page
from broadsheet.store import Store, search


def _words(text: str) -> list[str]:
    """A word list written as text (easier to read and edit than a list of literals)."""
    return text.split()


# ~500 common Chinese characters; pseudo-words are drawn from them.
HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
    "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
    "都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各"
    "重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代"
    "想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接"
    "知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北"
    "造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打"
    "白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今"
    "集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近"
    "矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写"
    "存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听"
    "该铁价严首底液官德随病苏失尔死讲配女黄推显谈罪神艺呢席含企望密批营项防举球英氧势告李台落木"
)
SYLLABLES = _words(
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu ha he hi ho "
    "hu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri "
    "ro ru sa se si so su ta te ti to tu va ve vi vo vu wa we wi wo za ze zi zo zu "
)
ENGLISH = _words(
    "the of and to in is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if "
    "so what people government health community market report city policy school water "
    "energy research data public hospital doctor patient medical study science economy china "
    "news world local price support service project village farmer weather river climate "
    "change reading book "
)
# Planted query words and the Zipf rank (1 = most frequent) each is given.
PLANTED_CJK = {"疫情": 400, "社区": 150, "新冠疫情": 3000, "防控": 800}
PLANTED_EN = {"vaccine": 300, "pandemic": 900}
QUERIES = {
    "2-char Chinese word": "疫情",
    "4-char Chinese phrase": "新冠疫情",
    "English word": "vaccine",
    "mixed query": "疫情 vaccine",
    "1-char Chinese": "苏",
    "common 2-char word": "社区",
    "English prefix": "pandem*",
    "with qualifiers": "疫情 site:健康网 after:2026-06",
}


def vocabulary(rng: random.Random) -> tuple[list[str], list[str]]:
    """(Chinese words, English words), most frequent first, planted words at their ranks."""
    chinese: list[str] = []
    seen: set[str] = set(PLANTED_CJK)
    while len(chinese) < 30_000:
        word = "".join(rng.choices(HANZI, k=rng.choices((1, 2, 3, 4), (15, 65, 12, 8))[0]))
        if word not in seen:
            seen.add(word)
            chinese.append(word)
    english = list(ENGLISH)
    seen = set(english) | set(PLANTED_EN)
    while len(english) < 20_000:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            english.append(word)
    for planted, words in ((PLANTED_CJK, chinese), (PLANTED_EN, english)):
        for word, rank in sorted(planted.items(), key=lambda item: item[1]):
            words.insert(rank - 1, word)
    return chinese, english


class Generator:
    """Deterministic article text: Chinese-led articles with English words, and the reverse."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.chinese, self.english = vocabulary(self.rng)
        self.cn_weights = list(itertools.accumulate(1 / r for r in range(1, len(self.chinese) + 1)))
        self.en_weights = list(itertools.accumulate(1 / r for r in range(1, len(self.english) + 1)))

    def chinese_text(self, words: int) -> str:
        rng = self.rng
        out: list[str] = []
        for i, word in enumerate(rng.choices(self.chinese, cum_weights=self.cn_weights, k=words)):
            if rng.random() < 0.03:  # the odd English word or number inside Chinese text
                out.append(f" {rng.choice(self.english[:2000])} ")
            out.append(word)
            if i % 9 == 8:
                out.append("。" if rng.random() < 0.4 else "，")
        return "".join(out)

    def english_text(self, words: int) -> str:
        rng = self.rng
        picked = rng.choices(self.english, cum_weights=self.en_weights, k=words)
        if rng.random() < 0.5:  # a Chinese name or term quoted in English text
            picked[rng.randrange(words)] = rng.choice(self.chinese[:3000])
        return " ".join(picked) + "."

    def article(self) -> dict[str, str]:
        rng = self.rng
        chinese = rng.random() < 0.7
        text = self.chinese_text if chinese else self.english_text
        # 2-5 KB of UTF-8: Chinese words are ~2 characters of 3 bytes; English ~7 bytes.
        target = rng.randint(2000, 5000)
        body_words = target // 7  # ~7 bytes a word either way
        paragraphs = [text(max(5, body_words // 6)) for _ in range(6)]
        comments = [text(rng.randint(5, 30)) for _ in range(rng.choice((0, 0, 1, 2, 3)))]
        return {
            "title": text(rng.randint(4, 10)),
            "summary": text(rng.randint(10, 25)),
            "body": "\n\n".join(paragraphs),
            "author": rng.choice(("张伟", "李娜", "王芳", "Li Wei", "Jane Smith", "")),
            "site": rng.choice(("健康网", "经济日报", "Example News", "Daily Planet")),
            "comments": "\n".join(comments),
            "published": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }


ARTICLES_SQL = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, title TEXT, site_name TEXT, author TEXT, published TEXT,
    fetched_at TEXT, read INTEGER NOT NULL DEFAULT 0, favourite INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',
    comments TEXT NOT NULL DEFAULT ''
)
"""
LIKE_COLUMNS = ("title", "summary", "text", "author", "site_name", "comments")


def build(conn: sqlite3.Connection, n: int, seed: int) -> dict[str, float]:
    """Fill the cache; returns the seconds spent generating, storing and indexing."""
    conn.execute(ARTICLES_SQL)
    search.create_schema(conn)
    gen = Generator(seed)
    times = {"generate": 0.0, "store": 0.0, "index": 0.0, "bytes": 0.0}
    for batch_start in range(1, n + 1, 1000):
        t0 = time.perf_counter()
        batch = [gen.article() for _ in range(batch_start, min(n + 1, batch_start + 1000))]
        t1 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO articles (id, title, site_name, author, published, fetched_at,"
            " summary, text, comments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    batch_start + i,
                    a["title"],
                    a["site"],
                    a["author"],
                    a["published"],
                    a["published"] + "T08:00:00+00:00",
                    a["summary"],
                    a["body"],
                    a["comments"],
                )
                for i, a in enumerate(batch)
            ],
        )
        t2 = time.perf_counter()
        for i, a in enumerate(batch):
            search.index_article(
                conn,
                batch_start + i,
                title=a["title"],
                summary=a["summary"],
                body=a["body"],
                author=a["author"],
                site=a["site"],
                comments=a["comments"],
            )
        conn.execute("COMMIT")
        t3 = time.perf_counter()
        times["generate"] += t1 - t0
        times["store"] += t2 - t1
        times["index"] += t3 - t2
        times["bytes"] += sum(len(v.encode()) for a in batch for v in a.values())
    t0 = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    search.optimize_index(conn)
    conn.execute("COMMIT")
    times["optimize"] = time.perf_counter() - t0
    return times


def like_scan(conn: sqlite3.Connection, query: str) -> list[int]:
    """The baseline: each term a substring of some column, qualifiers as plain SQL, newest
    first (a LIKE scan cannot rank, so it orders by date)."""
    parsed = search.parse_query(query)
    where: list[str] = []
    params: list[str] = []
    for term in parsed.terms:
        where.append("(" + " OR ".join(f"{c} LIKE ?" for c in LIKE_COLUMNS) + ")")
        params.extend([f"%{term.text}%"] * len(LIKE_COLUMNS))
    for site in parsed.sites:
        where.append("site_name LIKE ?")
        params.append(f"%{site}%")
    if parsed.after:
        where.append("published >= ?")
        params.append(parsed.after)
    sql = f"SELECT id FROM articles WHERE {' AND '.join(where)} ORDER BY published DESC LIMIT 50"
    return [r[0] for r in conn.execute(sql, params)]


def timed(fn: object, reps: int) -> list[float]:
    assert callable(fn)
    fn()  # warm-up: first run pays for reading pages into the cache
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report_build(conn: sqlite3.Connection, path: Path, n: int, seed: int) -> None:
    print(f"building {n:,} articles in {path} (SQLite {sqlite3.sqlite_version})")
    t0 = time.perf_counter()
    times = build(conn, n, seed)
    total = time.perf_counter() - t0
    print(
        f"text generated: {times['bytes'] / 1e6:,.0f} MB "
        f"({times['bytes'] / n / 1000:.1f} KB per article)"
    )
    print(
        f"build: {total:.1f} s total; generate {times['generate']:.1f} s, articles table "
        f"{times['store']:.1f} s, index_article {times['index']:.1f} s "
        f"({n / times['index']:,.0f} articles/s), optimize {times['optimize']:.1f} s"
    )


def report_size(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"file size: {path.stat().st_size / 1e6:,.0f} MB")
    try:
        for name, size in conn.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 5"
        ):
            print(f"  {name:<24} {size / 1e6:8,.0f} MB")
    except sqlite3.OperationalError:
        print("  (dbstat not available: no per-table sizes)")


def report_queries(conn: sqlite3.Connection, reps: int, like_reps: int, limit: int) -> None:
    print(
        f"\nlatency of search(limit={limit}) with snippets, warm cache; {reps} runs each"
        f" ({like_reps} for LIKE); 'exact' ranks every match (rank_window=None)"
    )
    print(
        f"{'query':<22}{'text hits':>9}{'p50':>9}{'p95':>9}"
        f"{'exact p50':>11}{'LIKE p50':>10}{'LIKE/p50':>9}  text"
    )
    for name, query in QUERIES.items():
        must, _ = search.match_expression(search.parse_query(query))
        matches = conn.execute(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (must,)
        ).fetchone()[0]
        fts = timed(lambda q=query: search.search(conn, q, limit=limit), reps)
        exact = timed(lambda q=query: search.search(conn, q, limit=limit, rank_window=None), reps)
        like = timed(lambda q=query: like_scan(conn, q), like_reps)
        p50 = pct(fts, 50)
        print(
            f"{name:<22}{matches:>9,}{p50:>7.2f}ms{pct(fts, 95):>7.2f}ms"
            f"{pct(exact, 50):>9.2f}ms{statistics.median(like):>8.0f}ms"
            f"{statistics.median(like) / p50:>8,.0f}x  {query}"
        )


# --- end to end through the Store -----------------------------------------------------------


def _as_page(n: int, a: dict[str, str]) -> tuple[Page, Article]:
    url = f"https://bench.example/{n}"
    paragraphs = a["body"].split("\n\n")
    html = f"<html><head><title>{a['title']}</title></head><body><article><h1>{a['title']}"
    html += "</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    fetched = a["published"] + "T08:00:00+00:00"
    page = Page(url, url, 200, {}, html.encode(), fetched, content_type="text/html")
    comments = tuple(
        Comment(id=str(i), text=line) for i, line in enumerate(a["comments"].splitlines()) if line
    )
    article = Article(
        url=url,
        title=a["title"],
        summary=a["summary"],
        blocks=tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs),
        author=a["author"],
        site_name=a["site"],
        published=a["published"],
        comments=CommentThread(state=CommentState.PRESENT, items=comments),
    )
    return page, article


def build_store(path: Path, n: int, seed: int) -> None:
    print(f"building {n:,} articles through Store.save_fetch in {path}")
    store = Store(path)
    gen = Generator(seed)
    spent = {"generate": 0.0, "save": 0.0}
    for number in range(1, n + 1):
        t0 = time.perf_counter()
        page, article = _as_page(number, gen.article())
        t1 = time.perf_counter()
        store.save_fetch(page, article)  # one transaction: page, article row and index
        spent["generate"] += t1 - t0
        spent["save"] += time.perf_counter() - t1
    t0 = time.perf_counter()
    with store.db.write() as conn:
        search.optimize_index(conn)
    optimize = time.perf_counter() - t0
    store.close()
    print(
        f"build: save_fetch {spent['save']:.1f} s ({n / spent['save']:,.0f} articles/s, "
        f"{spent['save'] / n * 1000:.2f} ms each, index included); generate "
        f"{spent['generate']:.1f} s; optimize {optimize:.1f} s"
    )


STORE_LIKE = ("title", "summary", "text", "author", "site_name", "data")


def store_like_scan(conn: sqlite3.Connection, query: str) -> list[int]:
    """The baseline on the store's own table (no qualifiers but site: and after:)."""
    parsed = search.parse_query(query)
    where: list[str] = []
    params: list[str] = []
    for term in parsed.terms:
        where.append("(" + " OR ".join(f"{c} LIKE ?" for c in STORE_LIKE) + ")")
        params.extend([f"%{term.text}%"] * len(STORE_LIKE))
    for site in parsed.sites:
        where.append("site_name LIKE ?")
        params.append(f"%{site}%")
    if parsed.after:
        where.append("coalesce(published, fetched_at) >= ?")
        params.append(parsed.after)
    sql = f"SELECT id FROM articles WHERE {' AND '.join(where)} ORDER BY published DESC LIMIT 50"
    return [r[0] for r in conn.execute(sql, params)]


def report_store(path: Path, reps: int, like_reps: int, limit: int) -> None:
    t0 = time.perf_counter()
    store = Store(path)
    opened = (time.perf_counter() - t0) * 1000
    first = timed(lambda: store.list_articles(limit=200), reps)
    print(
        f"open the store {opened:.1f} ms; first list page (200 rows) p50 {pct(first, 50):.2f} ms"
        f" p95 {pct(first, 95):.2f} ms; {store.count_articles():,} articles"
    )
    stats = store.stats()
    print(
        f"file {stats.file_bytes / 1e6:,.0f} MB, of which search index "
        f"{(stats.index_bytes or 0) / 1e6:,.0f} MB"
    )
    print(f"\nStore.search(limit={limit}) end to end, warm cache; {reps} runs each")
    print(f"{'query':<22}{'hits':>6}{'p50':>9}{'p95':>9}{'LIKE p50':>10}{'LIKE/p50':>9}  text")
    conn = store.db.connection()
    queries = {**QUERIES, "unread only": "is:unread", "fav only": "is:fav"}
    for name, query in queries.items():
        hits = len(store.search(query, limit=limit))
        samples = timed(lambda q=query: store.search(q, limit=limit), reps)
        like = "" if query.startswith("is:") else None
        if like is None:
            scan = timed(lambda q=query: store_like_scan(conn, q), like_reps)
            like_p50 = statistics.median(scan)
            like = f"{like_p50:>8.0f}ms{like_p50 / pct(samples, 50):>8,.0f}x"
        else:
            like = f"{'-':>10}{'-':>9}"
        print(
            f"{name:<22}{hits:>6}{pct(samples, 50):>7.2f}ms{pct(samples, 95):>7.2f}ms{like}  "
            f"{query}"
        )
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles (default 100000)")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--reps", type=int, default=50, help="timed runs per FTS query")
    parser.add_argument("--like-reps", type=int, default=3, help="timed runs per LIKE scan")
    parser.add_argument("--limit", type=int, default=50, help="results per search (a page)")
    parser.add_argument(
        "--cache-mb", type=int, default=0, help="PRAGMA cache_size in MB (0: SQLite's 2 MB)"
    )
    parser.add_argument(
        "--db", type=Path, help="build the cache here and keep it; reuse it if it exists"
    )
    parser.add_argument(
        "--store", action="store_true", help="end to end through Store (see the docstring)"
    )
    args = parser.parse_args()

    if args.store:
        with tempfile.TemporaryDirectory() as tmp:
            path = args.db or Path(tmp) / "bench-store.sqlite3"
            if path.exists():
                print(f"reusing {path} (build figures are from the run that made it)")
            else:
                build_store(path, args.n, args.seed)
            report_store(path, args.reps, args.like_reps, args.limit)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.sqlite3"
        reuse = path.exists()
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        if args.cache_mb:
            conn.execute(f"PRAGMA cache_size=-{args.cache_mb * 1024}")
        if reuse:
            n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            print(f"reusing {path}: {n:,} articles (build figures are from the run that made it)")
        else:
            report_build(conn, path, args.n, args.seed)
        report_size(conn, path)
        report_queries(conn, args.reps, args.like_reps, args.limit)
        conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
