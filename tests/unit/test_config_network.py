"""The ``[network]`` proxy and per-site rules and the ``[storage]`` data folder: parsing,
validation (each bad value named with its key and line), and how a rule applies to a request.

The request tests go through a real ``Fetcher`` over ``httpx.MockTransport``, so host names
like ``www.example.org`` and ``badexample.org`` can be used without a network.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from broadsheet import paths
from broadsheet.config import find_line, line_of, load_config, parse_config
from broadsheet.fetch import Fetcher, FetchOptions
from broadsheet.fetch_settings import SiteRule, merge_cookies, rule_for, site_host

GOOD = """\
[network]
proxy = " socks5://me:s3cret@127.0.0.1:1080 "
user_agent = "Broadsheet (tests)"

[network.sites."example.org"]
headers = { "Accept-Language" = "zh-CN", Referer = "https://example.org/" }
cookies = { session = "abc123", theme = "dark" }
user_agent = "Special agent"

[network.sites."News.Example.org."]
headers = { "X-Edition" = "cn" }

[network.sites."例子.测试"]
cookies = { a = "1" }

[network.sites."[::1]"]
headers = { "X-Local" = "yes" }

[storage]
data_dir = "reading"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_values_become_fetch_options(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert config.problems == ()
    options = config.fetch_options()
    assert options.proxy == "socks5://me:s3cret@127.0.0.1:1080"
    assert options.user_agent == "Broadsheet (tests)"
    assert options.sites == (
        SiteRule(
            "example.org",
            headers=(("Accept-Language", "zh-CN"), ("Referer", "https://example.org/")),
            cookies=(("session", "abc123"), ("theme", "dark")),
            user_agent="Special agent",
        ),
        SiteRule("news.example.org", headers=(("X-Edition", "cn"),)),
        SiteRule("xn--fsqu00a.xn--0zwm56d", cookies=(("a", "1"),)),
        SiteRule("::1", headers=(("X-Local", "yes"),)),
    )
    assert hash(options) == hash(config.fetch_options()), "FetchOptions stays hashable"
    assert config.data_dir == tmp_path / "reading", "a relative folder is beside the file"
    assert "network" not in config.tables and "storage" not in config.tables


def test_data_dir_expands_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    config = load_config(write(tmp_path, '[storage]\ndata_dir = "~/news"\n'))
    assert config.data_dir == tmp_path / "user" / "news"


# (config text, the key as the problem names it, its line, a word of the explanation)
BAD = [
    ('[network]\nproxy = "ftp://p:21"\n', "network.proxy", 2, "must start with http://"),
    ('[network]\nproxy = "http://"\n', "network.proxy", 2, "no host name"),
    ('[network]\n\nproxy = "http://p:99999"\n', "network.proxy", 3, "port"),
    ('[network]\nproxy = "http://p:8080/path"\n', "network.proxy", 2, "no path"),
    ("[network]\nproxy = 8080\n", "network.proxy", 2, "URL string"),
    ("[network]\nsites = 3\n", "[network.sites]", 2, "must be a table"),
    ('[network.sites."https://a.org/"]\nheaders = {}\n', '"https://a.org/"', 1, "host name"),
    ('[network.sites."a.org:8080"]\n', '"a.org:8080"', 1, "host name"),
    ('[network.sites]\n"a.org" = "x"\n', 'network.sites."a.org"', 2, "must be a table"),
    (
        '[network.sites."a.org"]\n[network.sites."A.ORG"]\n',
        'network.sites."A.ORG"',
        2,
        "repeats the site a.org",
    ),
    ('[network.sites."a.org"]\nheaders = 5\n', '"a.org".headers]', 2, "must be a table"),
    ('[network.sites."a.org"]\nheaders = { Host = "b.org" }\n', "headers.Host", 2, "httpx"),
    (
        '[network.sites."a.org"]\nheaders.Accept-Encoding = "br"\n',
        "headers.Accept-Encoding",
        2,
        "decompresses",
    ),
    ('[network.sites."a.org"]\nheaders.Cookie = "a=1"\n', "headers.Cookie", 2, "cookies table"),
    ('[network.sites."a.org"]\nheaders = { "X A" = "1" }\n', 'headers."X A"', 2, "header name"),
    ('[network.sites."a.org"]\nheaders.X-A = 1\n', "headers.X-A", 2, "must be a string"),
    ('[network.sites."a.org"]\nuser_agent = ""\n', '"a.org".user_agent', 2, "non-empty"),
    ('[network.sites."a.org"]\nreferer = "x"\n', '"a.org".referer', 2, "unknown setting"),
    ('[network.sites."a.org"]\ncookies = { "a b" = "1" }\n', 'cookies."a b"', 2, "cookie name"),
    ("[storage]\ndata_dir = 5\n", "storage.data_dir", 2, "folder path"),
    ('[storage]\ndata_dir = ""\n', "storage.data_dir", 2, "folder path"),
    ('[storage]\nfolder = "x"\n', "storage.folder", 2, "unknown setting"),
    ("storage = 1\n", "[storage]", 1, "must be a table"),
]


@pytest.mark.parametrize(("text", "key", "line", "why"), BAD)
def test_each_bad_value_names_its_key_and_line(
    tmp_path: Path, text: str, key: str, line: int, why: str
) -> None:
    path = write(tmp_path, text)
    config = load_config(path)
    assert len(config.problems) == 1, config.problems
    problem = config.problems[0]
    assert problem.startswith(f"{path}, line {line}: "), problem
    assert key in problem and why in problem, problem
    assert config.fetch_options().proxy is None
    assert config.data_dir is None


def test_the_good_parts_of_a_site_are_kept(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            '[network.sites."a.org"]\n'
            'headers = { Referer = "https://a.org/", Host = "b.org", "X-A" = "1" }\n',
        )
    )
    assert len(config.problems) == 1 and "Host" in config.problems[0]
    assert config.fetch_options().sites == (
        SiteRule("a.org", headers=(("Referer", "https://a.org/"), ("X-A", "1"))),
    )


@pytest.mark.parametrize(
    "text",
    [
        '[network.sites."a.org"]\nheaders = { Authorization = "Bearer t0psecret\\n" }\n',
        '[network.sites."a.org"]\ncookies = { session = "t0psecret; x=1" }\n',
        '[network.sites."a.org"]\ncookies = { session = "t0psecret\\u00e9" }\n',
        '[network]\nproxy = "ftp://me:t0psecret@p:21"\n',
    ],
)
def test_secrets_are_not_repeated_in_problems(tmp_path: Path, text: str) -> None:
    config = load_config(write(tmp_path, text))
    assert len(config.problems) == 1
    assert "t0psecret" not in config.problems[0]
    assert "line 2" in config.problems[0]


def test_problems_without_the_file_text_name_the_file_only() -> None:
    config = parse_config({"network": {"proxy": "gopher://x"}}, Path("/x/config.toml"))
    assert config.problems[0].startswith("/x/config.toml: network.proxy ")


def test_an_unused_data_dir_is_reported(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[network]\n[storage]\ndata_dir = "/srv/news"\n'))
    assert config.problems_for(Path("/srv/news")) == ()
    (note,) = config.problems_for(tmp_path)
    assert note.startswith(f"{tmp_path / 'config.toml'}, line 3: storage.data_dir")
    assert f"is not used: the data folder is {tmp_path}" in note


def test_find_line_follows_toml_key_forms() -> None:
    text = (
        "# a comment: proxy = 1\n"
        "[network]\n"
        "proxy = 'http://p:1'\n"
        'sites."a.org".user_agent = "x"\n'
        "[network.sites.'b.org']\n"
        'headers = { "X-A" = "1",\n'
        '  "X-B" = "2" }\n'
        "[keys]\n"
        '"article.export" = "x"\n'
        "history . back = 'y'\n"
    )
    assert find_line(text, ("network", "proxy")) == 3
    assert find_line(text, ("network", "sites", "a.org", "user_agent")) == 4
    assert find_line(text, ("network", "sites", "b.org")) == 5
    assert find_line(text, ("network", "sites", "b.org", "headers", "X-A")) == 6
    assert line_of(text, "keys", "article.export") == 9
    assert line_of(text, "keys", "history.back") == 10
    assert find_line(text, ("ui", "theme")) is None


@pytest.mark.parametrize(
    ("key", "host"),
    [
        ("Example.ORG.", "example.org"),
        ("例子.测试", "xn--fsqu00a.xn--0zwm56d"),
        ("[::1]", "::1"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
        ("http://a.org", None),
        ("a.org/x", None),
        ("a.org:80", None),
        ("-a.org", None),
        ("a..org", None),
        ("", None),
    ],
)
def test_site_keys(key: str, host: str | None) -> None:
    assert site_host(key) == host


RULES = (
    SiteRule("example.org", headers=(("X-Rule", "org"),)),
    SiteRule("news.example.org", headers=(("X-Rule", "news"),)),
    SiteRule("0.0.1", headers=(("X-Rule", "name"),)),
    SiteRule("127.0.0.1", headers=(("X-Rule", "ip"),)),
)


@pytest.mark.parametrize(
    ("host", "rule"),
    [
        ("example.org", "org"),
        ("www.example.org", "org"),
        ("news.example.org", "news"),
        ("a.news.example.org", "news"),
        ("badexample.org", None),
        ("example.org.evil.net", None),
        ("127.0.0.1", "ip"),
        ("10.0.0.1", None),
    ],
)
def test_the_longest_covering_rule_wins(host: str, rule: str | None) -> None:
    found = rule_for(RULES, host)
    assert (dict(found.headers)["X-Rule"] if found else None) == rule


def test_configured_cookies_join_the_ones_a_site_set() -> None:
    assert merge_cookies(None, [("a", "1")]) == "a=1"
    assert merge_cookies("x=9; a=old", [("a", "1"), ("b", "2")]) == "x=9; a=1; b=2"


def test_bad_rules_are_refused_in_code_too() -> None:
    with pytest.raises(ValueError, match="normalised"):
        SiteRule("Example.org")
    with pytest.raises(ValueError, match="Host"):
        SiteRule("a.org", headers=(("Host", "b.org"),))
    with pytest.raises(ValueError, match="proxy"):
        FetchOptions(proxy="ftp://x")
    with pytest.raises(ValueError, match="SiteRule"):
        FetchOptions(sites=[SiteRule("a.org")])  # type: ignore[arg-type]


class _Body(httpx.AsyncByteStream):
    """A streamed body, as a real transport gives (the Fetcher reads ``aiter_raw``)."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"<!doctype html><title>t</title><p>hi</p>"


def _echo_fetcher(options: FetchOptions, seen: list[httpx.Request]) -> Fetcher:
    """A Fetcher whose network answers every request with a page, except /go, which
    redirects to the address in its query."""

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/go":
            return httpx.Response(302, headers={"Location": request.url.params["to"]})
        return httpx.Response(200, headers={"Content-Type": "text/html"}, stream=_Body())

    return Fetcher(options, transport=httpx.MockTransport(answer))


async def test_rules_apply_per_host_on_every_redirect_hop() -> None:
    options = FetchOptions(
        user_agent="Default UA",
        sites=(
            SiteRule(
                "example.org",
                headers=(("Referer", "https://example.org/"),),
                cookies=(("session", "abc"),),
                user_agent="Org UA",
            ),
            SiteRule("news.example.org", headers=(("X-Edition", "cn"),)),
        ),
    )
    seen: list[httpx.Request] = []
    second = "https://badexample.org/go?to=" + quote("https://news.example.org/a", safe="")
    first = "https://www.example.org/go?to=" + quote(second, safe="")
    async with _echo_fetcher(options, seen) as fetcher:
        page = await fetcher.fetch(first)
    assert page.final_url == "https://news.example.org/a"
    got = [(r.url.host, dict(r.headers)) for r in seen]
    www, bad, news = got
    assert www[0] == "www.example.org"
    assert www[1]["cookie"] == "session=abc" and www[1]["user-agent"] == "Org UA"
    assert www[1]["referer"] == "https://example.org/"
    assert bad[0] == "badexample.org"
    assert "cookie" not in bad[1] and "referer" not in bad[1]
    assert bad[1]["user-agent"] == "Default UA"
    assert news[0] == "news.example.org"
    assert news[1]["x-edition"] == "cn" and "cookie" not in news[1], "the longest rule alone"


async def test_without_rules_requests_are_unchanged() -> None:
    seen: list[httpx.Request] = []
    async with _echo_fetcher(FetchOptions(), seen) as fetcher:
        await fetcher.fetch("https://example.org/a")
    headers = dict(seen[0].headers)
    assert "cookie" not in headers and "referer" not in headers
    assert sorted(headers) == ["accept", "accept-encoding", "connection", "host", "user-agent"]


def test_the_data_folder_and_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BROADSHEET_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    default = paths.config_home()
    if not default.is_relative_to(tmp_path):
        pytest.skip("this platform's data folder does not follow XDG_DATA_HOME")
    assert paths.home() == default and paths.config_path() == default / "config.toml"
    default.mkdir(parents=True)
    write(default, f'[storage]\ndata_dir = "{tmp_path / "data"}"\n[ui]\nimages = false\n')
    data = tmp_path / "data"
    assert paths.home() == data
    assert paths.database_path() == data / "broadsheet.sqlite3"
    assert paths.export_dir() == data / "exports"
    # The configured data folder is governed by the file at the default location...
    assert paths.config_path() == paths.config_path(data) == default / "config.toml"
    # ...any other folder a program opens keeps its own settings.
    assert paths.config_path(tmp_path / "other") == tmp_path / "other" / "config.toml"
    # $BROADSHEET_HOME moves everything.
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path / "env"))
    assert paths.home() == paths.config_home() == tmp_path / "env"
    assert paths.config_path(data) == data / "config.toml"
