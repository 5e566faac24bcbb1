"""The only MkDocs-aware code: hooks that load the data and add generated pages, and the page macros.

Keep it thin: everything it calls lives in ``macros.core`` and ``macros.render``.
"""
