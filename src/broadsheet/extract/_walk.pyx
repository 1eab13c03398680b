# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Walks over Lexbor's nodes in C: text weights and content scores, the named elements,
the page's lines (see ``native.py``).

Scoring a page asks for the text weight (UTF-8 bytes, ends stripped as ``str.strip`` does)
of hundreds of elements, their links and their paragraphs. Through selectolax each answer
builds a Python string of the element's whole text; here one walk over Lexbor's nodes reads
the byte counts straight from the text nodes. The walk over named elements and the page's
lines spare a selector pass and hundreds of attribute dictionaries and strings. Every
function gives exactly what its Python twin gives: the tests compare them on the fixture
pages and on random tag soup, and the Python twins run wherever this module was not built.

It reads selectolax's ``LexborNode`` and Lexbor's node structs directly, so it is built
against the selectolax release it runs with (the build pins it) and Lexbor's headers of
that release (``vendor/lexbor``); ``native.py`` loads it only beside that release.
"""

from cpython.mem cimport PyMem_Free, PyMem_Realloc
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.string cimport memcmp, memcpy
from libc.stdint cimport uintptr_t
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


cdef object _attr(lxb_dom_attr_t *attr):
    if attr == NULL or attr.value == NULL or attr.value.data == NULL:
        return None
    return attr.value.data[:attr.value.length].decode("utf-8", "replace")


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


def survey_body(LexborNode root, object verdict, frozenset skipped):
    """One walk over the body: ``(named, hidden, landmarks)``, each in document order.

    ``named``: ``[(node, bits)]`` for the elements that carry a class or an id, are not
    ``skipped`` tags, and get non-zero ``verdict(tag, cls, ident)`` (what
    ``root.css("[class], [id]")`` and a verdict per node would give, each node once).
    ``hidden``: the elements ``content.remove_hidden`` selects (a ``hidden`` attribute, or
    "none" or "hidden" in the style). ``landmarks``: the ``nav``, ``aside`` and ``footer``.
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
    cdef object name, bits
    while node != NULL:
        if node.type == ELEMENT:
            element = <element_t *> node
            tag = node.local_name
            if element.attr_class != NULL or element.attr_id != NULL:
                names = _TAG_NAMES if tag < LXB_TAG__LAST_ENTRY else custom
                name = names.get(tag)
                if name is None:
                    name = names[tag] = LexborNode.new(node, parser).tag
                if name not in skipped:
                    bits = verdict(name, _attr(element.attr_class), _attr(element.attr_id))
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
