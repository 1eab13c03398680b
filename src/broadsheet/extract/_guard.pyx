# cython: language_level=3, boundscheck=False, wraparound=False
"""The guard's counts in one pass over the markup, in C (see ``guard.prepare``).

``prepare`` must know, for every page, how many tags open and close, how many ``<template>``
tags there are and whether any tag is long enough to carry a thousand attributes. Its regex
and ``str.count`` passes cost a fifteenth of the extraction; this walks the string's own
buffer once. It answers conservatively: a tag that might be long is reported, and
``prepare`` then settles it with the regex, so the result is always the Python one.
"""

from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND
from libc.stdint cimport uint8_t, uint16_t, uint32_t, uint64_t
from libc.string cimport memchr, memcpy


include "_space.pxi"


ctypedef fused char_t:
    uint8_t
    uint16_t
    uint32_t


cdef inline bint _may_start_tag(uint32_t c) noexcept:
    # ASCII letters, and the four other characters that ``[A-Za-z]`` matches case-blind
    # (İ ı ſ K): the regex counts those too.
    return (
        (c | 0x20) - 0x61 < 26 or c == 0x130 or c == 0x131 or c == 0x17F or c == 0x212A
    )


cdef inline bint _is_template(const char_t *s, Py_ssize_t at, Py_ssize_t n) noexcept:
    cdef const char *word = b"template"
    cdef Py_ssize_t k
    if at + 8 > n:
        return False
    for k in range(8):
        if s[at + k] > 0x7F or (s[at + k] | 0x20) != word[k]:
            return False
    return True


cdef inline bint _space(uint32_t c, bint raw) noexcept:
    """Whether ``str.split`` splits at ``c``; in raw bytes (``raw``) every non-ASCII byte
    counts as a split, which can only find more words than there are."""
    return _is_space(c) if not raw or c < 0x80 else True


cdef bint _heavy(const char_t *s, Py_ssize_t start, Py_ssize_t end, Py_ssize_t limit,
                 bint raw) noexcept:
    """Whether the tag in ``s[start:end]`` has more than ``limit`` ``=`` signs or words: what
    ``guard._tame_attributes`` strips."""
    cdef Py_ssize_t k, signs = 0, words = 0
    cdef bint in_word = False
    cdef uint32_t c
    for k in range(start, end):
        c = s[k]
        if c == 0x3D:  # =
            signs += 1
        if _space(c, raw):
            in_word = False
        elif not in_word:
            in_word = True
            words += 1
    return signs > limit or words > limit


cdef inline Py_ssize_t _find(const char_t *s, Py_ssize_t start, Py_ssize_t n,
                             uint32_t wanted) noexcept:
    """The first ``wanted`` in ``s[start:n]``, or ``n``: ``memchr`` over bytes."""
    cdef const void *hit
    if char_t is uint8_t:
        if start >= n:
            return n
        hit = memchr(s + start, wanted, n - start)
        return n if hit == NULL else <Py_ssize_t> (<const uint8_t *> hit - s)
    while start < n and s[start] != wanted:
        start += 1
    return start


cdef tuple _count(const char_t *s, Py_ssize_t n, Py_ssize_t limit, bint raw):
    """``count`` over characters, or over raw bytes (``raw``: see ``count_bytes``)."""
    cdef Py_ssize_t run = 2 * limit
    cdef Py_ssize_t i = 0, gt = -1, weighed = -1
    cdef Py_ssize_t opening = 0, closing = 0, templates = 0, long_tags = 0
    cdef bint heavy = False, template
    cdef uint32_t c
    while True:
        i = _find(s, i, n, 0x3C)  # <
        if i >= n:
            break
        opening += 1
        if i + 1 < n:
            c = s[i + 1]
            if c == 0x2F:  # /
                closing += 1
            elif (raw and c >= 0x80) or _may_start_tag(c):
                if gt <= i:
                    gt = _find(s, i + 1, n, 0x3E)  # >
                # The regex tries a template first. In bytes every one counts: a run there
                # may read long where in characters it is not.
                template = _is_template(s, i + 1, n) and (raw or gt - (i + 9) < run)
                templates += template
                if (raw or not template) and gt - (i + 2) >= run:
                    # Long enough to carry ``limit`` attributes. Tags that end at the same
                    # ">" are tails of the first one: weighing that one answers for all.
                    if weighed != gt:
                        weighed, heavy = gt, _heavy(s, i, gt, limit, raw)
                    long_tags += heavy
        i += 1
    return opening - closing, closing, templates, long_tags


def count(str text, Py_ssize_t limit):
    """``(opening, closing, templates, heavy)`` for ``text``: the ``<`` not followed by ``/``,
    the ``</``, the ``<template`` (any case), and the tags long enough to carry ``limit``
    attributes (``2 * limit`` characters after the name's first letter before any ``>``)
    that have more than ``limit`` ``=`` signs or words (what the guard strips)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    if kind == 1:
        return _count(<const uint8_t *> data, n, limit, False)
    if kind == 2:
        return _count(<const uint16_t *> data, n, limit, False)
    return _count(<const uint32_t *> data, n, limit, False)


# -- raw bytes -------------------------------------------------------------------------------

def count_bytes(const uint8_t[::1] data, Py_ssize_t limit):
    """``count`` over a page's bytes in an ASCII-compatible encoding, where ``<``, ``/`` and
    ``>`` are never part of another character. It errs the same way: any non-ASCII byte after
    ``<`` may start a tag, and a run is counted in bytes, never fewer than its characters."""
    cdef Py_ssize_t n = data.shape[0]
    if n == 0:
        return 0, 0, 0, 0
    return _count(&data[0], n, limit, True)


def utf8_valid(const uint8_t[::1] data):
    """Whether ``bytes(data).decode("utf-8")`` succeeds (Python's strict decoder: no overlong
    forms, no surrogates, nothing past U+10FFFF, nothing cut short)."""
    cdef Py_ssize_t n = data.shape[0], i = 0
    cdef const uint8_t *s = &data[0] if n else NULL
    cdef uint8_t c, c1
    cdef uint64_t word
    while i < n:
        # Eight ASCII bytes at a time: most of a page's markup.
        if i + 8 <= n:
            memcpy(&word, s + i, 8)
            if (word & 0x8080808080808080ULL) == 0:
                i += 8
                continue
        c = s[i]
        if c < 0x80:
            i += 1
        elif 0xC2 <= c <= 0xDF:
            if i + 1 >= n or (s[i + 1] & 0xC0) != 0x80:
                return False
            i += 2
        elif 0xE0 <= c <= 0xEF:
            if i + 2 >= n:
                return False
            c1 = s[i + 1]
            if (c1 & 0xC0) != 0x80 or (s[i + 2] & 0xC0) != 0x80:
                return False
            if (c == 0xE0 and c1 < 0xA0) or (c == 0xED and c1 >= 0xA0):
                return False  # overlong, or a surrogate
            i += 3
        elif 0xF0 <= c <= 0xF4:
            if i + 3 >= n:
                return False
            c1 = s[i + 1]
            if (c1 & 0xC0) != 0x80 or (s[i + 2] & 0xC0) != 0x80 or (s[i + 3] & 0xC0) != 0x80:
                return False
            if (c == 0xF0 and c1 < 0x90) or (c == 0xF4 and c1 >= 0x90):
                return False  # overlong, or past U+10FFFF
            i += 4
        else:
            return False
    return True
