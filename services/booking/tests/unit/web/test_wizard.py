from datetime import date, datetime
from urllib.parse import parse_qsl

from booking.entrypoints.web.wizard import Wizard


def test_the_journey_state_survives_a_round_trip_through_the_query_string():
    wizard = Wizard(
        public_link_organisation_id=1,
        prescripteur=True,
        motif_name_with_location_type="Accueil-public_office",
        motif_id=20,
        lieu_id=30,
        week_start=date(2026, 11, 23),
        starts_at=datetime.fromisoformat("2026-11-25T10:00:00+01:00"),
    )

    assert Wizard.parse(dict(parse_qsl(wizard.query()))) == wizard


def test_unreadable_values_are_dropped_so_the_journey_asks_again():
    wizard = Wizard.parse(
        {"public_link_organisation_id": "x", "latitude": "nord", "starts_at": "2026-11-25T10:00"}
    )

    assert wizard == Wizard()


def test_each_missing_choice_names_the_step_that_asks_for_it():
    base = Wizard(territory_id=1)

    assert base.step() == "motif"
    assert Wizard(territory_id=1, motif_name_with_location_type="k").step() == "lieu"
    assert Wizard(territory_id=1, motif_name_with_location_type="k", motif_id=2).step() == "creneau"
    later = Wizard(
        territory_id=1, motif_name_with_location_type="k", motif_id=2, starts_at=datetime.now().astimezone()
    )
    assert later.step() == "identification"


def test_hidden_inputs_leave_out_what_the_form_asks():
    wizard = Wizard(public_link_organisation_id=1, address="Arras", motif_name_with_location_type="k")

    assert wizard.hidden(("address",)) == [
        ("public_link_organisation_id", "1"),
        ("motif_name_with_location_type", "k"),
    ]


def test_a_position_needs_both_coordinates():
    assert Wizard(latitude=50.0).position is None
    assert Wizard(latitude=50.0, longitude=2.0).position == (50.0, 2.0)
