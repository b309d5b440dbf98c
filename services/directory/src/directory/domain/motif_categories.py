"""Categories of motifs of a territory (reference §2: MotifCategory, name and short name)."""

import re
from dataclasses import dataclass

from directory.domain.errors import InvalidField
from directory.domain.territories import require_text

_SHORT_NAME = re.compile(r"^[a-z0-9_]{1,64}$")
MAX_NAME_LENGTH = 200


@dataclass
class MotifCategory:
    territory_id: int
    name: str
    short_name: str
    id: int = 0  # 0 until stored
    version: int = 1

    def validate(self) -> None:
        require_text("name", self.name)
        self.name = " ".join(self.name.split())
        if len(self.name) > MAX_NAME_LENGTH:
            raise InvalidField("name", f"doit faire au plus {MAX_NAME_LENGTH} caractères")
        self.short_name = (self.short_name or "").strip()
        if not _SHORT_NAME.match(self.short_name):
            raise InvalidField(
                "short_name", "de 1 à 64 lettres minuscules sans accent, chiffres ou tirets bas (_)"
            )
