"""The app's settings: keymap by binding id, theme, reading width; bad values are reported by
key and the app starts with the defaults."""

from __future__ import annotations

from pathlib import Path

from tests.support.ui import running
from textual.widgets import Static

from broadsheet.demo.server import SiteServer
from broadsheet.library import Library
from broadsheet.ui.app import binding_ids
from broadsheet.ui.screens.help import HelpScreen
from broadsheet.ui.settings import parse_ui_settings
from broadsheet.ui.widgets.reader import ReaderPane

THEMES = ["textual-dark", "ansi-dark"]


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


async def test_keymap_theme_and_width_apply(home: Path, site: SiteServer) -> None:
    write_config(
        home,
        '[ui]\ntheme = "textual-ansi"\nreading_width = 40\n'
        '[keys]\n"article.export" = "x"\nhistory.back = "ctrl+b"\n',
    )
    library = Library(home)
    try:
        async with running(library, urls=[site.url("/portal.gbk.html")]) as h:
            assert h.messages == []
            assert h.app.theme == "ansi-dark"
            paragraphs = h.app.query_one(ReaderPane).query(".-paragraph").results(Static)
            assert max(p.size.width for p in paragraphs) == 40
            await h.press("e")  # the default key no longer exports
            assert not (home / "exports").exists()
            await h.press("x", "enter")  # the dialog opens; enter writes its suggested file
            assert [p.suffix for p in (home / "exports").iterdir()] == [".txt"]
            await h.press("question_mark")
            assert isinstance(h.app.screen, HelpScreen)
            lines = h.text().splitlines()
            assert any("x" in line and "Export the open article" in line for line in lines)
            assert any("^b" in line and "read before this one" in line for line in lines)
    finally:
        library.close()


async def test_bad_values_are_named_and_the_app_starts_with_defaults(
    home: Path, site: SiteServer
) -> None:
    write_config(
        home,
        '[ui]\ntheme = "neon"\nreading_width = "wide"\nfont = "serif"\n'
        '[keys]\n"no.such" = "x"\n"article.export" = 5\n',
    )
    library = Library(home)
    try:
        async with running(library, urls=[site.url("/portal.gbk.html")]) as h:
            assert h.app.is_running
            assert all(n.severity == "warning" for n in h.notes)
            lines = {"ui.theme": 2, "ui.reading_width": 3, "ui.font": 4, "keys.no.such": 6}
            lines["keys.article.export"] = 7
            for key, line in lines.items():  # each problem names its key and line
                assert any(f"line {line}: " in m and f"{key} " in m for m in h.messages), key
            assert len(h.notes) == 5
            assert h.app.theme == "textual-dark"
            await h.press("e", "enter")  # the default key still opens the export dialog
            assert len(list((home / "exports").iterdir())) == 1
    finally:
        library.close()


def test_dotted_keys_and_key_lists_are_accepted() -> None:
    settings = parse_ui_settings(
        {"keys": {"history": {"back": "backspace, ctrl+o"}, "app.help": "f1"}},
        themes=THEMES,
        binding_ids=binding_ids(),
    )
    assert settings.problems == ()
    assert settings.keymap == {"history.back": "backspace,ctrl+o", "app.help": "f1"}


def test_every_binding_has_a_unique_id() -> None:
    from textual.binding import Binding

    from broadsheet.ui.app import BINDING_OWNERS

    for owner in BINDING_OWNERS:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding) and binding.id, (owner, binding)
    ids = binding_ids()
    assert len(ids) == len(set(ids))
    assert {"article.export", "history.back", "find.open", "view.sources"} <= set(ids)
