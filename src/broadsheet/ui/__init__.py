"""The Textual app: article list, reading pane and comment view over a ``Library``.

Nothing outside this package imports it at module level: the CLI imports ``broadsheet.ui.app``
only when the app starts, so the headless core never pulls in Textual.
"""
