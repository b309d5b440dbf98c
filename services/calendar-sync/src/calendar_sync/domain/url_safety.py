"""Which outbound URLs and resolved addresses we may reach (OWASP API7:2023, SSRF).

Checked at registration and again before every delivery, on the addresses the name resolves to
at that moment, so that a DNS change after registration (rebinding) cannot reach the inside.
"""

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from calendar_sync.domain.errors import UnsafeUrl

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class OutboundPolicy:
    allowed_schemes: frozenset[str]
    allowed_networks: tuple[IpNetwork, ...]

    @classmethod
    def of(cls, schemes: Iterable[str], networks: Iterable[str]) -> "OutboundPolicy":
        return cls(frozenset(schemes), tuple(ipaddress.ip_network(n, strict=False) for n in networks))

    def check_url(self, url: str, field: str = "target_url") -> SplitResult:
        """The parsed URL when its form is acceptable; its addresses are checked by `check_addresses`."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise UnsafeUrl(field, "URL invalide") from None
        if parts.scheme not in self.allowed_schemes:
            raise UnsafeUrl(field, f"le schéma doit être l'un de : {', '.join(sorted(self.allowed_schemes))}")
        if not parts.hostname:
            raise UnsafeUrl(field, "l'URL doit contenir un nom d'hôte")
        if parts.username is not None or parts.password is not None:
            raise UnsafeUrl(field, "l'URL ne doit pas contenir d'identifiants")
        if port == 0:
            raise UnsafeUrl(field, "port invalide")
        return parts

    def check_addresses(self, addresses: Sequence[str], field: str = "target_url") -> IpAddress:
        """The first address to connect to, when every resolved address is public or allowed."""
        if not addresses:
            raise UnsafeUrl(field, "le nom d'hôte ne résout vers aucune adresse")
        parsed = [ipaddress.ip_address(address.split("%")[0]) for address in addresses]
        for address in parsed:
            if is_internal(address) and not any(address in net for net in self.allowed_networks):
                raise UnsafeUrl(field, "l'URL mène à une adresse interne, ce qui n'est pas autorisé")
        return parsed[0]


def is_internal(address: IpAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_internal(embedded)
        if address in _NAT64:
            return is_internal(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address in _SHARED_ADDRESS_SPACE
    )
