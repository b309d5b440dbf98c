import pytest
from rdv_chassis.auth.principal import Principal
from rdv_chassis.errors import NotAuthenticated


def test_subject_gives_kind_and_id():
    principal = Principal.from_claims({"sub": "agent:12"})

    assert (principal.subject, principal.kind, principal.id) == ("agent:12", "agent", 12)


@pytest.mark.parametrize("subject", [None, "", "agent", "agent:", "agent:x", "robot:3", 12])
def test_malformed_subjects_are_not_authenticated(subject):
    with pytest.raises(NotAuthenticated):
        Principal.from_claims({"sub": subject})


def test_claim_accessors():
    principal = Principal.from_claims(
        {
            "sub": "agent:12",
            "orgs": [
                {"id": 1, "level": "basic"},
                {"id": 2, "level": "admin"},
                {"id": 3, "level": "intervenant"},
            ],
            "territories": [7],
            "services": [4, 5],
            "secretariat": True,
        }
    )

    assert principal.organisation_ids == {1, 2, 3}
    assert principal.admin_organisation_ids == {2}
    assert principal.organisation_level(3) == "intervenant"
    assert principal.organisation_level(9) is None
    assert principal.territory_admin_ids == {7}
    assert principal.service_ids == {4, 5}
    assert principal.secretariat is True


def test_missing_claims_mean_no_rights():
    principal = Principal.from_claims({"sub": "api_token:5"})

    assert principal.kind == "api_token"
    assert principal.organisation_ids == frozenset()
    assert principal.admin_organisation_ids == frozenset()
    assert principal.territory_admin_ids == frozenset()
    assert principal.service_ids == frozenset()
    assert principal.secretariat is False


def test_principal_is_immutable():
    principal = Principal.from_claims({"sub": "user:40"})

    with pytest.raises(AttributeError):
        principal.id = 41
