from booking.entrypoints.web.lieux_order import ordered_places


def place(address: str) -> dict[str, object]:
    return {"lieu": {"address": address}}


LILLE, ARRAS = place("2 rue B 59000 Lille"), place("1 rue A 62000 Arras")


def test_without_an_address_the_order_of_availability_is_kept_and_said():
    ordered = ordered_places([LILLE, ARRAS], None, by_distance=False)

    assert ordered.places == [LILLE, ARRAS] and "prochaine disponibilité" in ordered.explanation


def test_the_postal_code_of_the_address_brings_its_lieux_first():
    ordered = ordered_places([LILLE, ARRAS], "10 place X, 62000 Arras", by_distance=False)

    assert ordered.places == [ARRAS, LILLE] and "« 62000 »" in ordered.explanation


def test_a_town_name_without_postal_code_is_matched_case_insensitively():
    assert ordered_places([LILLE, ARRAS], "ARRAS", by_distance=False).places == [ARRAS, LILLE]


def test_a_position_keeps_the_distance_order_of_availability():
    ordered = ordered_places([LILLE, ARRAS], "62000", by_distance=True)

    assert ordered.places == [LILLE, ARRAS] and "plus proche" in ordered.explanation
