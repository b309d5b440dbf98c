from datetime import UTC, datetime

import icalendar
from calendar_sync.adapters.ics import calendar_document, vevent
from calendar_sync.domain.calendar_entry import calendar_entry
from calendar_sync.domain.feed_window import one_month_before

RDV = {
    "id": 7,
    "uuid": "0b5e3c1e-7d4c-4f61-9a55-3f0f1f0e4a11",
    "organisation_id": 3,
    "motif_id": 4,
    "starts_at": "2026-12-01T09:00:00Z",
    "ends_at": "2026-12-01T09:30:00Z",
    "status": "unknown",
    "sequence": 2,
    "context": "Mme Canarixyz, 06 11 22 33 44",
}
MOTIF = {"name": "Consultation PMI", "location_type": "public_office"}
LIEU = {"name": "MDS Centre", "address": "1 rue de la Paix"}


def entry(rdv=RDV, motif=MOTIF, lieu=LIEU):
    return calendar_entry(
        rdv,
        motif=motif,
        lieu=lieu,
        time_zone="Europe/Paris",
        public_base_url="https://rdv.example/",
        product_name="RDV Service Public",
    )


def test_the_entry_shows_motif_place_and_link_and_never_the_context():
    shown = entry()
    assert (shown.summary, shown.location) == ("Consultation PMI", "MDS Centre (1 rue de la Paix)")
    assert shown.url == "https://rdv.example/admin/organisations/3/rdvs/7"
    assert "Canarixyz" not in repr(shown)


def test_collective_rdvs_show_their_title_and_seats():
    collective = RDV | {"collectif": True, "name": "Atelier", "users_count": 3, "max_participants_count": 8}
    assert entry(collective).summary == "Atelier (3/8)"


def test_single_use_places_and_phone_rdvs_are_named_without_personal_data():
    single_use = RDV | {"single_use_lieu": {"name": "Salle", "address": "2 place Foch"}}
    assert entry(single_use, lieu=None).location == "Salle (2 place Foch) (Lieu ponctuel)"
    assert entry(motif=MOTIF | {"location_type": "phone"}).location == "Par téléphone"


def test_cancelled_rdvs_are_marked_cancelled():
    assert entry(RDV | {"status": "revoked"}).cancelled
    assert not entry(RDV | {"status": "seen"}).cancelled


def test_the_vevent_is_valid_ics_in_the_local_time_zone_with_its_sequence():
    document = calendar_document([vevent(entry())], ["Europe/Paris"], name="Feed")
    calendar = icalendar.Calendar.from_ical(document)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert b"DTSTART;TZID=Europe/Paris:20261201T100000" in document
    assert (str(event["UID"]), int(event["SEQUENCE"]), str(event["CLASS"])) == (RDV["uuid"], 2, "PRIVATE")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_the_feed_starts_one_calendar_month_ago():
    assert one_month_before(datetime(2026, 3, 31, 8, tzinfo=UTC)) == datetime(2026, 2, 28, 8, tzinfo=UTC)
    assert one_month_before(datetime(2026, 1, 15, tzinfo=UTC)) == datetime(2025, 12, 15, tzinfo=UTC)
