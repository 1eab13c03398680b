"""Web text loses escape sequences, control characters and bidi controls."""

from broadsheet.sanitize import clean_line, clean_text


def test_escape_sequences_are_removed_with_their_payload() -> None:
    hostile = "Title\x1b]52;c;ZXZpbA==\x07 \x1b[2J\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"
    assert clean_text(hostile) == "Title link"


def test_c1_del_nul_and_bidi_are_removed_newline_and_tab_kept() -> None:
    assert clean_text("a\x00b\x7fc\x85d\u202eevil\u2066\tx\ny") == "abcdevil\tx\ny"


def test_carriage_return_cannot_overwrite_a_line() -> None:
    assert clean_text("safe\rFAKE") == "safe\nFAKE"


def test_clean_line_collapses_whitespace() -> None:
    assert clean_line("  A \n title\t here ") == "A title here"
