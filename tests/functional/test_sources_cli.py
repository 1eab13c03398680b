"""The source commands as real processes: add, sources, list, refresh, remove, opml."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer
from support.area_c import run_cli
from support.area_c2 import LONG, MutableFeed, rss, rss_item, write_sources_site


@pytest.fixture
def served(tmp_path: Path) -> Iterator[SiteServer]:
    root = tmp_path / "site"
    write_sources_site(root)
    with SiteServer(root) as server:
        yield server


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def sources_json(data: Path) -> list[dict[str, object]]:
    result = run_cli(data, "sources", "--json")
    assert result.returncode == 0, result.stderr
    loaded: list[dict[str, object]] = json.loads(result.stdout)
    return loaded


def test_add_sources_list_and_remove(served: SiteServer, data: Path) -> None:
    added = run_cli(data, "add", served.url("/feeds/rss20.xml"))
    assert added.returncode == 0, added.stderr
    assert added.stdout.split("\t")[:4] == ["1", "3/3", "feed", "RSS Two"]
    portal = run_cli(data, "add", served.url("/news/list.gbk.html"))
    assert portal.returncode == 0, portal.stderr
    assert "20/20\tpage\t健康资讯_康源医药网" in portal.stdout

    listed = sources_json(data)
    assert [(s["title"], s["kind"], s["unread"], s["total"]) for s in listed] == [
        ("RSS Two", "feed", 3, 3),
        ("健康资讯_康源医药网", "page", 20, 20),
    ]

    articles = json.loads(run_cli(data, "list", "--source", "1", "--json").stdout)
    assert [a["title"] for a in articles] == ["RSS r1", "RSS r2", "RSS r3"]
    assert all(a["read"] is False for a in articles)
    text = run_cli(data, "list", "--source", served.url("/news/list.gbk.html"), "--limit", "2")
    lines = text.stdout.splitlines()
    assert len(lines) == 2 and lines[0].split("\t")[1] == "unread"
    assert "冬季流感高发" in lines[0]

    removed = run_cli(data, "remove", "1")
    assert removed.returncode == 0 and removed.stdout.startswith("removed 1\tRSS Two")
    assert [s["id"] for s in sources_json(data)] == [2]
    missing = run_cli(data, "remove", "1")
    assert missing.returncode == 1 and "no source matches '1'" in missing.stderr


def test_unread_and_favourites_filters(served: SiteServer, data: Path) -> None:
    run_cli(data, "add", served.url("/feeds/rss20.xml"))
    code = (
        "from broadsheet.library import Library\n"
        "lib = Library()\n"
        "ids = [a.id for a in lib.list_articles()]\n"
        "lib.set_read(ids[0]); lib.set_favourite(ids[1]); lib.close()\n"
    )
    env = dict(os.environ, BROADSHEET_HOME=str(data))
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    unread = json.loads(run_cli(data, "list", "--unread", "--json").stdout)
    favourites = json.loads(run_cli(data, "list", "--favourites", "--json").stdout)
    assert len(unread) == 2 and all(not a["read"] for a in unread)
    assert [a["favourite"] for a in favourites] == [True]
    assert sources_json(data)[0]["unread"] == 2


def test_refresh_summary_names_failures_and_exits_1(served: SiteServer, data: Path) -> None:
    feed = MutableFeed(rss("Breaks", [rss_item("r1", "Kept", LONG)]))
    served.routes["/breaks.xml"] = feed
    assert run_cli(data, "add", served.url("/breaks.xml")).returncode == 0
    assert run_cli(data, "add", served.url("/feeds/atom.atom")).returncode == 0
    ok = run_cli(data, "refresh")
    assert ok.returncode == 0, ok.stderr
    # stderr is a pipe here: no progress line, only the summary. The file-served feed answers
    # 304; the route sends no validators but the same bytes, which are not read again.
    assert ok.stderr == "broadsheet: refreshed 2 sources: 0 new articles, 2 unchanged, 0 failed\n"
    assert "[1/2]" not in ok.stderr

    feed.status = 500
    failed = run_cli(data, "refresh")
    assert failed.returncode == 1
    assert "refreshed 2 sources" in failed.stderr and "1 failed" in failed.stderr
    assert "broadsheet: error: Breaks: " in failed.stderr and "500" in failed.stderr
    one = run_cli(data, "refresh", served.url("/feeds/atom.atom"))
    assert one.returncode == 0 and "refreshed 1 source:" in one.stderr
    kept = [s for s in sources_json(data) if s["title"] == "Breaks"]
    assert kept[0]["total"] == 1 and "500" in str(kept[0]["error"])


def test_refresh_shows_progress_on_a_terminal(served: SiteServer, data: Path) -> None:
    assert run_cli(data, "add", served.url("/feeds/rss20.xml")).returncode == 0
    leader, follower = pty.openpty()
    env = dict(os.environ, BROADSHEET_HOME=str(data), PYTHONIOENCODING="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "broadsheet", "refresh"],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert process.returncode == 0
    assert "[0/1] 127.0.0.1 ..." in shown
    assert "refreshed 1 source" in shown


def test_hostile_feed_text_is_clean_on_the_terminal(served: SiteServer, data: Path) -> None:
    evil = "Evil [/] \x1b]52;c;aGk=\x07 \u202eeurt"
    served.routes["/evil.xml"] = MutableFeed(
        rss(evil.replace("\x1b", "&#27;").replace("\x07", "&#7;"), [rss_item("r1", evil, LONG)])
    )
    added = run_cli(data, "add", served.url("/evil.xml"))
    assert added.returncode == 0, added.stderr
    for result in (added, run_cli(data, "sources"), run_cli(data, "list")):
        assert "Evil [/]" in result.stdout
        assert not any(c in result.stdout for c in "\x1b\x07\u202e")


def test_add_errors_are_one_clear_line(served: SiteServer, data: Path) -> None:
    plain = run_cli(data, "add", served.url("/plain.html"))
    assert plain.returncode == 1
    assert plain.stderr.startswith("broadsheet: error: http://127.0.0.1:")
    assert "neither a feed nor a page with a feed link or a list of article links" in plain.stderr
    assert "Traceback" not in plain.stderr
    gone = run_cli(data, "add", served.url("/nothing.xml"))
    assert gone.returncode == 1 and "404" in gone.stderr


def test_opml_export_and_import(served: SiteServer, data: Path, tmp_path: Path) -> None:
    for name in ("rss20.xml", "feed.json"):
        assert run_cli(data, "add", served.url(f"/feeds/{name}")).returncode == 0
    exported = run_cli(data, "opml", "export")
    assert exported.returncode == 0 and exported.stdout.startswith("<?xml")
    target = tmp_path / "subs.opml"
    written = run_cli(data, "opml", "export", "-o", str(target))
    assert written.returncode == 0 and target.read_text("utf-8") == exported.stdout

    other = tmp_path / "other"
    imported = run_cli(other, "opml", "import", str(target))
    assert imported.returncode == 0, imported.stderr
    assert "imported 2 new feeds" in imported.stderr
    assert {s["feed_url"] for s in sources_json(other)} == {
        served.url("/feeds/rss20.xml"),
        served.url("/feeds/feed.json"),
    }
    refreshed = run_cli(other, "refresh")
    assert refreshed.returncode == 0 and "5 new articles" in refreshed.stderr
    assert run_cli(other, "opml", "import").returncode == 2
    broken = tmp_path / "broken.opml"
    broken.write_bytes(b"<opml><body><outline")
    bad = run_cli(other, "opml", "import", str(broken))
    assert bad.returncode == 1 and "malformed" in bad.stderr


@pytest.mark.parametrize("command", ["add", "sources", "remove", "refresh", "list", "opml"])
def test_every_source_command_has_help(data: Path, command: str) -> None:
    result = run_cli(data, command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: broadsheet {command} [-h]")
    assert not data.exists(), "--help creates nothing"
