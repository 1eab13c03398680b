# A prefix tree of ASCII words and the name judge over it, included by ``_trie.pyx`` (the
# tree as a Python object, for ``names``) and ``_walk.pyx`` (the judge inside the body's walk).
# The includer cimports PyMem_Malloc/PyMem_Free and the int types, and includes "_space.pxi".


ctypedef fused uint_t:
    uint8_t
    uint16_t
    uint32_t


cdef enum:
    START = 0x02  # the sentinels standing for ^ and $ (names._START, names._END)
    END = 0x03


cdef struct Table:
    int16_t symbol[128]  # ASCII character -> column, or -1 for one no word holds
    Py_ssize_t columns
    int32_t *children  # node * columns + column -> child node, or 0 for none
    long *values  # node -> OR of the values of the words ending there


cdef inline long _token_bits(const Table *table, const uint_t *s, Py_ssize_t a, Py_ssize_t b) noexcept:
    """``_bits`` of START + ``s[a:b]`` + END, where a sentinel inside the token reads as a
    character no word holds (``names._raw`` replaces it with a space)."""
    cdef long found = 0
    cdef Py_ssize_t start, i, column
    cdef int32_t node
    cdef uint32_t ch
    for start in range(a - 1, b + 1):  # a - 1 is the START sentinel, b the END one
        node = 0
        for i in range(start, b + 1):
            if i == a - 1:
                ch = START
            elif i == b:
                ch = END
            else:
                ch = s[i]
                if ch == START or ch == END or ch >= 128:
                    break
            column = table.symbol[ch]
            if column < 0:
                break
            node = table.children[node * table.columns + column]
            if node == 0:
                break
            found |= table.values[node]
    return found


cdef inline bint _next_token(const uint_t *s, Py_ssize_t n, Py_ssize_t *start,
                             Py_ssize_t *end) noexcept:
    """Move ``[start, end)`` to the next token of ``s`` after ``end``, as ``str.split`` cuts
    them; False past the last."""
    cdef Py_ssize_t i = end[0]
    while i < n and _is_space(s[i]):
        i += 1
    if i == n:
        return False
    start[0] = i
    while i < n and not _is_space(s[i]):
        i += 1
    end[0] = i
    return True


cdef long _judge(const Table *table, const uint_t *s, Py_ssize_t n, long wanted, long against,
                 long cleared, long rail, long embed) noexcept:
    """``names._judge`` of every token of ``s``, OR-ed: a rail word sets ``against`` and clears
    ``cleared``; an embed word clears ``against`` unless a rail word is there."""
    cdef Py_ssize_t start = 0, end = 0
    cdef long raw, flags, found = 0
    while _next_token(s, n, &start, &end):
        raw = _token_bits(table, s, start, end)
        flags = raw & wanted
        if raw & rail:
            flags = (flags | against) & ~cleared
        elif flags & against and raw & embed:
            flags &= ~against
        found |= flags
    return found



cdef int _build(Table *table, dict words) except -1:
    """Fill ``table`` with ``words`` (ASCII, non-empty) and the values they carry."""
    cdef Py_ssize_t nodes = 1, node, i, column
    cdef int32_t child
    alphabet = sorted({ch for word in words for ch in word})
    if not words or any(not word for word in words) or any(ord(c) >= 128 for c in alphabet):
        raise ValueError("the words must be non-empty and ASCII")
    table.children = NULL
    table.values = NULL
    for i in range(128):
        table.symbol[i] = -1
    for column, ch in enumerate(alphabet):
        table.symbol[ord(ch)] = <int16_t> column
    table.columns = len(alphabet)
    size = 1 + sum(len(word) for word in words)  # nodes at most
    table.children = <int32_t *> PyMem_Malloc(size * table.columns * sizeof(int32_t))
    table.values = <long *> PyMem_Malloc(size * sizeof(long))
    if table.children == NULL or table.values == NULL:
        raise MemoryError
    for i in range(size * table.columns):
        table.children[i] = 0
    for i in range(size):
        table.values[i] = 0
    for word, value in words.items():
        node = 0
        for ch in word:
            column = table.symbol[ord(ch)]
            child = table.children[node * table.columns + column]
            if child == 0:
                child = <int32_t> nodes
                nodes += 1
                table.children[node * table.columns + column] = child
            node = child
        table.values[node] |= <long> value
    return 0


cdef void _free(Table *table) noexcept:
    PyMem_Free(table.children)
    PyMem_Free(table.values)
    table.children = NULL
    table.values = NULL
