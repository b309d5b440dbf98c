from calendar_sync.domain.erased_users import ERASED_NAME, erased_user_data, is_erased
from calendar_sync.domain.webhook_entity_data import user_data
from calendar_sync.domain.webhook_users import user_ids_in, with_users_replaced

CANARY = {"id": 7, "first_name": "Zébulon", "last_name": "Canarixyz", "email": "c@example.org"}
ERASED = erased_user_data(7)


def test_an_usager_is_erased_once_anonymised_or_soft_deleted():
    assert not is_erased(CANARY)
    assert is_erased(CANARY | {"anonymised_at": "2026-11-22T00:00:00+00:00"})
    assert is_erased(CANARY | {"deleted_at": "2026-11-22T00:00:00+00:00"})


def test_a_soft_deleted_usager_shows_nothing_personal_even_before_directory_anonymises_them():
    shown = user_data(CANARY | {"deleted_at": "2026-11-22T00:00:00+00:00"}) or {}
    assert (shown["id"], shown["first_name"], shown["email"]) == (7, ERASED_NAME, None)
    assert shown["deleted_at"] == "2026-11-22T00:00:00+00:00"
    assert "Canarixyz" not in str(shown)


def test_an_rdv_shows_its_usagers_in_users_and_participations_and_both_are_replaced():
    data = {
        "id": 1,
        "users": [CANARY, {"id": 8}],
        "participations": [{"id": 10, "user": CANARY}, {"id": 11, "user": {"id": None}}],
    }
    replaced = with_users_replaced("rdv", data, {7: ERASED})

    assert user_ids_in("rdv", data) == [7, 8]
    assert replaced["users"] == [ERASED, {"id": 8}]
    assert replaced["participations"][0] == {"id": 10, "user": ERASED}
    assert "Canarixyz" not in str(replaced)


def test_profile_referent_and_user_payloads_are_replaced_where_they_show_the_usager():
    for model in ("user_profile", "referent_assignation"):
        data = {"id": 3, "user": CANARY, "organisation": {"id": 1}}
        assert user_ids_in(model, data) == [7]
        assert with_users_replaced(model, data, {7: ERASED}) == data | {"user": ERASED}
    assert with_users_replaced("user", CANARY, {7: ERASED}) == ERASED


def test_models_without_usagers_are_left_alone():
    plage = {"id": 4, "agent": {"id": 7, "last_name": "Agent"}}
    assert user_ids_in("plage_ouverture", plage) == []
    assert with_users_replaced("plage_ouverture", plage, {7: ERASED}) == plage
