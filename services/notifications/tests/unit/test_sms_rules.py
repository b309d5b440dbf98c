from notifications.adapters.composer import transliterate
from notifications.domain.copies import TerritoryCopy
from notifications.domain.gsm7 import gsm7_septets, sms_segments
from notifications.domain.masking import mask_recipient
from notifications.domain.sms_routing import SmsRouting


def test_gsm7_text_fits_160_characters_in_one_segment_and_153_per_part_beyond():
    assert sms_segments("a" * 160) == 1
    assert sms_segments("a" * 161) == 2
    assert sms_segments("a" * 306) == 2
    assert sms_segments("a" * 307) == 3


def test_extension_characters_count_twice_and_others_switch_to_ucs2():
    assert gsm7_septets("[€]") == 6
    assert gsm7_septets("œ") is None
    assert sms_segments("œ" * 70) == 1 and sms_segments("œ" * 71) == 2


def test_accents_are_transliterated_to_stay_in_gsm7():
    text = transliterate("Rendez-vous à la Maison départementale, cœur de ville, ça déménage")
    assert text == "Rendez-vous a la Maison departementale, coeur de ville, ca demenage"
    assert gsm7_septets(text) == len(text)


def test_recipients_are_masked():
    assert mask_recipient("helene.lefevre@example.fr") == "h***@e***.fr"
    assert mask_recipient("+33612345678") == "+336******78"


def test_territory_provider_is_used_only_when_implemented():
    routing = SmsRouting("logging", frozenset({"logging", "send_in_blue"}))
    assert routing.provider_for(TerritoryCopy(1, "62", "62", sms_provider="send_in_blue")) == "send_in_blue"
    assert routing.provider_for(TerritoryCopy(1, "62", "62", sms_provider="netsize")) == "logging"
    assert routing.provider_for(None) == "logging"
