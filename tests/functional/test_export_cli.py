"""``broadsheet export`` as a real process against the fixture site on 127.0.0.1.

Batches by id, URL and favourites; into a folder (names from titles, progress on stderr),
into one EPUB, to a file or to standard output; never overwriting without --force.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import zipfile
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from broadsheet.demo.server import SiteServer
from broadsheet.export import safe_filename
from broadsheet.fetch import FetchOptions
from broadsheet.library import Library
from support.area_c import run_cli

PAGES = ("portal.gbk.html", "wordpress.html", "forum.gbk.html")
PAGES_DIR = Path(__file__).parents[1] / "fixtures" / "pages"


def fetched(site: SiteServer, data: Path) -> tuple[list[str], list[str]]:
    """Fetch PAGES (concurrently, so ids come in any order); their ids and titles in order."""
    result = run_cli(data, "fetch", *(site.url(f"/{p}") for p in PAGES))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t", 1) for line in result.stdout.splitlines()]
    assert sorted(int(number) for number, _ in rows) == [1, 2, 3]
    return [number for number, _ in rows], [title for _, title in rows]


def test_batch_into_a_folder_names_files_from_titles_and_shows_progress(
    site: SiteServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    ids, titles = fetched(site, data)
    out = tmp_path / "out"
    result = run_cli(data, "export", *ids, "-o", f"{out}/", "--format", "md")
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    assert [p.name for p in written] == [safe_filename(t, ".md") for t in titles]
    assert written[0].name == "社区医院推出夜间门诊 老人看病不再排长队.md", "Chinese kept"
    assert all(p.parent == out.resolve() for p in written)
    assert [line.split("] ", 1)[1] for line in result.stderr.splitlines()] == titles
    assert result.stderr.splitlines()[0] == f"broadsheet: [1/3] {titles[0]}"
    assert "来源" not in written[0].read_text(encoding="utf-8").split("---")[1]
    assert 'source: "经济日报"' in written[0].read_text(encoding="utf-8")

    again = run_cli(data, "export", *ids, "-o", f"{out}/", "--format", "md")
    assert again.returncode == 0, again.stderr
    assert [Path(x).name for x in again.stdout.splitlines()] == [
        safe_filename(t, " (2).md") for t in titles
    ]
    forced = run_cli(data, "export", ids[0], "-o", f"{out}/", "--format", "md", "--force")
    assert forced.stdout.strip() == str(written[0]) and forced.stderr == "", "one: no progress"
    assert len(list(out.iterdir())) == 6


def test_epub_book_from_ids_and_an_uncached_url(site: SiteServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    ids, _ = fetched(site, data)
    book = tmp_path / "reading.epub"
    result = run_cli(data, "export", ids[1], site.url("/docs.html"), ids[0], "-o", str(book))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(book)
    with zipfile.ZipFile(book) as zipped:
        assert zipped.namelist()[0] == "mimetype"
        nav = zipped.read("OEBPS/nav.xhtml").decode()
        chapters = [n for n in zipped.namelist() if n.startswith("OEBPS/a")]
    assert len(chapters) == 3 and nav.count("<li>") == 3
    again = run_cli(data, "export", ids[0], "-o", str(book))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_favourites_formats_from_extensions_and_refusals(site: SiteServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    ids, titles = fetched(site, data)
    none_yet = run_cli(data, "export", "--favourites", "-o", f"{tmp_path}/fav/")
    assert none_yet.returncode == 1 and "no articles matched" in none_yet.stderr
    library = Library(data, fetch_options=FetchOptions())
    library.set_favourite(int(ids[1]))
    library.close()
    fav = run_cli(data, "export", "--favourites", "-o", f"{tmp_path}/fav/", "--format", "html")
    assert fav.returncode == 0, fav.stderr
    (page,) = (tmp_path / "fav").iterdir()
    assert page.name == safe_filename(titles[1], ".html")
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    assert tree.css("script") == [] and tree.body is not None
    assert "bare soil" in tree.body.text()

    as_json = tmp_path / "one.json"
    assert run_cli(data, "export", ids[2], "-o", str(as_json)).returncode == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["title"] == titles[2]

    for args, message in (
        ([*ids[:2], "-o", str(tmp_path / "two.md")], "need a folder"),
        ([ids[0], "--format", "epub", "-o", "-"], "binary"),
        ([*ids[:2], "-o", "-"], "one article"),
        ([], "name the articles"),
        (["99", "-o", f"{tmp_path}/never/"], "no cached article"),
    ):
        result = run_cli(data, "export", *args)
        assert result.returncode == 1, args
        assert message in result.stderr, (args, result.stderr)
    assert not (tmp_path / "two.md").exists() and not (tmp_path / "never").exists()
    stdout = run_cli(data, "export", ids[1], "-o", "-", "--format", "md")
    assert stdout.stdout.startswith('---\ntitle: "Keeping a Kitchen Garden')


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Export feed</title><link>{base}/</link>
<description>two posts</description>
<item><title>第一篇 First post</title><link>{base}/p1.html</link><guid>{base}/p1.html</guid>
<description>&lt;p&gt;The first post, as the feed carries it.&lt;/p&gt;</description>
</item>
<item><title>Second post</title><link>{base}/p2.html</link><guid>{base}/p2.html</guid>
<description>&lt;p&gt;The second post, as the feed carries it.&lt;/p&gt;</description>
</item>
</channel></rss>
"""


def test_a_source_exports_its_articles(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    for page in PAGES:
        shutil.copy(PAGES_DIR / page, root / page)
    with SiteServer(root) as server:
        base = server.url("").rstrip("/")
        (root / "feed.xml").write_text(FEED.format(base=base), encoding="utf-8")
        data = tmp_path / "data"
        fetched(server, data)  # articles that are not the source's
        library = Library(data, fetch_options=FetchOptions())
        try:
            source = asyncio.run(library.add_source(server.url("/feed.xml")))
        finally:
            asyncio.run(library.aclose())
            library.close()
        out = tmp_path / "by-source"
        result = run_cli(data, "export", "--source", str(source.id), "-o", f"{out}/")
        assert result.returncode == 0, result.stderr
        names = sorted(p.name for p in out.iterdir())
        assert names == ["Second post.txt", "第一篇 First post.txt"]
        assert "[2/2]" in result.stderr


def test_a_search_query_picks_the_articles(site: SiteServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _, titles = fetched(site, data)
    portal = next(t for t in titles if "门诊" in t)
    out = tmp_path / "found"
    # 门诊 (a two-character word) is only in the portal article.
    result = run_cli(data, "export", "--query", "门诊", "-o", f"{out}/", "--format", "txt")
    assert result.returncode == 0, result.stderr
    assert [Path(line).name for line in result.stdout.splitlines()] == [
        safe_filename(portal, ".txt")
    ]
    assert "经济日报" in (out / safe_filename(portal, ".txt")).read_text(encoding="utf-8")

    nothing = run_cli(data, "export", "--query", "zzzznotaword", "-o", f"{out}/")
    assert nothing.returncode == 1
    assert "no articles matched" in nothing.stderr
