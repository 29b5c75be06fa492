"""The Bambu Lab HMS code catalog: what each code means, how bad it is and how to fix it.

Built from the same Rust crates as the ``hms`` command: the same tables, the same rules.

    >>> import hms_catalog
    >>> found = hms_catalog.lookup("HMS_0700-2000-0002-0003")
    >>> found.unit, found.slot, found.level.name
    ('A', 3, 'WARNING')
"""

from ._native import (
    Action,
    Entry,
    Event,
    Lang,
    Level,
    Lookup,
    Model,
    Module,
    Procedure,
    Tracker,
    __version__,
    decode,
    entries,
    procedures,
)
from ._native import _hits
from ._native import lookup as _lookup

__all__ = [
    "Action",
    "Entry",
    "Event",
    "Lang",
    "Level",
    "Lookup",
    "Model",
    "Module",
    "Procedure",
    "Tracker",
    "__version__",
    "decode",
    "entries",
    "lookup",
    "procedures",
]


def lookup(code, *, model=None, lang=None):
    """The catalog's answer for a code (see the stub, __init__.pyi).

    A code looked up before without `model` and `lang` is answered from the results the
    extension keeps (`_hits`, only `str` keys), without calling into it.
    """
    if model is None and lang is None:
        if code.__class__ is str:
            try:
                return _hits[code]
            except KeyError:
                pass
        return _lookup(code)
    return _lookup(code, model=model, lang=lang)
