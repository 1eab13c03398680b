# cython: language_level=3, boundscheck=False, wraparound=False
"""A prefix tree of ASCII words in C, for judging class and id names (see ``names._raw``).

A page brings a hundred or so class and id tokens never seen before, and each is searched
for some three hundred words; Python's regex engine took 1.7 µs a token for it, most of a
tenth of the extraction. Here every start position walks the tree once.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND
from libc.stdint cimport int16_t, int32_t, uint8_t, uint16_t, uint32_t


include "_space.pxi"
include "_table.pxi"


cdef list _tokens(const Table *table, const uint_t *s, Py_ssize_t n):
    cdef list out = []
    cdef Py_ssize_t start = 0, end = 0
    while _next_token(s, n, &start, &end):
        out.append(_token_bits(table, s, start, end))
    return out


cdef class Trie:
    """The OR of the values of every word found anywhere in a token (``tokens``), or what
    ``names._judge`` makes of them (``judge``)."""

    cdef Table table

    def __cinit__(self, dict words):
        self.table.children = NULL
        self.table.values = NULL
        _build(&self.table, words)

    def __dealloc__(self):
        _free(&self.table)

    def judge(self, str text, long wanted, long against, long cleared, long rail, long embed):
        """``names._judge(raw, wanted, against, cleared)`` for every token of ``text``, OR-ed,
        where ``rail`` and ``embed`` are the bits of the two special patterns (``wanted``
        must not hold them)."""
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        if kind == 1:
            return _judge(&self.table, <const uint8_t *> data, n, wanted, against, cleared, rail, embed)
        if kind == 2:
            return _judge(&self.table, <const uint16_t *> data, n, wanted, against, cleared, rail, embed)
        return _judge(&self.table, <const uint32_t *> data, n, wanted, against, cleared, rail, embed)

    def tokens(self, str text):
        """``[bits(START + token + END) for token in text.split()]``, a sentinel inside a token
        read as a space."""
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        if kind == 1:
            return _tokens(&self.table, <const uint8_t *> data, n)
        if kind == 2:
            return _tokens(&self.table, <const uint16_t *> data, n)
        return _tokens(&self.table, <const uint32_t *> data, n)
