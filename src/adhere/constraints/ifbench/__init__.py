"""The 58 IFBench instruction types, with the reference's verdicts.

Importing this package registers them; ids are IFBench's, kept verbatim.
"""

from adhere.constraints.ifbench import (  # noqa: F401
    _count,
    _custom,
    _format,
    _ratio,
    _repeat,
    _sentence,
    _words,
)
