"""The HTML format: one self-contained, readable page with its own small stylesheet.

No scripts at all, and a Content-Security-Policy that forbids them anyway (``default-src
'none'``), so even a mistake in escaping could not run code; images are the only thing the
page loads, and only over http(s). ``lang`` is the article's language, so a browser picks a
Chinese font for a Chinese article.
"""

from __future__ import annotations

from broadsheet.exporters.base import ExportOptions
from broadsheet.exporters.htmlbody import STYLESHEET, article_html, esc, language_tag
from broadsheet.models import StoredArticle
from broadsheet.sanitize import clean_line

_POLICY = "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'"


def render_html(stored: StoredArticle, options: ExportOptions) -> str:
    """The article as a complete HTML page."""
    article = stored.article
    title = esc(clean_line(article.title)) or "Untitled"
    body = article_html(article, stored.final_url, comments=options.include_comments)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language_tag(article.language)}">\n<head>\n<meta charset="utf-8"/>\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        '<meta name="generator" content="Broadsheet"/>\n'
        f"<title>{title}</title>\n<style>\n{STYLESHEET}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )
