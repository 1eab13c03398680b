"""The config file's network settings on real sockets: per-site headers and cookies (judged
per redirect hop), an HTTP and a SOCKS5 proxy, and the data folder named in the file.

127.0.0.1 and localhost reach the same test server but are two hosts to the fetch layer, so
a redirect between them shows what each host was sent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer
from broadsheet.errors import NetworkError
from broadsheet.library import Library
from support import hostile
from support.area_c import run_cli
from support.network import Socks5Proxy, closed_port, requests_to, run_cli_platform

PAGE = "/wordpress.html"


def configure(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


async def fetch(home: Path, url: str) -> str:
    """Open ``url`` in a Library on ``home`` (its config file applies); the title stored."""
    library = Library(home)
    try:
        assert library.config_problems == ()
        return (await library.open_url(url)).article.title
    finally:
        await library.aclose()
        library.close()


async def test_a_site_header_goes_to_that_host_only(home: Path, site: SiteServer) -> None:
    configure(
        home,
        '[network.sites."127.0.0.1"]\n'
        'headers = { "Accept-Language" = "zh-CN", "X-Only-Here" = "yes" }\n'
        'user_agent = "Only-Here-Agent"\n',
    )
    await fetch(home, site.url(PAGE))
    await fetch(home, f"http://localhost:{site.port}/docs.html")
    ((_, here),) = requests_to(site, f"127.0.0.1:{site.port}")
    ((_, there),) = requests_to(site, f"localhost:{site.port}")
    assert here["accept-language"] == "zh-CN" and here["x-only-here"] == "yes"
    assert here["user-agent"] == "Only-Here-Agent"
    assert "x-only-here" not in there and "accept-language" not in there
    assert there["user-agent"].startswith("Broadsheet/")


async def test_cookies_do_not_follow_a_redirect_to_another_host(
    home: Path, site: SiteServer
) -> None:
    configure(
        home,
        '[network.sites."127.0.0.1"]\n'
        'cookies = { session = "s3cret" }\n'
        'headers = { Authorization = "Bearer t0ken" }\n'
        '[network.sites."localhost"]\n'
        'cookies = { lang = "zh" }\n',
    )
    site.routes["/away"] = hostile.redirect(f"http://localhost:{site.port}{PAGE}")
    await fetch(home, site.url("/away"))
    ((path, first),) = requests_to(site, f"127.0.0.1:{site.port}")
    ((_, second),) = requests_to(site, f"localhost:{site.port}")
    assert path == "/away"
    assert first["cookie"] == "session=s3cret" and first["authorization"] == "Bearer t0ken"
    assert second["cookie"] == "lang=zh", "the next host gets its own cookies, not ours"
    assert "authorization" not in second


async def test_configured_cookies_join_those_the_site_sets(home: Path, site: SiteServer) -> None:
    configure(home, '[network.sites."127.0.0.1"]\ncookies = { session = "mine" }\n')
    site.routes["/login"] = hostile.page(
        b"", status=302, headers={"Location": PAGE, "Set-Cookie": "seen=1; Path=/"}
    )
    await fetch(home, site.url("/login"))
    (_, first), (_, second) = requests_to(site, f"127.0.0.1:{site.port}")
    assert first["cookie"] == "session=mine"
    assert second["cookie"] == "seen=1; session=mine"


async def test_pages_go_through_the_http_proxy(home: Path, site: SiteServer) -> None:
    """An .invalid host cannot be resolved: the page can only have come through the proxy,
    which is sent the absolute URL, with the site's own headers."""
    with SiteServer() as proxy:
        article = (site.root or Path()) / "wordpress.html"
        proxy.routes["http://news.invalid/story.html"] = hostile.page(article.read_bytes())
        configure(
            home,
            f'[network]\nproxy = "{proxy.url("")}"\n'
            '[network.sites."news.invalid"]\nheaders = { "X-Edition" = "cn" }\n',
        )
        title = await fetch(home, "http://news.invalid/story.html")
    assert title
    ((method, target, headers),) = proxy.requests
    assert (method, target) == ("GET", "http://news.invalid/story.html")
    assert headers["X-Edition"] == "cn"
    assert site.requests == []


async def test_pages_go_through_a_socks5_proxy(home: Path, site: SiteServer) -> None:
    with Socks5Proxy() as proxy:
        configure(home, f'[network]\nproxy = "{proxy.url}"\n')
        assert await fetch(home, site.url(PAGE))
    assert proxy.destinations == [("127.0.0.1", site.port)]
    assert [path for _, path, _ in site.requests] == [PAGE]


async def test_a_proxy_that_is_down_is_named(home: Path) -> None:
    port = closed_port()
    configure(home, f'[network]\nproxy = "http://user:pw@127.0.0.1:{port}"\n')
    with pytest.raises(NetworkError) as caught:
        await fetch(home, "http://news.invalid/story.html")
    message = str(caught.value)
    assert f"through the proxy http://user:***@127.0.0.1:{port}" in message
    assert "pw@" not in message


def test_the_cli_fetches_through_the_configured_proxy(tmp_path: Path, site: SiteServer) -> None:
    home = tmp_path / "home"
    with SiteServer() as proxy:
        proxy.routes["http://news.invalid/story.html"] = hostile.page(
            ((site.root or Path()) / "wordpress.html").read_bytes()
        )
        configure(home, f'[network]\nproxy = "{proxy.url("")}"\n')
        result = run_cli(home, "fetch", "http://news.invalid/story.html")
        shown = run_cli(home, "config", "show")
    assert result.returncode == 0, result.stderr
    assert [target for _, target, _ in proxy.requests] == ["http://news.invalid/story.html"]
    assert f"# proxy: {proxy.url('')}" in shown.stdout


def test_the_data_folder_named_in_the_config_file(tmp_path: Path, site: SiteServer) -> None:
    """Without $BROADSHEET_HOME the file at the default location may move the data; the file
    itself stays there, and the commands say where each is."""
    where = run_cli_platform(tmp_path, "config", "path")
    config = Path(where.stdout.strip())
    if not config.is_relative_to(tmp_path):
        pytest.skip("this platform's data folder does not follow XDG_DATA_HOME")
    configure(config.parent, '[storage]\ndata_dir = "~/reading"\n')
    data = tmp_path / "user" / "reading"

    fetched = run_cli_platform(tmp_path, "fetch", site.url(PAGE))
    assert fetched.returncode == 0, fetched.stderr
    assert (data / "broadsheet.sqlite3").is_file()
    assert not (config.parent / "broadsheet.sqlite3").exists()
    assert run_cli_platform(tmp_path, "cache", "path").stdout.strip() == str(
        data / "broadsheet.sqlite3"
    )
    assert run_cli_platform(tmp_path, "config", "path").stdout.strip() == str(config)
    shown = run_cli_platform(tmp_path, "config", "show")
    assert f"# data folder: {data} (storage.data_dir)" in shown.stdout


def test_broadsheet_home_overrides_the_data_folder(tmp_path: Path, site: SiteServer) -> None:
    home = tmp_path / "home"
    configure(home, f'[storage]\ndata_dir = "{tmp_path / "elsewhere"}"\n')
    fetched = run_cli(home, "fetch", site.url(PAGE))
    assert fetched.returncode == 0
    assert (home / "broadsheet.sqlite3").is_file()
    assert not (tmp_path / "elsewhere").exists()
    assert "line 2: storage.data_dir" in fetched.stderr and "is not used" in fetched.stderr
