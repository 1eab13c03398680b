"""The export formats, one module per format, plus file naming and batch export.

``broadsheet.export`` is the public face (the registry ``FORMATS``, ``render``,
``export_article``); this package holds the pieces so each format can be read on its own:

- ``base``: ``ExportOptions`` and ``Format``, the shape every writer has;
- ``wrapping``: wrapping in display columns (a CJK character counts two);
- ``inline``: a block's spans (strong, em, code, link) cut into styled runs;
- ``txt``, ``md``, ``json``, ``html``, ``epub``: the writers (``htmlbody`` is the body markup
  shared by html and epub);
- ``names``: safe file names from hostile titles and never-overwriting file creation;
- ``batch``: ``export_many``, many articles into a folder or one EPUB book.

Nothing here imports textual.
"""
