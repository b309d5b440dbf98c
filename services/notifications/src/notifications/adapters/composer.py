"""French messages from Jinja2 templates: each template renders its subject, text and HTML parts.

A template extends `layout.jinja` and fills the blocks `subject`, `text` and `html`; the `part` variable
picks the one rendered. The HTML environment escapes, the text one does not.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from babel.dates import format_datetime
from jinja2 import Environment, PackageLoader, StrictUndefined
from unidecode import unidecode

from notifications.domain.gsm7 import sms_segments
from notifications.domain.messages import Attachment, MailMessage, SmsMessage

MAX_SMS_SEGMENTS = 2
LOCALE = "fr_FR"


def date_long(value: datetime) -> str:
    """ "lundi 12 janvier 2026 à 10h30"."""
    return format_datetime(value, "EEEE d MMMM y 'à' HH'h'mm", locale=LOCALE)


def date_short(value: datetime) -> str:
    """ "lundi 12/01 à 10h30", the reference's SMS format."""
    return format_datetime(value, "EEEE d/MM 'à' HH'h'mm", locale=LOCALE)


def hour(value: datetime) -> str:
    return format_datetime(value, "HH'h'mm", locale=LOCALE)


def transliterate(text: str) -> str:
    """Reference §5.2: accents are transliterated so that SMS stay in the GSM-7 alphabet."""
    return unidecode(text.replace("œ", "oe").replace("Œ", "OE"))


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("notifications.adapters", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(date_long=date_long, date_short=date_short, hour=hour)
    return env


class JinjaComposer:
    def __init__(self, brand: str = "RDV Solidarités", public_base_url: str = "") -> None:
        self._text = _environment(autoescape=False)
        self._html = _environment(autoescape=True)
        self._globals = {"brand": brand, "public_base_url": public_base_url.rstrip("/")}

    def _render(self, env: Environment, template: str, part: str, context: Mapping[str, Any]) -> str:
        return (
            env.get_template(f"{template}.jinja").render({**self._globals, **context, "part": part}).strip()
        )

    def mail(
        self, template: str, to: str, context: Mapping[str, Any], calendar: Attachment | None = None
    ) -> MailMessage:
        return MailMessage(
            to=to,
            subject=" ".join(self._render(self._text, template, "subject", context).split()),
            text=self._render(self._text, template, "text", context),
            html=self._render(self._html, template, "html", context),
            calendar=calendar,
        )

    def sms(self, template: str, to: str, context: Mapping[str, Any]) -> SmsMessage:
        """Within two segments: the lieu's address goes first, then the text is cut."""
        text = transliterate(self._render(self._text, template, "text", {**context, "short": False}))
        if sms_segments(text) > MAX_SMS_SEGMENTS:
            text = transliterate(self._render(self._text, template, "text", {**context, "short": True}))
        while sms_segments(text) > MAX_SMS_SEGMENTS:
            head, _, link_line = text.rpartition("\n")
            text = transliterate(f"{head[:-10].rstrip()}...\n{link_line}") if len(head) > 10 else text[:-10]
        return SmsMessage(to=to, text=text, segments=sms_segments(text))
