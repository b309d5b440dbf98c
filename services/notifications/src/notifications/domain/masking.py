"""Recipients shown in lists are masked (data minimisation): j***@e***.fr, +336******78."""


def mask_recipient(recipient: str) -> str:
    if "@" in recipient:
        return _mask_email(recipient)
    return _mask_phone(recipient)


def _mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    host, dot, tld = domain.rpartition(".")
    if not dot:
        host, tld = domain, ""
    return f"{local[:1]}***@{host[:1]}***{dot}{tld}"


def _mask_phone(number: str) -> str:
    head = 4 if number.startswith("+") else 2
    if len(number) <= head + 2:
        return "*" * len(number)
    return number[:head] + "*" * (len(number) - head - 2) + number[-2:]
