"""Records to HTML fragments: one module per piece of a card.

Every string that came from a bib file or a page passes through :func:`esc` or
:func:`rich_html`; nothing else writes markup.
"""
