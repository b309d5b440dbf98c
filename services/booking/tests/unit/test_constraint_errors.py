"""Database refusals on the busy ranges and capacity become the domain's errors, never a 500."""

import pytest
from booking.adapters.rdv_repository import ConstraintErrors
from booking.domain.errors import RdvFull, SlotTaken
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError


class Refusal(Exception):
    def __init__(self, sqlstate: str, text: str = "") -> None:
        super().__init__(text)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (IntegrityError("INSERT", {}, Refusal("23P01")), SlotTaken),
        (OperationalError("INSERT", {}, Refusal("40P01")), SlotTaken),
        (IntegrityError("UPDATE", {}, Refusal("23514", 'violates "within_capacity"')), RdvFull),
    ],
)
async def test_a_refusal_of_the_database_is_a_domain_error(error: DBAPIError, expected: type[Exception]):
    with pytest.raises(expected):
        async with ConstraintErrors():
            raise error


async def test_other_database_errors_pass_through():
    with pytest.raises(OperationalError):
        async with ConstraintErrors():
            raise OperationalError("INSERT", {}, Refusal("57P01"))
