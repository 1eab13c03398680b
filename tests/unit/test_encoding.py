"""Decoding follows the browser order: BOM, HTTP charset, meta prescan, UTF-8, detector."""

from broadsheet.encoding import decode_html

TEXT = "<p>朱镕基在会议上讲话，强调社区防疫的重要性。</p>"


def test_gbk_declared_in_header_decodes_as_gb18030() -> None:
    decoded = decode_html(TEXT.encode("gbk"), "text/html; charset=gb2312")
    assert decoded.text == TEXT  # 镕 is GBK, not GB2312: a strict gb2312 codec would fail
    assert decoded.source == "http"


def test_meta_charset_after_the_first_kilobyte() -> None:
    head = "<html><head><!--" + "x" * 2000 + '--><meta charset="gbk"></head>'
    decoded = decode_html((head + TEXT).encode("gbk"))
    assert decoded.source == "meta"
    assert TEXT in decoded.text


def test_utf8_bytes_win_over_a_legacy_chinese_label() -> None:
    decoded = decode_html(TEXT.encode("utf-8"), "text/html; charset=gbk")
    assert decoded.text == TEXT


def test_undeclared_gbk_is_detected() -> None:
    decoded = decode_html(("<html><body>" + TEXT * 3 + "</body></html>").encode("gbk"))
    assert TEXT in decoded.text
    assert decoded.source == "detector"


def test_bom_wins_over_everything() -> None:
    body = b"\xef\xbb\xbf" + TEXT.encode("utf-8")
    decoded = decode_html(body, "text/html; charset=gbk")
    assert decoded.text == TEXT
    assert decoded.source == "bom"


def test_latin1_label_means_windows_1252() -> None:
    decoded = decode_html("<p>“quoted”</p>".encode("cp1252"), "text/html; charset=iso-8859-1")
    assert decoded.text == "<p>“quoted”</p>"
