"""The link token booking recomputes must be the one notifications writes in its e-mails and SMS."""

from booking.domain.link_token import matching_participation, participation_token

SECRET = "link-secret-for-the-tests-0123456789"


def test_the_token_is_the_pinned_vector_shared_with_notifications():
    # Computed independently: printf 'participation:42:4242' | openssl dgst -sha256 -hmac "$SECRET"
    # -binary | head -c 16 | base64url without padding; notifications' recap_links gives the same.
    assert participation_token(SECRET, 42, 4242) == "tgrDT2LfVAOkAjOfJbPMqw"


def test_the_token_has_128_bits_in_url_safe_characters_without_padding():
    token = participation_token(SECRET, 1, 2)

    assert len(token) == 22 and "=" not in token and "+" not in token and "/" not in token


def test_a_token_names_its_participation_among_those_of_the_rdv():
    token = participation_token(SECRET, 7, 71)

    assert matching_participation(SECRET, 7, [70, 71, 72], token) == 71
    assert matching_participation(SECRET, 8, [70, 71, 72], token) is None
    assert matching_participation("another-secret-of-32-characters!!", 7, [71], token) is None
    assert matching_participation(SECRET, 7, [71], token[:-1]) is None
