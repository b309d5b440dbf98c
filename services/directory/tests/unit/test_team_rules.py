import pytest
from directory.domain.errors import InvalidField
from directory.domain.teams import Team, check_members


def test_a_team_name_is_trimmed_and_its_members_sorted_once_each():
    team = Team(territory_id=1, name="  Équipe   PMI ", agent_ids=[8, 5, 8])
    team.validate()
    assert (team.name, team.agent_ids) == ("Équipe PMI", [5, 8])


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_a_team_needs_a_name_of_at_most_200_characters(name: str):
    with pytest.raises(InvalidField) as error:
        Team(territory_id=1, name=name).validate()
    assert error.value.field == "name"


def test_members_outside_the_territory_are_named():
    with pytest.raises(InvalidField, match="3, 9") as error:
        check_members([1, 9, 3], of_territory={1})
    assert error.value.field == "agent_ids"


def test_members_of_the_territory_pass():
    check_members([1, 2], of_territory={1, 2, 3})


def test_members_cannot_be_null():
    with pytest.raises(InvalidField) as error:
        Team(territory_id=1, name="PMI", agent_ids=None).validate()  # type: ignore[arg-type]
    assert error.value.field == "agent_ids"
