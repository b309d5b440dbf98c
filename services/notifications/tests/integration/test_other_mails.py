from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar
from notifications.testing import factories as f
from rdv_contracts import availability as av
from rdv_contracts import booking as bk
from rdv_contracts import calendar_sync as cs
from rdv_contracts import directory as dr
from rdv_contracts.directory import NotificationLevel

from .conftest import publish_directory

ICS = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//FR",
        "BEGIN:VEVENT",
        "UID:plage_ouverture_1@rdv",
        "DTSTART:20310113T090000Z",
        "DTEND:20310113T120000Z",
        "SUMMARY:Permanence",
        "RRULE:FREQ=WEEKLY",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)


async def test_agent_invitation_mail_holds_the_link_which_is_not_kept_after_sending(world, smtp_server):
    invite = dr.AgentInvited(
        email="nouvel.agent@mds.example.fr",
        last_name="Petit",
        url="https://rdv.example.fr/invitation?t=SECRET",
        expires_at=datetime(2031, 1, 20, 9, 0, tzinfo=UTC),
        agent_id=5,
        organisation_name="MDS Arras",
    )
    await world.feed(f.wrap(invite, 5))
    await world.dispatch()
    [mail] = smtp_server.to("nouvel.agent@mds.example.fr")
    assert mail["Subject"] == "Vous avez été invité sur RDV Solidarités"
    assert "https://rdv.example.fr/invitation?t=SECRET" in mail.get_body(("plain",)).get_content()
    [row] = await world.deliveries()
    assert row["message"] is None and "SECRET" not in (row["content"] or "")


async def test_email_verification_and_password_reset_mails(world, smtp_server):
    expires = datetime(2031, 1, 20, 9, 0, tzinfo=UTC)
    verify = dr.UserEmailVerificationRequested(
        email="u@example.fr", last_name="Lefèvre", url="https://x/v", expires_at=expires, user_id=1
    )
    reset = dr.AgentPasswordResetRequested(
        email="a@example.fr", last_name="Martin", url="https://x/r", expires_at=expires, agent_id=2
    )
    await world.feed(f.wrap(verify, 1), f.wrap(reset, 2))
    await world.dispatch()
    assert (
        smtp_server.to("u@example.fr")[0]["Subject"] == "Confirmez votre adresse e-mail sur RDV Solidarités"
    )
    assert (
        smtp_server.to("a@example.fr")[0]["Subject"]
        == "Réinitialisation de votre mot de passe RDV Solidarités"
    )


async def test_link_locked_warning_goes_to_the_usager(world, smtp_server):
    d = await publish_directory(world)
    locked = bk.RdvLinkLocked(
        rdv_id=1,
        rdv_uuid="6c039dac-3c09-4751-a0f5-ee54dca1cbc9",
        participation_id=2,
        user_id=d.user.id,
        failed_attempts=5,
        locked_until=datetime(2031, 1, 13, 9, 15, tzinfo=UTC),
    )
    await world.feed(f.wrap(locked, 1, d.organisation.id))
    await world.dispatch()
    [mail] = smtp_server.to(d.user.email)
    assert "bloqué jusqu'à 10h15 après 5 essais" in mail.get_body(("plain",)).get_content()


async def test_broken_calendar_connection_is_told_to_its_agent(world, smtp_server):
    d = await publish_directory(world)
    await world.feed(
        f.wrap(cs.OutlookConnectionBroken(agent_id=d.agent.id, reason="invalid_grant"), d.agent.id)
    )
    await world.dispatch()
    assert smtp_server.to(d.agent.email)[0]["Subject"] == "Votre synchronisation Outlook ne fonctionne plus"


def endpoint_disabled(organisation_id: int):
    alert = cs.WebhookEndpointDisabled(
        endpoint_id=3, organisation_id=organisation_id, target_url="https://si.example.fr/hook", reason="410"
    )
    return f.wrap(alert, 3, organisation_id)


def role(agent_id: int, organisation_id: int, level: dr.AccessLevel, **fields):
    payload = dr.AgentRoleCreated(
        id=fields.pop("id", f.next_id()),
        agent_id=agent_id,
        organisation_id=organisation_id,
        access_level=level,
        **fields,
    )
    return f.wrap(payload, payload.id, organisation_id)


async def with_contact_address(world, d):
    contact = f.organisation(d.territory.id, id=d.organisation.id, email="contact@mds.example.fr", version=2)
    await world.feed(f.wrap(contact, d.organisation.id))


async def test_disabled_webhook_is_mailed_to_every_admin_of_its_organisation(world, smtp_server):
    d = await publish_directory(world)
    await with_contact_address(world, d)
    elsewhere = f.organisation(d.territory.id)
    admin_elsewhere = f.agent(first_name="Alix", last_name="Ailleurs")
    await world.feed(f.wrap(elsewhere, elsewhere.id), f.wrap(admin_elsewhere, admin_elsewhere.id))
    await world.feed(
        role(d.agent.id, d.organisation.id, dr.AccessLevel.ADMIN),
        role(d.other_agent.id, d.organisation.id, dr.AccessLevel.ADMIN),
        role(admin_elsewhere.id, elsewhere.id, dr.AccessLevel.ADMIN),
        role(admin_elsewhere.id, d.organisation.id, dr.AccessLevel.BASIC),
        endpoint_disabled(d.organisation.id),
    )
    await world.dispatch()

    [mail] = smtp_server.to(d.other_agent.email)
    assert mail["Subject"] == "Webhook désactivé pour MDS Arras"
    text = mail.get_body(("plain",)).get_content()
    assert "Bonjour Dominique Bernard," in text and "https://si.example.fr/hook" in text
    assert "vous pouvez le réactiver" in text
    assert len(smtp_server.to(d.agent.email)) == 1
    assert smtp_server.to(admin_elsewhere.email) == [] and smtp_server.to("contact@mds.example.fr") == []
    receipts = await world.rows("SELECT agent_id, organisation_id FROM deliveries ORDER BY agent_id")
    assert receipts == [
        {"agent_id": a, "organisation_id": d.organisation.id} for a in sorted([d.agent.id, d.other_agent.id])
    ]


async def test_disabled_webhook_goes_to_the_organisation_address_when_it_has_no_admin(world, smtp_server):
    d = await publish_directory(world)
    await with_contact_address(world, d)
    await world.feed(
        role(d.agent.id, d.organisation.id, dr.AccessLevel.BASIC), endpoint_disabled(d.organisation.id)
    )
    await world.dispatch()
    [mail] = smtp_server.to("contact@mds.example.fr")
    assert "Un administrateur peut le réactiver" in mail.get_body(("plain",)).get_content()
    assert smtp_server.to(d.agent.email) == []


async def test_admins_who_lost_the_role_or_left_are_not_told(world, smtp_server):
    d = await publish_directory(world)
    await with_contact_address(world, d)
    demoted, departed = f.next_id(), f.next_id()
    await world.feed(
        role(d.agent.id, d.organisation.id, dr.AccessLevel.ADMIN, id=demoted),
        role(d.other_agent.id, d.organisation.id, dr.AccessLevel.ADMIN, id=departed),
    )
    demotion = dr.AgentRoleUpdated(
        id=demoted, agent_id=d.agent.id, organisation_id=d.organisation.id, access_level="basic", version=2
    )
    departure = dr.AgentRoleDeleted(id=departed, agent_id=d.other_agent.id, organisation_id=d.organisation.id)
    await world.feed(
        f.wrap(demotion, demoted), f.wrap(departure, departed), endpoint_disabled(d.organisation.id)
    )
    await world.dispatch()
    assert smtp_server.to(d.agent.email) == [] and smtp_server.to(d.other_agent.email) == []
    assert len(smtp_server.to("contact@mds.example.fr")) == 1


async def test_plage_changes_are_mailed_with_ics_when_the_agent_wants_them(world, smtp_server):
    d = await publish_directory(world)
    quiet = f.agent(plage_ouverture_notification_level=NotificationLevel.NONE)
    await world.feed(f.wrap(quiet, quiet.id))
    for agent_id in (d.agent.id, quiet.id):
        plage = av.PlageOuvertureCreated(
            id=f.next_id(),
            agent_id=agent_id,
            organisation_id=d.organisation.id,
            lieu_id=d.lieu.id,
            motif_ids=[d.motif.id],
            title="Permanence",
            first_day=date(2031, 1, 13),
            start_time=time(10),
            end_time=time(13),
            rrule="FREQ=WEEKLY",
            time_zone="Europe/Paris",
            ical_uid="plage_ouverture_1@rdv",
            ical=ICS,
        )
        await world.feed(f.wrap(plage, plage.id, d.organisation.id))
    deleted = av.PlageOuvertureDeleted(
        id=1, agent_id=d.agent.id, organisation_id=d.organisation.id, ical_uid="plage_ouverture_1@rdv"
    )
    await world.feed(f.wrap(deleted, 1, d.organisation.id))
    await world.dispatch()
    methods = sorted(
        str(Calendar.from_ical(p.get_content())["METHOD"])
        for m in smtp_server.to(d.agent.email)
        for p in m.walk()
        if p.get_content_type() == "text/calendar"
    )
    assert methods == ["CANCEL", "REQUEST"]
    assert smtp_server.to(quiet.email) == []


async def test_old_agenda_states_replayed_from_the_compacted_topic_send_nothing(world, smtp_server):
    d = await publish_directory(world)
    plage = av.PlageOuvertureCreated(
        id=f.next_id(),
        agent_id=d.agent.id,
        organisation_id=d.organisation.id,
        lieu_id=None,
        motif_ids=[1],
        title="Permanence",
        first_day=date(2020, 1, 13),
        start_time=time(10),
        end_time=time(13),
        time_zone="Europe/Paris",
        ical_uid="u",
        ical=ICS,
    )
    old = f.wrap(plage, plage.id).model_copy(update={"occurred_at": datetime.now(UTC) - timedelta(days=30)})
    await world.feed(old)
    await world.dispatch()
    assert smtp_server.messages == []
