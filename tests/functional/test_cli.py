"""The command line as a real process (``python -m broadsheet``) against a real local server.

Each test has its own data folder (BROADSHEET_HOME) and its own site folder, served by
``SiteServer`` so conditional requests get real 304 answers.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer
from support.area_c import run_cli, write_site

TITLE_A = "Reading the Web Offline"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[SiteServer]:
    root = tmp_path / "site"
    write_site(root)
    with SiteServer(root) as server:
        yield server


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "home"


def assert_clean_failure(result: object, *needles: str) -> None:
    """A failure: non-zero exit, one ``broadsheet: error:`` line per problem, no traceback."""
    assert result.returncode == 1, result  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    assert stderr.startswith("broadsheet: error: ")
    for needle in needles:
        assert needle in stderr


def test_fetch_prints_id_and_title(served: SiteServer, data: Path) -> None:
    result = run_cli(data, "fetch", served.url("/a.html"), served.url("/zh.gbk.html"))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0][1] == TITLE_A, "printed in the order given"
    assert "社区医院服务能力提升" in rows[1][1]
    assert sorted(int(article_id) for article_id, _ in rows) == [1, 2]
    assert result.stderr == ""


def test_show_prints_text_and_json(served: SiteServer, data: Path) -> None:
    url = served.url("/a.html")
    text = run_cli(data, "show", url)  # not cached yet: fetched first
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith(f"{TITLE_A}\n{'=' * len(TITLE_A)}\n")
    assert "Broadsheet keeps every article it fetches." in text.stdout
    assert f"URL: {url}" in text.stdout

    by_id = run_cli(data, "show", "1", "--width", "40")
    assert by_id.returncode == 0
    assert all(len(line) <= 40 for line in by_id.stdout.splitlines())

    as_json = run_cli(data, "show", url, "--json")
    assert as_json.returncode == 0
    article = json.loads(as_json.stdout)
    assert article["schema"] == "broadsheet.article/1"
    assert article["id"] == 1
    assert article["title"] == TITLE_A
    assert "Broadsheet keeps every article it fetches." in article["text"]
    assert article["comments"]["state"] in {"none", "present", "script", "closed", "unknown"}
    for key in ("summary", "author", "published", "source", "site_name", "language"):
        assert key in article
    assert isinstance(article["blocks"], list) and isinstance(article["related"], list)
    assert len(served.requests) == 1, "show by id and by cached URL use the cache"


def test_cached_article_shows_with_the_server_stopped(tmp_path: Path, data: Path) -> None:
    root = tmp_path / "site"
    write_site(root)
    with SiteServer(root) as server:
        url = server.url("/a.html")
        assert run_cli(data, "fetch", url).returncode == 0
    result = run_cli(data, "show", url)
    assert result.returncode == 0, result.stderr
    assert TITLE_A in result.stdout
    again = run_cli(data, "fetch", url)
    assert_clean_failure(again, url)


def test_fetching_again_gets_a_304_and_keeps_the_cache(served: SiteServer, data: Path) -> None:
    url = served.url("/a.html")
    assert run_cli(data, "fetch", url).returncode == 0
    before = json.loads(run_cli(data, "show", "1", "--json").stdout)
    result = run_cli(data, "fetch", url)
    assert result.returncode == 0
    assert result.stdout == f"1\t{TITLE_A}\n"
    second = [h for _, path, h in served.requests if path == "/a.html"][1]
    assert second.get("If-None-Match", "").startswith('"')
    after = json.loads(run_cli(data, "show", "1", "--json").stdout)
    assert {k: v for k, v in after.items() if k != "fetched_at"} == {
        k: v for k, v in before.items() if k != "fetched_at"
    }
    cached_only = run_cli(data, "fetch", "--cached", url)
    assert cached_only.stdout == f"1\t{TITLE_A}\n"
    assert len([p for _, p, _ in served.requests if p == "/a.html"]) == 2


def test_export_writes_txt_or_json_and_never_overwrites(
    served: SiteServer, data: Path, tmp_path: Path
) -> None:
    url = served.url("/a.html")
    target = tmp_path / "out.txt"
    result = run_cli(data, "export", url, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    assert target.read_text(encoding="utf-8").startswith(TITLE_A + "\n")

    again = run_cli(data, "export", "1", "-o", str(target))
    assert_clean_failure(again, "already exists", "--force")
    assert run_cli(data, "export", "1", "-o", str(target), "--force").returncode == 0

    as_json = tmp_path / "out.json"
    assert run_cli(data, "export", "1", "-o", str(as_json)).returncode == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["title"] == TITLE_A

    forced = tmp_path / "notes.dat"
    assert run_cli(data, "export", "1", "-o", str(forced), "--format", "json").returncode == 0
    assert json.loads(forced.read_text(encoding="utf-8"))["id"] == 1

    to_stdout = run_cli(data, "export", "1", "-o", "-")
    assert to_stdout.stdout.startswith(TITLE_A + "\n")

    new_folder = tmp_path / "new" / "folder"
    into = run_cli(data, "export", "1", "-o", f"{new_folder}/", "--format", "json")
    assert into.returncode == 0, into.stderr
    assert Path(into.stdout.strip()) == (new_folder / f"{TITLE_A}.json").resolve()

    default = run_cli(data, "export", "1")
    assert Path(default.stdout.strip()) == (data / "exports" / f"{TITLE_A}.txt").resolve()


def test_hostile_title_is_clean_on_the_terminal_and_in_file_names(
    served: SiteServer, data: Path, tmp_path: Path
) -> None:
    url = served.url("/hostile.html")
    fetched = run_cli(data, "fetch", url)
    assert fetched.returncode == 0, fetched.stderr
    shown = run_cli(data, "show", "1")
    folder = tmp_path / "exports"
    folder.mkdir()
    exported = run_cli(data, "export", "1", "-o", f"{folder}/")
    for out in (fetched.stdout, shown.stdout, exported.stdout):
        assert not any(c in out for c in "\x1b\x07\u202e\x9b\x00")
    assert "[/]" in fetched.stdout, "markup-looking text is printed as text"
    (written,) = folder.iterdir()
    assert written.parent == folder
    assert not any(c in written.name for c in '\x1b\u202e/\\:*?"<>|')
    assert written.name.endswith(".txt") and not written.name.startswith(".")


def test_http_error_and_dead_port_fail_cleanly_and_the_rest_continue(
    served: SiteServer, data: Path
) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}/page.html"
    missing = served.url("/missing.html")
    result = run_cli(data, "fetch", missing, served.url("/a.html"), dead)
    assert result.returncode == 1
    assert result.stdout == f"1\t{TITLE_A}\n"
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith("broadsheet: error: ") and missing in errors[0]
    assert "404" in errors[0]
    assert errors[1].startswith("broadsheet: error: ") and dead in errors[1]
    assert "Traceback" not in result.stderr

    assert_clean_failure(run_cli(data, "show", missing), missing, "404")
    assert_clean_failure(run_cli(data, "show", "42"), "no cached article")


def test_damaged_cache_gives_a_way_out_and_reset_keeps_the_old_file(
    served: SiteServer, data: Path
) -> None:
    data.mkdir()
    database = data / "broadsheet.sqlite3"
    database.write_bytes(b"definitely not sqlite " * 100)
    result = run_cli(data, "fetch", served.url("/a.html"))
    assert_clean_failure(result, str(database), "broadsheet cache reset")

    reset = run_cli(data, "cache", "reset")
    assert reset.returncode == 0, reset.stderr
    (kept,) = data.glob("broadsheet.sqlite3.corrupt-*")
    assert kept.read_bytes().startswith(b"definitely not sqlite")
    assert str(kept) in reset.stdout

    assert run_cli(data, "fetch", served.url("/a.html")).returncode == 0
    assert run_cli(data, "cache", "path").stdout.strip() == str(database)


def test_bad_config_is_a_warning_not_a_failure(served: SiteServer, data: Path) -> None:
    data.mkdir()
    (data / "config.toml").write_text("[network\nmax_bytes = ", encoding="utf-8")
    result = run_cli(data, "fetch", served.url("/a.html"))
    assert result.returncode == 0
    assert result.stderr.startswith("broadsheet: warning: ")
    assert "config.toml" in result.stderr and "not valid TOML" in result.stderr


@pytest.mark.parametrize("command", ["", "open", "fetch", "show", "export", "demo", "cache"])
def test_every_command_has_help(data: Path, command: str) -> None:
    result = run_cli(data, *([command] if command else []), "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: broadsheet")
    assert not data.exists(), "--help creates nothing"


def test_version_and_usage_errors(data: Path) -> None:
    version = run_cli(data, "--version")
    assert version.returncode == 0 and version.stdout.startswith("broadsheet 0.")
    typo = run_cli(data, "shwo", "1")
    assert typo.returncode == 2 and "invalid choice" in typo.stderr
    bad_width = run_cli(data, "show", "1", "--width", "5")
    assert bad_width.returncode == 2 and "between 20 and 1000" in bad_width.stderr


def test_portal_page_end_to_end(site: SiteServer, data: Path) -> None:
    """The GBK portal fixture: what `show --json` and `show` give a reader (issue 2, item 3)."""
    url = site.url("/portal.gbk.html")
    fetched = run_cli(data, "fetch", url)
    assert fetched.returncode == 0, fetched.stderr
    article = json.loads(run_cli(data, "show", "1", "--json").stdout)
    assert article["title"] == "社区医院推出夜间门诊 老人看病不再排长队"
    assert article["source"] == "经济日报"
    assert "城东社区医院本月起开设夜间门诊" in article["summary"]
    assert article["text"].split("\n\n")[0].strip().startswith("本月起，城东社区医院")
    for boilerplate in ("ICP", "免责声明", "400-800-1234", "相关文章", "还没有评论", "热门文章"):
        assert boilerplate not in article["text"], boilerplate
    assert [r["text"] for r in article["related"]] == [
        "家庭药箱里应该常备哪些药",
        "三甲医院专家每周下沉社区坐诊",
    ]
    assert all(r["url"].startswith("http://127.0.0.1:") for r in article["related"])
    assert article["comments"]["state"] == "none"
    assert article["comments"]["declared_count"] == 0
    text = run_cli(data, "show", url).stdout
    assert "Source: 经济日报" in text
    assert "Comments (0)" in text and "No comments." in text


def test_a_terminal_that_cannot_show_chinese_gets_replacements_not_a_crash(
    served: SiteServer, data: Path
) -> None:
    url = served.url("/zh.gbk.html")
    result = run_cli(data, "show", url, extra_env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Source: ????" in result.stdout
