"""Other generators' syntax in article bodies, understood at build time and by `ssg import`:
Jekyll's Liquid and kramdown, Hugo's shortcodes, WordPress's shortcodes, MDX components.

`convert` is pure: a body and its Context (the site's values, the front-matter, the
include files) to Markdown and HTML, with a note for each construct left as written.
The reader runs it for the notes and the articles the body links to by name; the
renderer runs it again, with the same context, for the text.
"""

from .convert import REFERENCE, Context, Converted, convert
from .kramdown import ATTRIBUTE_LIST, TOC_MARK

__all__ = ["ATTRIBUTE_LIST", "REFERENCE", "TOC_MARK", "Context", "Converted", "convert"]
