import ipaddress

import pytest
from calendar_sync.domain.errors import UnsafeUrl
from calendar_sync.domain.url_safety import OutboundPolicy

STRICT = OutboundPolicy.of(["https"], [])
LOOPBACK_ALLOWED = OutboundPolicy.of(["https", "http"], ["127.0.0.0/8", "::1/128"])

INTERNAL_ADDRESSES = [
    "127.0.0.1",
    "::1",
    "0.0.0.0",
    "169.254.169.254",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "10.0.0.1",
    "192.168.1.1",
    "172.16.0.1",
    "100.64.0.1",
    "fd00::1",
    "fe80::1",
    "224.0.0.1",
    "64:ff9b::a00:1",
    "2002:7f00:1::",
]


@pytest.mark.parametrize("address", INTERNAL_ADDRESSES)
def test_internal_addresses_are_refused_without_an_allow_list(address):
    with pytest.raises(UnsafeUrl):
        STRICT.check_addresses([address])


def test_one_internal_address_among_public_ones_is_enough_to_refuse():
    with pytest.raises(UnsafeUrl):
        STRICT.check_addresses(["93.184.216.34", "10.1.2.3"])


def test_public_addresses_are_accepted_and_the_first_is_used():
    assert STRICT.check_addresses(["93.184.216.34", "2606:2800:220:1::"]) == ipaddress.ip_address(
        "93.184.216.34"
    )


def test_loopback_is_accepted_only_when_the_configuration_allows_it():
    assert str(LOOPBACK_ALLOWED.check_addresses(["127.0.0.1"])) == "127.0.0.1"
    with pytest.raises(UnsafeUrl):
        LOOPBACK_ALLOWED.check_addresses(["10.0.0.1"])


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.org/",
        "ftp://hooks.example.org/",
        "https://good.example@127.0.0.1/",
        "https://user:pass@hooks.example.org/",
        "https:///nohost",
        "https://hooks.example.org:99999/",
        "not a url",
    ],
)
def test_urls_of_the_wrong_form_are_refused_before_any_lookup(url):
    with pytest.raises(UnsafeUrl) as refused:
        STRICT.check_url(url)
    assert refused.value.field == "target_url"


def test_an_https_url_with_a_host_is_accepted():
    assert STRICT.check_url("https://hooks.example.org/rdv?x=1").hostname == "hooks.example.org"
