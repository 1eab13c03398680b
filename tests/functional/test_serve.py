"""``broadsheet serve`` (issue 9, item 7): the app through textual-serve, on 127.0.0.1.

The first test needs nothing but the package: it connects to the page's websocket as the
page's script does and reads the app's screen from the terminal stream. The second opens the
page in headless Chromium (Debian's ``chromium`` package) and is skipped when it is missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import aiohttp
import httpx
import pytest
from tests.support.serve_area import DEADLINE, Browser, chromium, serving, until

from broadsheet.demo.server import SiteServer
from broadsheet.ui.serve import HOST, app_command

SHOT = Path("/tmp/broadsheet-serve-test.png")  # left behind for a person to look at
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")


def test_command_runs_this_python_and_passes_urls() -> None:
    command = app_command(["http://x.example/a b"])
    assert " -m broadsheet open " in command
    assert command.endswith("'http://x.example/a b'")  # quoted for the shell
    assert HOST == "127.0.0.1"


def test_bad_port_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    from broadsheet.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", "70000"])
    assert exited.value.code == 2
    assert "between 1 and 65535" in capsys.readouterr().err


async def test_page_and_app_over_the_websocket(home: Path, site: SiteServer) -> None:
    with serving(home, site.url("/wordpress.html")) as (url, _process):
        page = httpx.get(url + "/", timeout=10)
        assert "<div>Broadsheet</div>" in page.text  # the title given to textual-serve
        assert f'data-session-websocket-url="ws://{url[len("http://") :]}/ws"' in page.text
        screen = ""
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"{url}/ws?width=120&height=36") as socket,
        ):

            async def app_drew_the_article() -> bool:
                nonlocal screen
                message = await socket.receive(timeout=DEADLINE)
                assert message.type == aiohttp.WSMsgType.BINARY, message
                screen += _ANSI.sub("", message.data.decode("utf-8", "replace"))
                return "Winter" in screen and "Articles" in screen

            await until(app_drew_the_article, "the app's screen")
        assert any(r[1] == "/wordpress.html" for r in site.requests)


@pytest.mark.skipif(
    chromium() is None,
    reason="needs headless Chromium: apt-get install chromium (Debian) or put it on PATH",
)
async def test_app_in_headless_chromium(home: Path, site: SiteServer, tmp_path: Path) -> None:
    executable = chromium()
    assert executable is not None
    with serving(home, site.url("/wordpress.html")) as (url, _process):
        async with Browser(executable, tmp_path / "profile") as browser:
            await browser.call("Page.enable")
            await browser.call("Page.navigate", url=url + "/")

            async def app_output_on_page() -> bool:
                classes = await browser.evaluate("document.body && document.body.className")
                return "-first-byte" in (classes or "")

            await until(app_output_on_page, "the app's first output in the page's terminal")
            intro = await browser.evaluate("document.querySelector('.intro').innerText")
            assert "Broadsheet" in intro  # textual-serve's page, titled for us

            async def article_fetched() -> bool:
                return any(r[1] == "/wordpress.html" for r in site.requests)

            # The app in the page is ours, started with our arguments: it fetches the page.
            await until(article_fetched, "the app to fetch the article it was given")
            terminal = await browser.evaluate("document.querySelector('#terminal').className")
            assert "-connected" in terminal
            shot = await browser.screenshot(SHOT)
            assert shot[:8] == b"\x89PNG\r\n\x1a\n"
        assert any(home.iterdir())  # the app's cache, in the BROADSHEET_HOME it inherited
