"""Applying a partial update to an entity: only the fields the caller may set."""

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from directory.domain.errors import InvalidField

E = TypeVar("E")


def apply_changes(entity: E, changes: Mapping[str, Any], allowed: Iterable[str]) -> E:
    allowed_set = set(allowed)
    for name in changes:
        if name not in allowed_set:
            raise InvalidField(name, "ce champ ne peut pas être modifié")
    return dataclasses.replace(entity, **changes)  # type: ignore[type-var]
