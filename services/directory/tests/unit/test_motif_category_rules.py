import pytest
from directory.domain.errors import InvalidField
from directory.domain.motif_categories import MotifCategory


def test_a_category_name_is_trimmed():
    category = MotifCategory(territory_id=1, name="  Orientation   RSA ", short_name=" rsa_orientation ")
    category.validate()
    assert (category.name, category.short_name) == ("Orientation RSA", "rsa_orientation")


@pytest.mark.parametrize("short_name", ["", "RSA", "carte identité", "cni-passeport", "x" * 65])
def test_a_short_name_is_1_to_64_lower_case_letters_digits_or_underscores(short_name: str):
    with pytest.raises(InvalidField) as error:
        MotifCategory(territory_id=1, name="Orientation", short_name=short_name).validate()
    assert error.value.field == "short_name"


@pytest.mark.parametrize("name", ["", "  ", "x" * 201])
def test_a_category_needs_a_name(name: str):
    with pytest.raises(InvalidField) as error:
        MotifCategory(territory_id=1, name=name, short_name="ok").validate()
    assert error.value.field == "name"
