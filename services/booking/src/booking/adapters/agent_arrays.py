from typing import Any

from sqlalchemy import Integer, literal
from sqlalchemy.dialects.postgresql import array


def agent_array(agent_id: int) -> Any:
    """`ARRAY[agent_id]` typed like the `agent_ids` columns: a large Python int would otherwise be sent
    as BIGINT, and `integer[] @> bigint[]` fails in PostgreSQL instead of matching nothing."""
    return array([literal(agent_id, Integer)])
