# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Walks over Lexbor's nodes in C: text weights and content scores, the named elements,
the page's lines (see ``native.py``).

Scoring a page asks for the text weight (UTF-8 bytes, ends stripped as ``str.strip`` does)
of hundreds of elements, their links and their paragraphs. Through selectolax each answer
builds a Python string of the element's whole text; here one walk over Lexbor's nodes reads
the byte counts straight from the text nodes. The walk over named elements and the page's
lines spare a selector pass and hundreds of attribute dictionaries and strings; the named
elements are judged in the same walk, from their names' bytes (``Judge``), each distinct
name once, where asking the Python judges meant three strings and a call per element. Every
function gives exactly what its Python twin gives: the tests compare them on the fixture
pages and on random tag soup, and the Python twins run wherever this module was not built.

It reads selectolax's ``LexborNode`` and Lexbor's node structs directly, so it is built
against the selectolax release it runs with (the build pins it) and Lexbor's headers of
that release (``vendor/lexbor``); ``native.py`` loads it only beside that release.
"""

from cpython.mem cimport PyMem_Calloc, PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.string cimport memcmp, memcpy, memset
from libc.stdint cimport int16_t, int32_t, uint8_t, uint16_t, uint32_t, uint64_t, uintptr_t
from selectolax.lexbor cimport (
    LexborHTMLParser,
    LexborNode,
    lexbor_str_t,
    lxb_dom_attr_t,
    lxb_dom_character_data_t,
    lxb_dom_node_t,
)


cdef extern from "lexbor/dom/interfaces/element.h":
    ctypedef struct element_t "lxb_dom_element_t":
        lxb_dom_attr_t *first_attr
        lxb_dom_attr_t *attr_id
        lxb_dom_attr_t *attr_class


cdef extern from "lexbor/core/hash.h":
    ctypedef struct lexbor_hash_entry_t:
        size_t length
    const unsigned char *lexbor_hash_entry_str(const lexbor_hash_entry_t *entry)


cdef extern from "lexbor/dom/interfaces/attr.h":
    # What an attribute name outside Lexbor's predefined ones points to: its spelling.
    ctypedef struct attr_data_t "lxb_dom_attr_data_t":
        lexbor_hash_entry_t entry


cdef extern from "lexbor/dom/interfaces/attr_const.h":
    cdef enum:
        LXB_DOM_ATTR_CONTENT
        LXB_DOM_ATTR_HREF
        LXB_DOM_ATTR_STYLE
        LXB_DOM_ATTR__LAST_ENTRY


cdef extern from "lexbor/tag/const.h":
    cdef enum:
        LXB_TAG__LAST_ENTRY
        LXB_TAG_A
        LXB_TAG_ADDRESS
        LXB_TAG_BASE
        LXB_TAG_BUTTON
        LXB_TAG_CANVAS
        LXB_TAG_IFRAME
        LXB_TAG_META
        LXB_TAG_NOSCRIPT
        LXB_TAG_OBJECT
        LXB_TAG_SCRIPT
        LXB_TAG_SELECT
        LXB_TAG_STYLE
        LXB_TAG_SVG
        LXB_TAG_TEMPLATE
        LXB_TAG_TEXTAREA
        LXB_TAG_ARTICLE
        LXB_TAG_ASIDE
        LXB_TAG_BLOCKQUOTE
        LXB_TAG_BODY
        LXB_TAG_BR
        LXB_TAG_CAPTION
        LXB_TAG_CENTER
        LXB_TAG_DD
        LXB_TAG_DETAILS
        LXB_TAG_DIALOG
        LXB_TAG_DIR
        LXB_TAG_DIV
        LXB_TAG_DL
        LXB_TAG_DT
        LXB_TAG_FIELDSET
        LXB_TAG_FIGCAPTION
        LXB_TAG_FIGURE
        LXB_TAG_FONT
        LXB_TAG_FOOTER
        LXB_TAG_FORM
        LXB_TAG_H1
        LXB_TAG_H2
        LXB_TAG_H3
        LXB_TAG_H4
        LXB_TAG_H5
        LXB_TAG_H6
        LXB_TAG_HEADER
        LXB_TAG_HGROUP
        LXB_TAG_HR
        LXB_TAG_HTML
        LXB_TAG_IMG
        LXB_TAG_LI
        LXB_TAG_MAIN
        LXB_TAG_MENU
        LXB_TAG_NAV
        LXB_TAG_OL
        LXB_TAG_P
        LXB_TAG_PRE
        LXB_TAG_SECTION
        LXB_TAG_SUMMARY
        LXB_TAG_TABLE
        LXB_TAG_TBODY
        LXB_TAG_TD
        LXB_TAG_TFOOT
        LXB_TAG_TH
        LXB_TAG_THEAD
        LXB_TAG_TR
        LXB_TAG_UL


cdef enum:
    ELEMENT = 1
    TEXT = 3


cdef struct Weight:
    # The UTF-8 bytes of a run of text, of its leading and trailing whitespace, whether it
    # is whitespace throughout, and its punctuation marks (content._PUNCT).
    size_t total
    size_t lead
    size_t trail
    bint blank
    size_t punct


cdef inline Weight _empty() noexcept:
    cdef Weight w
    w.total = 0
    w.lead = 0
    w.trail = 0
    w.blank = True
    w.punct = 0
    return w


cdef inline void _join(Weight *into, Weight *more) noexcept:
    """``into`` followed by ``more``."""
    if more.total == 0:
        return
    if into.blank:
        into.lead = into.total + more.lead
    if more.blank:
        into.trail = into.trail + more.total
    else:
        into.trail = more.trail
    into.blank = into.blank and more.blank
    into.total += more.total
    into.punct += more.punct


cdef inline size_t stripped(Weight *w) noexcept:
    return 0 if w.blank else w.total - w.lead - w.trail


include "_space.pxi"
include "_table.pxi"


cdef inline size_t _length(unsigned char lead) noexcept:
    if lead < 0x80:
        return 1
    if lead >= 0xF0:
        return 4
    if lead >= 0xE0:
        return 3
    if lead >= 0xC0:
        return 2
    return 1  # a stray continuation byte: one replacement character's worth, read singly


cdef inline unsigned int _decode(const unsigned char *d, size_t n) noexcept:
    if n == 1:
        return d[0] if d[0] < 0x80 else 0xFFFD  # a stray byte reads as a replacement
    if n == 2:
        return ((d[0] & 0x1F) << 6) | (d[1] & 0x3F)
    if n == 3:
        return ((d[0] & 0x0F) << 12) | ((d[1] & 0x3F) << 6) | (d[2] & 0x3F)
    return ((d[0] & 0x07) << 18) | ((d[1] & 0x3F) << 12) | ((d[2] & 0x3F) << 6) | (d[3] & 0x3F)


cdef inline Py_ssize_t _lead_space(const unsigned char *d, Py_ssize_t a, Py_ssize_t b) noexcept:
    """Where the text in ``d[a:b]`` starts once ``str.strip`` whitespace is skipped."""
    cdef Py_ssize_t size
    while a < b:
        if d[a] < 0x80:  # (ASCII, the usual case: no decoding)
            if not _is_space(d[a]):
                break
            a += 1
            continue
        size = _length(d[a])
        if a + size > b or not _is_space(_decode(d + a, size)):
            break
        a += size
    return a


cdef inline Py_ssize_t _trail_space(const unsigned char *d, Py_ssize_t a, Py_ssize_t b) noexcept:
    """Where the text in ``d[a:b]`` ends once ``str.strip`` whitespace is dropped."""
    cdef Py_ssize_t size
    while b > a:
        if d[b - 1] < 0x80:
            if not _is_space(d[b - 1]):
                break
            b -= 1
            continue
        size = 1
        while size < 4 and b - size > a and (d[b - size] & 0xC0) == 0x80:
            size += 1
        if not _is_space(_decode(d + b - size, size)):
            break
        b -= size
    return b


# Bytes that may be punctuation: 1 for ", ; ! ?", 2 for the lead byte of "，；！？" (EF BC ..)
# and of "。、" (E3 80 ..).
cdef unsigned char _MARKS[256]
for _i in range(256):
    _MARKS[_i] = 0
for _i in (0x2C, 0x3B, 0x21, 0x3F):
    _MARKS[_i] = 1
_MARKS[0xEF] = 2
_MARKS[0xE3] = 2


cdef Weight _text_weight(lxb_dom_node_t *node, bint marks) noexcept:
    cdef lexbor_str_t *data = &(<lxb_dom_character_data_t *> node).data
    cdef const unsigned char *d = data.data
    cdef size_t n = data.length if d != NULL else 0
    cdef Weight w = _empty()
    cdef size_t i, start
    cdef unsigned char c
    w.total = n
    if n == 0:
        return w
    start = _lead_space(d, 0, n)
    w.lead = start
    if start == n:
        w.trail = n
        return w
    w.blank = False
    w.trail = n - _trail_space(d, start, n)
    if not marks:
        return w
    for i in range(start, n):
        c = _MARKS[d[i]]
        if c == 0:
            continue
        if c == 1:
            w.punct += 1
        elif i + 2 < n:
            if d[i] == 0xEF:
                if d[i + 1] == 0xBC and (
                    d[i + 2] == 0x8C or d[i + 2] == 0x9B or d[i + 2] == 0x81 or d[i + 2] == 0x9F
                ):  # ， ； ！ ？
                    w.punct += 1
            elif d[i + 1] == 0x80 and (d[i + 2] == 0x82 or d[i + 2] == 0x81):  # 。 、
                w.punct += 1
    return w


cdef inline bint _is_block(uintptr_t tag) noexcept:
    """``dom.BLOCK_TAGS``."""
    return (
        tag == LXB_TAG_ADDRESS or tag == LXB_TAG_ARTICLE or tag == LXB_TAG_ASIDE
        or tag == LXB_TAG_BLOCKQUOTE or tag == LXB_TAG_BODY or tag == LXB_TAG_CENTER
        or tag == LXB_TAG_DD or tag == LXB_TAG_DETAILS or tag == LXB_TAG_DIALOG
        or tag == LXB_TAG_DIR or tag == LXB_TAG_DIV or tag == LXB_TAG_DL or tag == LXB_TAG_DT
        or tag == LXB_TAG_FIELDSET or tag == LXB_TAG_FIGCAPTION or tag == LXB_TAG_FIGURE
        or tag == LXB_TAG_FOOTER or tag == LXB_TAG_FORM or tag == LXB_TAG_HEADER
        or tag == LXB_TAG_HGROUP or tag == LXB_TAG_HR or tag == LXB_TAG_HTML
        or tag == LXB_TAG_LI or tag == LXB_TAG_MAIN or tag == LXB_TAG_MENU or tag == LXB_TAG_NAV
        or tag == LXB_TAG_OL or tag == LXB_TAG_P or tag == LXB_TAG_PRE
        or tag == LXB_TAG_SECTION or tag == LXB_TAG_SUMMARY or tag == LXB_TAG_TABLE
        or tag == LXB_TAG_TBODY or tag == LXB_TAG_TD or tag == LXB_TAG_TFOOT
        or tag == LXB_TAG_TH or tag == LXB_TAG_THEAD or tag == LXB_TAG_TR
        or tag == LXB_TAG_UL or tag == LXB_TAG_CAPTION or tag == LXB_TAG_H1
        or tag == LXB_TAG_H2 or tag == LXB_TAG_H3 or tag == LXB_TAG_H4 or tag == LXB_TAG_H5
        or tag == LXB_TAG_H6
    )


cdef Weight _deep(lxb_dom_node_t *node, uintptr_t counted, size_t *inside) noexcept:
    """The weight of ``node``'s text; ``inside`` gains the stripped weight of every element
    tagged ``counted`` in the subtree, ``node`` included (what ``node.css(tag)`` would list)."""
    cdef Weight w = _empty(), sub
    cdef lxb_dom_node_t *child = node.first_child
    while child != NULL:
        if child.type == TEXT:
            sub = _text_weight(child, False)
            _join(&w, &sub)
        elif child.type == ELEMENT:
            sub = _deep(child, counted, inside)
            _join(&w, &sub)
        child = child.next
    if counted and node.type == ELEMENT and node.local_name == counted:
        inside[0] += stripped(&w)
    return w


def text_weight(LexborNode node, bint strip=True):
    """``weight(node.text(deep=True))``, of the stripped text by default."""
    cdef size_t unused = 0
    cdef Weight w = _deep(node.node, 0, &unused)
    return stripped(&w) if strip else w.total


def link_density(LexborNode node):
    """``content.link_density``: the share of the node's text inside links."""
    cdef size_t linked = 0
    cdef Weight w = _deep(node.node, LXB_TAG_A, &linked)
    cdef size_t total = stripped(&w)
    if total == 0:
        return 0.0
    return min(1.0, <double> linked / <double> total)


def paragraph_mass(LexborNode node):
    """The summed stripped text weight of the ``<p>`` elements in ``node``."""
    cdef size_t mass = 0
    _deep(node.node, LXB_TAG_P, &mass)
    return mass


# -- scoring ---------------------------------------------------------------------------------

cdef struct Entry:
    lxb_dom_node_t *node
    Weight deep  # all the element's text
    Weight own  # its text nodes and inline children (content._own_text)


cdef struct Walk:
    Entry *entries
    size_t count
    size_t capacity
    bint failed


cdef Py_ssize_t _reserve(Walk *walk, lxb_dom_node_t *node) noexcept:
    """The next slot of ``walk`` for ``node``, or -1 (and ``walk.failed``) without memory."""
    cdef Entry *grown
    if walk.count == walk.capacity:
        grown = <Entry *> PyMem_Realloc(walk.entries, (walk.capacity * 2 + 256) * sizeof(Entry))
        if grown == NULL:
            walk.failed = True
            return -1
        walk.entries = grown
        walk.capacity = walk.capacity * 2 + 256
    walk.entries[walk.count].node = node
    walk.count += 1
    return walk.count - 1


cdef Weight _fill(lxb_dom_node_t *node, Py_ssize_t slot, Walk *walk) noexcept:
    """Record the weights of ``node`` (at ``slot``) and of every element below it, slots in
    document order, and return ``node``'s deep weight."""
    cdef Weight deep = _empty(), mixed = _empty(), inline = _empty(), sub
    cdef lxb_dom_node_t *child = node.first_child
    cdef Py_ssize_t at
    cdef uintptr_t tag
    cdef bint has_text = False
    while child != NULL and not walk.failed:
        if child.type == TEXT:
            sub = _text_weight(child, True)
            has_text = has_text or not sub.blank
            _join(&deep, &sub)
            _join(&mixed, &sub)
        elif child.type == ELEMENT:
            at = _reserve(walk, child)
            if at < 0:
                break
            sub = _fill(child, at, walk)
            _join(&deep, &sub)
            tag = child.local_name
            if not _is_block(tag) and tag != LXB_TAG_IMG and tag != LXB_TAG_BR:
                _join(&mixed, &sub)
                _join(&inline, &sub)
        child = child.next
    if slot >= 0 and not walk.failed:
        walk.entries[slot].deep = deep
        # Text of its own is read with the inline children; without, only they count.
        walk.entries[slot].own = mixed if has_text else inline
    return deep


cdef inline bint _is_text_tag(uintptr_t tag) noexcept:
    """``content._TEXT_TAGS``."""
    return (
        tag == LXB_TAG_P or tag == LXB_TAG_PRE or tag == LXB_TAG_TD or tag == LXB_TAG_DIV
        or tag == LXB_TAG_SECTION or tag == LXB_TAG_ARTICLE or tag == LXB_TAG_FONT
        or tag == LXB_TAG_CENTER or tag == LXB_TAG_DD or tag == LXB_TAG_BLOCKQUOTE
        or tag == LXB_TAG_MAIN
    )


cdef inline bint _is_div_like(uintptr_t tag) noexcept:
    """``content._DIV_LIKE``."""
    return (
        tag == LXB_TAG_DIV or tag == LXB_TAG_TD or tag == LXB_TAG_SECTION
        or tag == LXB_TAG_ARTICLE or tag == LXB_TAG_FONT or tag == LXB_TAG_CENTER
        or tag == LXB_TAG_DD or tag == LXB_TAG_MAIN
    )


cdef inline double _tag_base(uintptr_t tag) noexcept:
    """``content._TAG_BASE``."""
    if tag == LXB_TAG_ARTICLE:
        return 8.0
    if tag == LXB_TAG_DIV or tag == LXB_TAG_MAIN:
        return 5.0
    if (tag == LXB_TAG_TD or tag == LXB_TAG_PRE or tag == LXB_TAG_BLOCKQUOTE
            or tag == LXB_TAG_SECTION):
        return 3.0
    if (tag == LXB_TAG_OL or tag == LXB_TAG_UL or tag == LXB_TAG_LI or tag == LXB_TAG_DL
            or tag == LXB_TAG_DD or tag == LXB_TAG_FORM or tag == LXB_TAG_ADDRESS):
        return -3.0
    if (tag == LXB_TAG_TH or tag == LXB_TAG_H1 or tag == LXB_TAG_H2 or tag == LXB_TAG_H3
            or tag == LXB_TAG_H4):
        return -5.0
    return 0.0


cdef inline bint _stops(lxb_dom_node_t *node) noexcept:
    """``content._STOP``: no node, the document, or ``<html>``."""
    return node == NULL or node.type != ELEMENT or node.local_name == LXB_TAG_HTML


cdef inline Py_ssize_t _value_len(lxb_dom_attr_t *attr) noexcept:
    """The length of what ``_attr`` decodes, or -1 where it gives None."""
    if attr == NULL or attr.value == NULL or attr.value.data == NULL:
        return -1
    return <Py_ssize_t> attr.value.length


cdef inline const unsigned char *_value(lxb_dom_attr_t *attr) noexcept:
    return attr.value.data if _value_len(attr) >= 0 else NULL


cdef object _attr(lxb_dom_attr_t *attr):
    """The attribute's value as selectolax gives it (None where there is none)."""
    cdef Py_ssize_t n = _value_len(attr)
    return None if n < 0 else attr.value.data[:n].decode("utf-8", "replace")


def score(LexborNode body, object names_flags, int negative, int positive):
    """``content._score`` in C: ``[(node, score)]`` for every container scored, in the order
    the Python scorer meets them. ``names_flags(cls, ident)`` judges a container's names;
    ``negative`` and ``positive`` are the bits that move its score by 25."""
    cdef Walk walk
    walk.entries = NULL
    walk.count = 0
    walk.capacity = 0
    walk.failed = False
    cdef LexborHTMLParser parser = body.parser
    cdef dict index = {}
    cdef list nodes = [], scores = []
    cdef size_t i, size
    cdef Py_ssize_t level, at
    cdef uintptr_t tag
    cdef lxb_dom_node_t *start
    cdef lxb_dom_node_t *container
    cdef double points, base
    cdef Weight *text
    cdef int flags
    cdef element_t *element
    try:
        _fill(body.node, -1, &walk)
        if walk.failed:
            raise MemoryError
        for i in range(walk.count):
            tag = walk.entries[i].node.local_name
            if not _is_text_tag(tag):
                continue
            text = &walk.entries[i].deep if tag == LXB_TAG_P or tag == LXB_TAG_PRE else &walk.entries[i].own
            size = stripped(text)
            if size < 25:
                continue
            points = <double> (1 + text.punct) + min(<double> size / 100.0, 3.0)
            start = walk.entries[i].node if _is_div_like(tag) else walk.entries[i].node.parent
            if _stops(start):
                continue
            container = start
            for level in range(5):
                key = <size_t> container
                at = index.get(key, -1)
                if at < 0:
                    element = <element_t *> container
                    flags = names_flags(_attr(element.attr_class), _attr(element.attr_id))
                    base = _tag_base(container.local_name)
                    if flags:
                        base += (-25.0 if flags & negative else 0.0) + (25.0 if flags & positive else 0.0)
                    at = len(nodes)
                    index[key] = at
                    nodes.append(LexborNode.new(container, parser))
                    scores.append(base)
                scores[at] += points / (1.0 if level == 0 else 2.0 if level == 1 else level * 3.0)
                container = container.parent
                if _stops(container):
                    break
    finally:
        PyMem_Free(walk.entries)
    return list(zip(nodes, scores))


cdef inline lxb_dom_node_t *_after(lxb_dom_node_t *node, lxb_dom_node_t *top) noexcept:
    """The node after ``node``'s subtree in document order, within ``top`` (NULL past it)."""
    while node != top and node.next == NULL:
        node = node.parent
    return NULL if node == top else node.next


cdef inline lxb_dom_node_t *_next(lxb_dom_node_t *node, lxb_dom_node_t *top) noexcept:
    """The node after ``node`` in document order, within ``top``'s subtree (NULL past it)."""
    return node.first_child if node.first_child != NULL else _after(node, top)


# -- surveys ---------------------------------------------------------------------------------

# Tag names by Lexbor's tag id, for the ids every document shares (ids from
# LXB_TAG__LAST_ENTRY up name a document's own custom elements, so they are looked up per call).
cdef dict _TAG_NAMES = {}


cdef inline bint _is_junk(uintptr_t tag) noexcept:
    """``dom.JUNK_TAGS``."""
    return (
        tag == LXB_TAG_SCRIPT or tag == LXB_TAG_STYLE or tag == LXB_TAG_NOSCRIPT
        or tag == LXB_TAG_TEMPLATE or tag == LXB_TAG_IFRAME or tag == LXB_TAG_SVG
        or tag == LXB_TAG_CANVAS or tag == LXB_TAG_BUTTON or tag == LXB_TAG_SELECT
        or tag == LXB_TAG_TEXTAREA or tag == LXB_TAG_OBJECT
    )


cdef inline bint _is_called(lxb_dom_attr_t *attr, const char *name, size_t length) noexcept:
    """Whether ``attr`` is called ``name``, one of the names Lexbor does not predefine (those
    have ids below LXB_DOM_ATTR__LAST_ENTRY; the others' ids point to their spelling)."""
    cdef uintptr_t id = attr.node.local_name
    cdef attr_data_t *data
    if id <= LXB_DOM_ATTR__LAST_ENTRY:
        return False
    data = <attr_data_t *> id
    return data.entry.length == length and memcmp(
        lexbor_hash_entry_str(&data.entry), name, length
    ) == 0


cdef inline bint _holds(lexbor_str_t *value, const char *word, size_t length) noexcept:
    """Whether ``value`` holds ``word`` (lower-case ASCII), in any case."""
    cdef size_t i, k
    if value == NULL or value.data == NULL or value.length < length:
        return False
    for i in range(value.length - length + 1):
        for k in range(length):
            if (value.data[i + k] | 0x20) != word[k]:
                break
        else:
            return True
    return False


def survey_document(LexborNode root):
    """One walk over the document, before anything is removed: ``(heads, junk)``.

    ``heads`` are what ``metadata.read_meta`` reads, as ``root.css("meta[content],
    [itemprop], script, base[href]")`` lists them (each once); ``junk`` the outermost
    elements of ``dom.JUNK_TAGS``, which the caller removes instead of ``strip_tags``.
    """
    cdef LexborHTMLParser parser = root.parser
    cdef list heads = [], junk = []
    cdef lxb_dom_node_t *top = root.node
    cdef lxb_dom_node_t *node = top
    cdef lxb_dom_node_t *junk_end = NULL
    cdef bint in_junk = False, content, href, itemprop
    cdef lxb_dom_attr_t *attr
    cdef uintptr_t tag, id
    while node != NULL:
        if in_junk and node == junk_end:
            in_junk = False
        if node.type == ELEMENT:
            tag = node.local_name
            content = href = itemprop = False
            attr = (<element_t *> node).first_attr
            while attr != NULL:
                id = attr.node.local_name
                if id == LXB_DOM_ATTR_CONTENT:
                    content = True
                elif id == LXB_DOM_ATTR_HREF:
                    href = True
                elif _is_called(attr, b"itemprop", 8):
                    itemprop = True
                attr = attr.next
            if (
                tag == LXB_TAG_SCRIPT or itemprop or (tag == LXB_TAG_META and content)
                or (tag == LXB_TAG_BASE and href)
            ):
                heads.append(LexborNode.new(node, parser))
            if not in_junk and _is_junk(tag):
                junk.append(LexborNode.new(node, parser))
                in_junk = True
                junk_end = _after(node, top)
        node = _next(node, top)
    return heads, junk


# -- judging the names of the body's elements ------------------------------------------------

cdef enum:
    # What ``Judge`` knows of a tag (``Judge.tag_flags``).
    TAG_KNOWN = 1
    TAG_JUDGED = 2  # extract._JUDGED: its names are judged for the cleanup
    TAG_KEPT = 4  # content.NEVER_UNLIKELY
    TAG_SKIPPED = 8  # extract._NEVER_NAMED: never looked at
    TAG_LIST = 16  # ol or ul (a WordPress comment list)
    NAME_BUFFER = 256  # lower-cased names up to this long are built on the stack


cdef struct Word:
    const unsigned char *data
    Py_ssize_t length
    long kinds


cdef struct Seen:
    # One (tag, class, id) judged in this walk: the names are Lexbor's own bytes.
    uint64_t hash
    uintptr_t tag
    const unsigned char *cls
    Py_ssize_t cls_len  # -1: no class
    const unsigned char *ident
    Py_ssize_t id_len
    long bits
    bint used


cdef inline uint64_t _mix(uint64_t h, const unsigned char *d, Py_ssize_t n) noexcept:
    """``h`` and the bytes ``d[:n]`` hashed together, eight bytes at a time."""
    cdef uint64_t w
    while n >= 8:
        memcpy(&w, d, 8)
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL
        h ^= h >> 29
        d += 8
        n -= 8
    w = 0
    if n > 0:
        memcpy(&w, d, n)
    h = (h ^ w ^ (<uint64_t> n << 56)) * 0x9E3779B97F4A7C15ULL
    return h ^ (h >> 29)


cdef inline bint _ascii(const unsigned char *d, Py_ssize_t n) noexcept:
    cdef Py_ssize_t i
    for i in range(n):
        if d[i] >= 0x80:
            return False
    return True


cdef inline void _lower(const unsigned char *d, Py_ssize_t n, unsigned char *out) noexcept:
    """ASCII ``d[:n]`` in lower case (what ``str.lower`` gives for ASCII)."""
    cdef Py_ssize_t i
    cdef unsigned char c
    for i in range(n):
        c = d[i]
        out[i] = c + 32 if 0x41 <= c <= 0x5A else c


cdef inline bint _holds_word(const unsigned char *d, Py_ssize_t n, const char *word,
                             Py_ssize_t length) noexcept:
    """Whether ``word`` occurs in ``d[:n]``."""
    cdef Py_ssize_t i
    for i in range(n - length + 1):
        if memcmp(d + i, word, length) == 0:
            return True
    return False


cdef inline bint _starts(const unsigned char *d, Py_ssize_t n, const char *word,
                         Py_ssize_t length) noexcept:
    return n >= length and memcmp(d, word, length) == 0


cdef class Judge:
    """``extract._verdict`` in C, over the bytes of an element's class and id.

    Built once from what the Python judges read (the name words of ``names``, the comment
    names of ``hints``, the tags of ``extract`` and ``content``), it applies their rules:
    ``hints.verdict`` for the comment bits, ``names.first_flags`` for a related box or a
    container to remove. Names that are not ASCII, and custom tags, go to the Python
    ``verdict`` instead (``survey_body``), where lower-casing is Unicode's.
    """

    cdef Table table
    cdef long wanted, against, cleared, rail, embed
    cdef long related, unlikely, maybe, related_bit, unlikely_bit
    cdef long adapter, section, wp_list, placeholder, comment_class
    cdef Word *class_words
    cdef Py_ssize_t class_count
    cdef Word *id_words
    cdef Py_ssize_t id_count
    cdef list owned  # the bytes the words point into
    cdef frozenset judged, kept, skipped
    cdef unsigned char tags[LXB_TAG__LAST_ENTRY]

    def __cinit__(self):
        self.table.children = NULL
        self.table.values = NULL
        self.class_words = NULL
        self.id_words = NULL

    def __init__(self, dict words, tuple first, long related, long unlikely, long maybe,
                 dict class_kinds, dict id_kinds, tuple comment_bits, frozenset judged,
                 frozenset kept, frozenset skipped, long related_bit, long unlikely_bit):
        """``words`` and ``first`` as ``names._WORDS`` and ``names._FIRST_JUDGE``;
        ``related``, ``unlikely`` and ``maybe`` the names bits; ``class_kinds`` and
        ``id_kinds`` what each class token and id names for the comment finder, and
        ``comment_bits`` the bits of ``hints`` (adapter, section, WordPress list,
        placeholder, and the Lobsters "comment" class); ``judged``, ``kept`` and
        ``skipped`` the tags whose names are judged, never removed, and never looked at;
        ``related_bit`` and ``unlikely_bit`` the bits the verdict adds."""
        _build(&self.table, words)
        self.wanted, self.against, self.cleared, self.rail, self.embed = first
        self.related, self.unlikely, self.maybe = related, unlikely, maybe
        self.related_bit, self.unlikely_bit = related_bit, unlikely_bit
        (self.adapter, self.section, self.wp_list, self.placeholder,
         self.comment_class) = comment_bits
        self.owned = []
        self.class_words = self._words(class_kinds, &self.class_count)
        self.id_words = self._words(id_kinds, &self.id_count)
        self.judged, self.kept, self.skipped = judged, kept, skipped
        memset(self.tags, 0, sizeof(self.tags))

    cdef Word *_words(self, dict kinds, Py_ssize_t *count) except NULL:
        cdef Word *out = <Word *> PyMem_Calloc(len(kinds) + 1, sizeof(Word))
        cdef bytes data
        cdef Py_ssize_t i = 0
        if out == NULL:
            raise MemoryError
        for name, bits in kinds.items():
            data = name.encode("ascii")
            self.owned.append(data)
            out[i].data = <const unsigned char *> data
            out[i].length = len(data)
            out[i].kinds = bits
            i += 1
        count[0] = i
        return out

    def __dealloc__(self):
        _free(&self.table)
        PyMem_Free(self.class_words)
        PyMem_Free(self.id_words)

    cdef unsigned char tag_flags(self, uintptr_t tag, str name) noexcept:
        """What the judges know of a Lexbor tag (``name``: its name, or None if known)."""
        cdef unsigned char flags
        if tag < LXB_TAG__LAST_ENTRY and self.tags[tag]:
            return self.tags[tag]
        flags = TAG_KNOWN
        if name in self.judged:
            flags |= TAG_JUDGED
        if name in self.kept:
            flags |= TAG_KEPT
        if name in self.skipped:
            flags |= TAG_SKIPPED
        if name == "ol" or name == "ul":
            flags |= TAG_LIST
        if tag < LXB_TAG__LAST_ENTRY:
            self.tags[tag] = flags
        return flags

    cdef long _kinds(self, const Word *words, Py_ssize_t count, const unsigned char *d,
                     Py_ssize_t n) noexcept:
        cdef Py_ssize_t i
        for i in range(count):
            if words[i].length == n and memcmp(words[i].data, d, n) == 0:
                return words[i].kinds
        return 0

    cdef long bits(self, unsigned char tag_flags, const unsigned char *cls, Py_ssize_t cls_len,
                   const unsigned char *ident, Py_ssize_t id_len) noexcept:
        """The verdict for ASCII names already lower-cased (a length of -1: no attribute)."""
        cdef long bits = 0, class_kinds = 0, id_kinds = 0, flags = 0
        cdef Py_ssize_t start = 0, end = 0, i, dashes = 0
        cdef Py_ssize_t n_cls = cls_len if cls_len > 0 else 0
        cdef Py_ssize_t n_id = id_len if id_len > 0 else 0
        # hints.verdict
        while _next_token(<const uint8_t *> cls, n_cls, &start, &end):
            class_kinds |= self._kinds(self.class_words, self.class_count, cls + start, end - start)
        id_kinds = self._kinds(self.id_words, self.id_count, ident, n_id)
        if class_kinds & self.adapter or _starts(ident, n_id, b"postmessage_", 12):
            bits |= self.adapter
        elif class_kinds & self.comment_class and _starts(ident, n_id, b"c_", 2):
            bits |= self.adapter
        if (
            id_kinds & self.section or class_kinds & self.section
            or _holds_word(ident, n_id, b"pinglun", 7) or _holds_word(cls, n_cls, b"pinglun", 7)
        ):
            bits |= self.section
        if tag_flags & TAG_LIST and class_kinds & self.wp_list:
            bits |= self.wp_list
        if id_kinds & self.placeholder or class_kinds & self.placeholder:
            bits |= self.placeholder
        # names.first_flags, on "class id" (an id of four dashes or more is a slug: left out)
        if tag_flags & TAG_JUDGED and (n_cls or n_id):
            flags = _judge(&self.table, <const uint8_t *> cls, n_cls, self.wanted,
                           self.against, self.cleared, self.rail, self.embed)
            for i in range(n_id):
                dashes += ident[i] == 0x2D
            if dashes < 4:
                flags |= _judge(&self.table, <const uint8_t *> ident, n_id, self.wanted,
                                self.against, self.cleared, self.rail, self.embed)
            if flags & self.related:
                bits |= self.related_bit
            if flags & self.unlikely and not flags & self.maybe and not tag_flags & TAG_KEPT:
                bits |= self.unlikely_bit
        return bits

    cdef long names(self, unsigned char tag_flags, lxb_dom_attr_t *cls, lxb_dom_attr_t *ident,
                    bint *done) except? -1:
        """``bits`` for an element's class and id attributes; ``done`` False where they are
        not ASCII (the caller asks Python)."""
        cdef Py_ssize_t cls_len = _value_len(cls), id_len = _value_len(ident)
        cdef Py_ssize_t n_cls = cls_len if cls_len > 0 else 0
        cdef Py_ssize_t n_id = id_len if id_len > 0 else 0
        cdef unsigned char stack[NAME_BUFFER]
        cdef unsigned char *low = stack
        cdef long bits
        if not _ascii(_value(cls), n_cls) or not _ascii(_value(ident), n_id):
            done[0] = False
            return 0
        done[0] = True
        if n_cls + n_id > NAME_BUFFER:
            low = <unsigned char *> PyMem_Malloc(n_cls + n_id)
            if low == NULL:
                raise MemoryError
        _lower(_value(cls), n_cls, low)
        _lower(_value(ident), n_id, low + n_cls)
        bits = self.bits(tag_flags, low, cls_len, low + n_cls, id_len)
        if low != stack:
            PyMem_Free(low)
        return bits


cdef class _SeenTable:
    """The (tag, class, id) judged in one walk, found again by their bytes: a page repeats
    its names three times over on average."""

    cdef Seen *slots
    cdef Py_ssize_t capacity, count

    def __cinit__(self):
        self.capacity = 512
        self.count = 0
        self.slots = <Seen *> PyMem_Calloc(self.capacity, sizeof(Seen))
        if self.slots == NULL:
            raise MemoryError

    def __dealloc__(self):
        PyMem_Free(self.slots)

    cdef Seen *find(self, uint64_t h, uintptr_t tag, const unsigned char *cls, Py_ssize_t cls_len,
                    const unsigned char *ident, Py_ssize_t id_len) noexcept:
        """The slot of these names, or the free one where they go (``used`` False)."""
        cdef size_t at = <size_t> h & <size_t> (self.capacity - 1)
        cdef Seen *slot
        while True:
            slot = &self.slots[at]
            if not slot.used:
                return slot
            if (
                slot.hash == h and slot.tag == tag and slot.cls_len == cls_len
                and slot.id_len == id_len
                and (cls_len <= 0 or memcmp(slot.cls, cls, cls_len) == 0)
                and (id_len <= 0 or memcmp(slot.ident, ident, id_len) == 0)
            ):
                return slot
            at = (at + 1) & <size_t> (self.capacity - 1)

    cdef int keep(self, Seen *slot, uint64_t h, uintptr_t tag, const unsigned char *cls,
                  Py_ssize_t cls_len, const unsigned char *ident, Py_ssize_t id_len,
                  long bits) except -1:
        """Fill the free ``slot`` that ``find`` gave for these names."""
        slot.used = True
        slot.hash = h
        slot.tag = tag
        slot.cls = cls
        slot.cls_len = cls_len
        slot.ident = ident
        slot.id_len = id_len
        slot.bits = bits
        self.count += 1
        if self.count * 2 > self.capacity:
            self.grow()
        return 0

    cdef int grow(self) except -1:
        """Twice the room, every slot moved (kept at most half full)."""
        cdef Seen *old = self.slots
        cdef Py_ssize_t old_capacity = self.capacity, i
        cdef Seen *slot
        self.slots = <Seen *> PyMem_Calloc(old_capacity * 2, sizeof(Seen))
        if self.slots == NULL:
            self.slots = old
            raise MemoryError
        self.capacity = old_capacity * 2
        for i in range(old_capacity):
            if old[i].used:
                slot = self.find(old[i].hash, old[i].tag, old[i].cls, old[i].cls_len,
                                 old[i].ident, old[i].id_len)
                slot[0] = old[i]
        PyMem_Free(old)
        return 0


cdef long _named_bits(Judge judge, _SeenTable seen, object verdict, uintptr_t tag,
                      unsigned char flags, object name, element_t *element) except? -1:
    """The verdict on an element's names: found again in ``seen``, else from ``judge``, else
    (names that are not ASCII, custom tags) from ``verdict``, and kept in ``seen``."""
    cdef lxb_dom_attr_t *cls = element.attr_class
    cdef lxb_dom_attr_t *ident = element.attr_id
    cdef Py_ssize_t cls_len = _value_len(cls), id_len = _value_len(ident)
    cdef uint64_t h = (<uint64_t> tag << 40) ^ (<uint64_t> (cls_len + 1) << 20) ^ <uint64_t> (id_len + 1)
    cdef Seen *slot
    cdef long bits = 0
    cdef bint done = False
    if cls_len > 0:
        h = _mix(h, _value(cls), cls_len)
    if id_len > 0:
        h = _mix(h, _value(ident), id_len)
    slot = seen.find(h, tag, _value(cls), cls_len, _value(ident), id_len)
    if slot.used:
        return slot.bits
    if tag < LXB_TAG__LAST_ENTRY:
        bits = judge.names(flags, cls, ident, &done)
    if not done:
        if name is None:  # (a tag of Lexbor's own, named when the judge first met it)
            name = _TAG_NAMES[tag]
        bits = verdict(name, _attr(cls), _attr(ident))
    seen.keep(slot, h, tag, _value(cls), cls_len, _value(ident), id_len, bits)
    return bits


def survey_body(LexborNode root, Judge judge, object verdict):
    """One walk over the body: ``(named, hidden, landmarks)``, each in document order.

    ``named``: ``[(node, bits)]`` for the elements that carry a class or an id, whose tag
    the ``judge`` does not skip, and whose verdict is not zero: ``judge``'s for ASCII names
    of Lexbor's own tags, ``verdict(tag, cls, ident)`` for the others (what
    ``root.css("[class], [id]")`` and ``extract._verdict`` per node would give, each node
    once). ``hidden``: the elements ``content.remove_hidden`` selects (a ``hidden``
    attribute, or "none" or "hidden" in the style). ``landmarks``: the ``nav``, ``aside``
    and ``footer``.
    """
    cdef LexborHTMLParser parser = root.parser
    cdef list named = [], hidden = [], landmarks = []
    cdef dict custom = {}
    cdef dict names
    cdef lxb_dom_node_t *node = root.node
    cdef lxb_dom_node_t *top = root.node
    cdef element_t *element
    cdef lxb_dom_attr_t *attr
    cdef uintptr_t tag
    cdef object name
    cdef long bits
    cdef unsigned char flags
    cdef _SeenTable seen = _SeenTable()
    while node != NULL:
        if node.type == ELEMENT:
            element = <element_t *> node
            tag = node.local_name
            if element.attr_class != NULL or element.attr_id != NULL:
                flags = judge.tags[tag] if tag < LXB_TAG__LAST_ENTRY else 0
                name = None
                if not flags:
                    names = _TAG_NAMES if tag < LXB_TAG__LAST_ENTRY else custom
                    name = names.get(tag)
                    if name is None:
                        name = names[tag] = LexborNode.new(node, parser).tag
                    flags = judge.tag_flags(tag, name)
                if not flags & TAG_SKIPPED:
                    bits = _named_bits(judge, seen, verdict, tag, flags, name, element)
                    if bits:
                        named.append((LexborNode.new(node, parser), bits))
            attr = element.first_attr
            while attr != NULL:
                if _is_called(attr, b"hidden", 6) or (
                    attr.node.local_name == LXB_DOM_ATTR_STYLE
                    and (_holds(attr.value, b"none", 4) or _holds(attr.value, b"hidden", 6))
                ):
                    hidden.append(LexborNode.new(node, parser))
                    break
                attr = attr.next
            if tag == LXB_TAG_NAV or tag == LXB_TAG_ASIDE or tag == LXB_TAG_FOOTER:
                landmarks.append(LexborNode.new(node, parser))
        node = _next(node, top)
    return named, hidden, landmarks


# -- page text -------------------------------------------------------------------------------

cdef struct Buffer:
    char *data
    Py_ssize_t size
    Py_ssize_t capacity


cdef int _add_line(Buffer *buf, const unsigned char *d, Py_ssize_t n) except -1:
    """Append ``d[:n]`` to ``buf``, after a newline unless it is the first line."""
    cdef char *grown
    cdef Py_ssize_t need = buf.size + n + 1
    if need > buf.capacity:
        grown = <char *> PyMem_Realloc(buf.data, need * 2)
        if grown == NULL:
            raise MemoryError
        buf.data = grown
        buf.capacity = need * 2
    if buf.size:
        buf.data[buf.size] = 0x0A
        buf.size += 1
    memcpy(buf.data + buf.size, d, n)
    buf.size += n
    return 0


cdef int _collect_lines(lxb_dom_node_t *top, Buffer *out) except -1:
    cdef lxb_dom_node_t *node = top
    cdef lexbor_str_t *data
    cdef const unsigned char *d
    cdef Py_ssize_t n, start, end, a, b
    while node != NULL:
        if node.type == TEXT:
            data = &(<lxb_dom_character_data_t *> node).data
            d = data.data
            n = <Py_ssize_t> data.length if d != NULL else 0
            start = 0
            while start <= n:  # each line of the text node
                end = start
                while end < n and d[end] != 0x0A:
                    end += 1
                a = _lead_space(d, start, end)
                b = _trail_space(d, a, end)
                if b > a:
                    _add_line(out, d + a, b - a)
                start = end + 1
        node = _next(node, top)
    return 0


cdef bint _needs_cleaning(const unsigned char *d, Py_ssize_t n) noexcept:
    """Whether the UTF-8 in ``d[:n]`` holds a character that ``sanitize.clean_text`` changes
    (its ``_NEEDS_CLEANING``): C0 controls but tab and newline, carriage return, DEL and C1,
    the bidi marks, embeddings, overrides and isolates, the BOM and the interlinear
    annotation marks. Bytes that do not decode are read as the replacement character is,
    which needs nothing."""
    cdef Py_ssize_t i
    cdef unsigned char c, c1, c2
    for i in range(n):
        c = d[i]
        if c < 0x20:
            if c != 0x09 and c != 0x0A:
                return True
        elif c == 0x7F:
            return True
        elif c >= 0xC2 and i + 1 < n:
            c1 = d[i + 1]
            if c == 0xC2:
                if 0x80 <= c1 <= 0x9F:  # U+0080-U+009F
                    return True
            elif c == 0xD8:
                if c1 == 0x9C:  # U+061C
                    return True
            elif (c == 0xE2 or c == 0xEF) and i + 2 < n:
                c2 = d[i + 2]
                if c == 0xE2 and c1 == 0x80 and (c2 == 0x8E or c2 == 0x8F or 0xAA <= c2 <= 0xAE):
                    return True  # U+200E, U+200F, U+202A-U+202E
                if c == 0xE2 and c1 == 0x81 and 0xA6 <= c2 <= 0xA9:
                    return True  # U+2066-U+2069
                if c == 0xEF and c1 == 0xBB and c2 == 0xBF:
                    return True  # U+FEFF
                if c == 0xEF and c1 == 0xBF and 0xB9 <= c2 <= 0xBB:
                    return True  # U+FFF9-U+FFFB
    return False


def lines(LexborNode root):
    """``(text, dirty)``: the stripped, non-empty lines of every text node under ``root`` in
    document order, joined by newlines (``dom.page_text`` before its ``clean_text``), and
    whether ``clean_text`` would change them (read from the bytes in the same walk's output,
    which spares the regex a scan of the whole page)."""
    cdef Buffer out
    out.data = NULL
    out.size = 0
    out.capacity = 0
    try:
        _collect_lines(root.node, &out)
        if out.size == 0:
            return "", False
        return (
            PyUnicode_DecodeUTF8(out.data, out.size, "replace"),
            _needs_cleaning(<const unsigned char *> out.data, out.size),
        )
    finally:
        PyMem_Free(out.data)
