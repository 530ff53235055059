"""Text as an HTML5 parser's extraction yields it, for the sample sites' ground truth.

Both generators write every fragment themselves, so a regex that drops tags is
enough: no fragment they pass here holds a comment, a script or a "<" in text.
"""

import html
import re


def collapse(text):
    """Whitespace collapsed to single spaces and trimmed (ASCII whitespace, as HTML)."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip(" \t\n\r\f")


def text_of(markup):
    """The text of a fragment: tags dropped, entities decoded, whitespace collapsed."""
    return collapse(html.unescape(re.sub(r"<[^>]*>", "", markup)))
