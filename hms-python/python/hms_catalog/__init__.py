"""The Bambu Lab HMS code catalog: what each code means, how bad it is and how to fix it.

Built from the same Rust crates as the ``hms`` command: the same tables, the same rules.

    >>> import hms_catalog
    >>> found = hms_catalog.lookup("HMS_0700-2000-0002-0003")
    >>> found.unit, found.slot, found.level.name
    ('A', 3, 'WARNING')
"""

from ._native import (
    Entry,
    Lang,
    Level,
    Lookup,
    Model,
    Module,
    Procedure,
    __version__,
    decode,
    entries,
    lookup,
    procedures,
)

__all__ = [
    "Entry",
    "Lang",
    "Level",
    "Lookup",
    "Model",
    "Module",
    "Procedure",
    "__version__",
    "decode",
    "entries",
    "lookup",
    "procedures",
]
