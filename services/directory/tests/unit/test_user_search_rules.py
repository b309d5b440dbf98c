import pytest
from directory.domain.user_search import COUNT_CAP, SearchPage, search_words


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("  Hélène   DUP ", ["Hélène", "DUP"]),
        ("06 12 34 56 78", ["0612345678"]),
        ("06.12.34", ["061234"]),
        ("+33 6 12 34 56 78", ["0612345678"]),
        ("+590 690 12 34 56", ["590690123456"]),
        ("h.dupont@exemple.fr", ["h.dupont@exemple.fr"]),
        ("o'brien, jean-marc", ["o", "brien", "jean-marc"]),
        ("a b c d e f g", ["a", "b", "c", "d", "e"]),
        (None, []),
        ("   ", []),
    ],
)
def test_a_query_becomes_words_and_a_phone_number_one_run_of_digits(typed, words):
    assert search_words(typed) == words


def test_total_is_exact_up_to_the_cap_past_the_page_start():
    assert SearchPage.counted([], COUNT_CAP, 0) == SearchPage([], COUNT_CAP, True)
    assert SearchPage.counted([], COUNT_CAP + 1, 0) == SearchPage([], COUNT_CAP, False)
    assert SearchPage.counted([], COUNT_CAP + 101, 100) == SearchPage([], COUNT_CAP + 100, False)
    assert SearchPage.counted([], 1050, 100) == SearchPage([], 1050, True)
