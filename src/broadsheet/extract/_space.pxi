# Included by the compiled modules that split or strip text as Python's ``str`` does.


cdef inline bint _is_space(unsigned int cp) noexcept:
    """``str.isspace`` for one code point."""
    if cp <= 0x20:
        return cp == 0x20 or 0x09 <= cp <= 0x0D or 0x1C <= cp <= 0x1F
    if cp < 0x85:
        return False
    return (
        cp == 0x85 or cp == 0xA0 or cp == 0x1680 or 0x2000 <= cp <= 0x200A or cp == 0x2028
        or cp == 0x2029 or cp == 0x202F or cp == 0x205F or cp == 0x3000
    )
