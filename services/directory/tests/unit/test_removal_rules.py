import pytest
from directory.domain.errors import Conflict
from directory.domain.removals import check_nothing_left


def test_what_remains_is_named_with_its_count():
    with pytest.raises(Conflict) as refusal:
        check_nothing_left("l'organisation", {"agents": 2, "motifs": 0, "lieux": 1, "rdvs": 3})
    assert (
        refusal.value.message == "Impossible de supprimer l'organisation : il reste 2 agents, 1 lieu, 3 RDV"
    )


def test_nothing_left_allows_the_deletion():
    check_nothing_left("l'espace", {"organisations": 0})
