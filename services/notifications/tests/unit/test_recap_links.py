from notifications.adapters.recap_links import HmacRecapLinks, participation_token

# docs/conventions.md, "Links in e-mails and SMS": booking pins the same vector, so a drift on
# either side breaks the links usagers receive.
SECRET = "s3cret-for-tests"
TOKEN_OF_RDV_101_PARTICIPATION_31 = "uFBEmQuXiUEgJdVRlD4j7w"


def test_participation_token_matches_the_vector_shared_with_booking():
    assert participation_token(SECRET, 101, 31) == TOKEN_OF_RDV_101_PARTICIPATION_31


def test_token_is_128_bits_of_unpadded_base64url():
    token = participation_token(SECRET, 101, 31)
    assert len(token) == 22 and "=" not in token and "+" not in token and "/" not in token


def test_recap_link_is_the_public_url_then_r_rdv_id_then_token():
    links = HmacRecapLinks("https://rdv.example.fr/", SECRET)
    assert (
        links.participation_url(101, 31)
        == f"https://rdv.example.fr/r/101/{TOKEN_OF_RDV_101_PARTICIPATION_31}"
    )


def test_tokens_differ_by_participation_and_by_secret():
    assert participation_token(SECRET, 101, 32) != TOKEN_OF_RDV_101_PARTICIPATION_31
    assert participation_token("another-secret", 101, 31) != TOKEN_OF_RDV_101_PARTICIPATION_31
