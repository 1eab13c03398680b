"""An article as an HTML fragment, shared by the html page and the EPUB chapters.

The markup is also well-formed XML (every element closed, only the five XML entities), so
EPUB can use it as XHTML unchanged. Every web string goes through ``esc``: control and bidi
characters removed (``sanitize``), characters XML cannot hold removed, then HTML-escaped,
quotes included, so a title such as ``</title><script>`` stays text. Only http(s) URLs
become links or images; anything else (``javascript:``, ``data:``) is shown as plain text.
"""

from __future__ import annotations

import html
import re

from broadsheet.exporters.inline import Run, is_web_url, runs
from broadsheet.models import Article, Block, BlockKind, Comment, CommentState
from broadsheet.sanitize import clean_line, clean_text

_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def esc(text: str) -> str:
    """Web text made safe for element content and attribute values."""
    return html.escape(_NOT_XML.sub("", clean_text(text)), quote=True)


def language_tag(value: str) -> str:
    """A BCP 47 tag for ``lang``: the article's when it looks like one, else ``und``."""
    value = clean_line(value)
    return value if _LANGUAGE.fullmatch(value) else "und"


def link(url: str, label: str) -> str:
    """An ``<a>`` for an http(s) URL (label already escaped); other URLs give the label only."""
    if not is_web_url(url):
        return label
    return f'<a href="{esc(clean_line(url))}" rel="noopener noreferrer">{label}</a>'


def _run(run: Run) -> str:
    out = "<br/>".join(esc(part) for part in run.text.split("\n"))
    if "code" in run.styles:
        out = f"<code>{out}</code>"
    if "em" in run.styles:
        out = f"<em>{out}</em>"
    if "strong" in run.styles:
        out = f"<strong>{out}</strong>"
    if "link" in run.styles and run.url:
        out = link(run.url, out)
    return out


def inline(block: Block) -> str:
    """A block's text with emphasis, code and links; line breaks kept as ``<br/>``."""
    return "".join(_run(r) for r in runs(block))


def _table(block: Block) -> str:
    rows = [list(row) for row in block.rows]
    if not rows:
        rows = [line.split("\t") for line in clean_text(block.text).split("\n") if line.strip()]
    if not rows:
        return ""
    out = ["<table>"]
    if block.header:
        cells = "".join(f"<th>{esc(c)}</th>" for c in rows[0])
        out.append(f"<thead><tr>{cells}</tr></thead>")
        rows = rows[1:]
    out.append("<tbody>")
    out += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows]
    out.append("</tbody></table>")
    return "\n".join(out)


def block_html(block: Block, *, images: bool = True) -> str:
    """One body block. ``images`` False (EPUB: no remote resources) links images instead."""
    kind = block.kind
    if kind is BlockKind.HEADING:
        level = min(6, max(2, block.level))
        return f"<h{level}>{esc(clean_line(block.text))}</h{level}>"
    if kind is BlockKind.LIST:
        tag = "ol" if block.ordered else "ul"
        items = block.items or tuple(block.text.split("\n"))
        body = "".join(f"<li>{esc(item)}</li>" for item in items)
        return f"<{tag}>{body}</{tag}>"
    if kind is BlockKind.QUOTE:
        return f"<blockquote><p>{inline(block)}</p></blockquote>"
    if kind is BlockKind.CODE:
        language = re.sub(r"[^A-Za-z0-9_+-]", "", block.language or "")
        cls = f' class="language-{language}"' if language else ""
        return f"<pre><code{cls}>{esc(clean_text(block.text).expandtabs(4))}</code></pre>"
    if kind is BlockKind.TABLE:
        return _table(block)
    if kind is BlockKind.IMAGE:
        label = esc(clean_line(block.alt or block.text) or "image")
        caption = clean_line(block.text)
        caption_html = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
        if block.src and is_web_url(block.src) and images:
            src = esc(clean_line(block.src))
            image = f'<img src="{src}" alt="{label}" loading="lazy" referrerpolicy="no-referrer"/>'
            return f"<figure>{image}{caption_html}</figure>"
        shown = link(block.src or "", f"Image: {esc(caption) or label}")
        return f'<p class="image">[{shown}]</p>'
    return f"<p>{inline(block)}</p>" if block.text.strip() else ""


def _comment(comment: Comment, images: bool) -> str:
    depth = max(0, min(comment.depth, 8))
    author = esc(clean_line(comment.author)) or "anonymous"
    meta = [f'<span class="author">{author}</span>' + (" (author)" if comment.is_op else "")]
    if comment.published:
        meta.append(f"<time>{esc(clean_line(comment.published))}</time>")
    if comment.score is not None:
        meta.append(f"{comment.score} points")
    if comment.permalink and is_web_url(comment.permalink):
        meta.append(link(comment.permalink, "link"))
    blocks = comment.blocks or (Block(BlockKind.PARAGRAPH, comment.text),)
    body = "\n".join(x for b in blocks if (x := block_html(b, images=images)))
    return (
        f'<div class="comment depth-{depth}">\n<p class="meta">{" · ".join(meta)}</p>\n'
        f"{body}\n</div>"
    )


def _comments(article: Article, images: bool) -> list[str]:
    thread = article.comments
    if thread.state is CommentState.UNKNOWN and not thread.items:
        return []
    count = thread.declared_count if thread.declared_count is not None else len(thread.items)
    out = ['<section class="comments">', f"<h2>Comments ({count})</h2>"]
    if not thread.items:
        if thread.state is CommentState.SCRIPT:
            system = f" ({esc(clean_line(thread.system))})" if thread.system else ""
            out.append(f"<p>Comments are loaded by a script{system} and are not in the page.</p>")
        elif thread.state is CommentState.CLOSED:
            out.append("<p>Comments are closed.</p>")
        else:
            out.append("<p>No comments.</p>")
    out += [_comment(c, images) for c in thread.items]
    return [*out, "</section>"]


def article_html(
    article: Article, final_url: str = "", *, images: bool = True, comments: bool = True
) -> str:
    """The whole article (header, summary, body, related, comments) as one ``<article>``."""
    lang = language_tag(article.language)
    out = [f'<article lang="{lang}">', "<header>"]
    out.append(f"<h1>{esc(clean_line(article.title)) or 'Untitled'}</h1>")
    meta = [esc(clean_line(x)) for x in (article.site_name, article.author) if x.strip()]
    if article.source.strip():
        meta.append(f"Source: {esc(clean_line(article.source))}")
    if article.published:
        meta.append(f"<time>{esc(clean_line(article.published))}</time>")
    if meta:
        out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    url = article.url or final_url
    if is_web_url(url):
        out.append(f'<p class="original">{link(url, esc(clean_line(url)))}</p>')
    out.append("</header>")
    if article.summary.strip():
        out.append(f'<p class="summary">{esc(" ".join(article.summary.split()))}</p>')
    out += [x for b in article.blocks if (x := block_html(b, images=images))]
    related = [r for r in article.related if is_web_url(r.url)]
    if related:
        out += ['<section class="related">', "<h2>Related articles</h2>", "<ul>"]
        for r in related:
            out.append(f"<li>{link(r.url, esc(clean_line(r.text)) or esc(r.url))}</li>")
        out += ["</ul>", "</section>"]
    if comments:
        out += _comments(article, images)
    out.append("</article>")
    return "\n".join(out)


STYLESHEET = """\
body { max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.6;
  font-family: Georgia, "Noto Serif CJK SC", "Songti SC", serif; color: #222; background: #fff; }
h1 { line-height: 1.25; margin-bottom: .2em; }
.meta, .original { color: #666; font-size: .9em; margin: .2em 0; }
.original a { word-break: break-all; }
.summary { font-weight: bold; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid #ccc; color: #444; }
pre { background: #f5f5f5; padding: .8em; overflow-x: auto; white-space: pre-wrap; }
code { font-family: Menlo, Consolas, monospace; font-size: .9em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
figure { margin: 1em 0; } img { max-width: 100%; height: auto; }
figcaption { color: #666; font-size: .9em; }
section.related, section.comments { border-top: 1px solid #ddd; margin-top: 2em; }
.comment { margin: .8em 0; padding-left: .8em; border-left: 2px solid #e4e4e4; }
.comment .meta .author { font-weight: bold; color: #333; }
.depth-1 { margin-left: 1.5em; } .depth-2 { margin-left: 3em; } .depth-3 { margin-left: 4.5em; }
.depth-4, .depth-5, .depth-6, .depth-7, .depth-8 { margin-left: 6em; }
"""
