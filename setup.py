"""Builds the compiled parts of extraction: ``_walk`` (walks over Lexbor's nodes), ``_guard``
(the guard's counts over the markup) and ``_trie`` (the class and id name words).

Everything else about the package is in pyproject.toml. The extensions are optional: where
they cannot be compiled (no C compiler), the install goes on and ``broadsheet.extract.native``
falls back to the Python code they mirror, which gives the same results more slowly.
"""

from pathlib import Path

import selectolax
from Cython.Build import cythonize
from setuptools import Extension, setup

# ``_walk.pyx`` cimports selectolax's declarations (lexbor.pxd, beside the module in the
# build environment's site-packages) and includes Lexbor's headers of the same release.
SITE = str(Path(selectolax.__file__).resolve().parent.parent)
WALK = Extension(
    "broadsheet.extract._walk",
    ["src/broadsheet/extract/_walk.pyx"],
    include_dirs=["vendor/lexbor"],
    optional=True,
)
GUARD = Extension("broadsheet.extract._guard", ["src/broadsheet/extract/_guard.pyx"], optional=True)
TRIE = Extension("broadsheet.extract._trie", ["src/broadsheet/extract/_trie.pyx"], optional=True)

setup(ext_modules=cythonize([WALK, GUARD, TRIE], include_path=[SITE], language_level=3, quiet=True))
