from booking.domain.rights import AgentAccess

ORG, OTHER, TERRITORY = 1, 2, 7


def test_basic_agents_see_their_services_and_their_own_rdvs():
    basic = AgentAccess(5, {ORG: "basic"}, frozenset({10}))

    assert basic.may_see(ORG, TERRITORY, 10, [6])
    assert basic.may_see(ORG, TERRITORY, 11, [5])
    assert not basic.may_see(ORG, TERRITORY, 11, [6])
    assert not basic.may_delete(ORG)


def test_admins_and_secretariat_see_the_whole_organisation_only_admins_delete():
    admin = AgentAccess(5, {ORG: "admin"})
    secretary = AgentAccess(5, {ORG: "basic"}, frozenset({99}), secretariat=True)

    assert admin.may_see(ORG, TERRITORY, 11, [6]) and admin.may_delete(ORG)
    assert secretary.may_see(ORG, TERRITORY, 11, [6]) and not secretary.may_delete(ORG)
    assert secretary.may_book(ORG, TERRITORY, 11, for_secretariat=False)


def test_another_organisation_is_out_of_sight_unless_territory_admin():
    agent = AgentAccess(5, {ORG: "admin"})
    territory_admin = AgentAccess(5, {}, territory_admin_ids=frozenset({TERRITORY}))

    assert not agent.may_see(OTHER, TERRITORY, 10, [5])
    assert territory_admin.may_see(OTHER, TERRITORY, 10, [6])
    assert not territory_admin.may_delete(OTHER)
