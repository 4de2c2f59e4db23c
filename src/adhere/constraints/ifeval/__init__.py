"""The 25 IFEval instruction types, with the reference's verdicts.

Importing this package registers them; ids are IFEval's, kept verbatim.
"""

from adhere.constraints.ifeval import (  # noqa: F401
    _combination,
    _content,
    _format,
    _keywords,
    _language,
    _length,
    _punctuation,
    _startend,
)
