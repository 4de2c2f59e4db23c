"""Every constraint type by id: finds the families, looks up and builds constraints.

A family is a subpackage of ``adhere.constraints`` (``ifeval``, ``ifbench``,
...) or a module that another distribution names under the entry-point group
``adhere.constraints``; importing it registers its types with
:func:`adhere.constraints._base.register`. Families are found, never listed,
so adding one edits nothing here. They load on the first lookup, not when
adhere is imported; the entry points are read only when they can matter.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import pkgutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from adhere.constraints._base import Constraint, UnknownConstraintError, instantiate, registered
from adhere.errors import AdhereError

__all__ = [
    "ENTRY_POINT_GROUP",
    "build",
    "constraint_ids",
    "constraint_type",
    "load_families",
    "load_plugin_families",
]

ENTRY_POINT_GROUP = "adhere.constraints"
_PACKAGE = __name__.rpartition(".")[0]


@functools.cache
def load_families() -> None:
    """Import the families in this package, once: importing each registers its types."""
    here = str(Path(__file__).parent)
    for family in pkgutil.iter_modules([here], prefix=f"{_PACKAGE}."):
        if family.ispkg:
            importlib.import_module(family.name)


@functools.cache
def load_plugin_families() -> None:
    """Import the families other distributions declare, once.

    Read only when an id is not among adhere's own or every id is asked for:
    scanning the installed distributions costs more than loading adhere's families.
    """
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry.load()
        except Exception as error:  # name the plugin that broke, whatever it raised
            raise AdhereError(
                f"constraint family {entry.name!r} ({entry.value}, entry point group "
                f"{ENTRY_POINT_GROUP!r}) failed to load: {error}"
            ) from error


def constraint_ids() -> list[str]:
    """Every registered instruction id, sorted."""
    load_families()
    load_plugin_families()
    return sorted(registered())


def constraint_type(constraint_id: str) -> type[Constraint]:
    load_families()
    if constraint_id not in registered():
        load_plugin_families()
    types_by_id = registered()
    try:
        return types_by_id[constraint_id]
    except KeyError:
        close = difflib.get_close_matches(constraint_id, types_by_id, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownConstraintError(f"unknown instruction id {constraint_id!r}{hint}") from None


def build(constraint_id: str, kwargs: Mapping[str, Any] | None = None) -> Constraint:
    """Build a constraint from an instruction id and its kwargs (see :func:`instantiate`)."""
    return instantiate(constraint_type(constraint_id), kwargs)
