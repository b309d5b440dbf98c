"""E-mails over SMTP with aiosmtplib: text and HTML alternatives, the invitation inline and attached."""

from email.message import EmailMessage
from email.utils import formatdate
from typing import Literal

import aiosmtplib

from notifications.domain.delivery import SendFailure
from notifications.domain.messages import MailMessage

TlsMode = Literal["none", "starttls", "tls"]


def build_email(mail: MailMessage, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    domain = sender.rpartition("@")[2].strip("> ") or "rdv.localhost"
    message["Message-ID"] = f"<{mail.message_id}@{domain}>"
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    if mail.calendar is not None:
        # Calendar clients read the inline text/calendar part (RFC 6047); others get the attachment.
        message.add_alternative(
            mail.calendar.content, subtype="calendar", params={"method": mail.calendar.method}
        )
        message.add_attachment(
            mail.calendar.content.encode(),
            maintype="application",
            subtype="ics",
            filename=mail.calendar.filename,
        )
    return message


class SmtpMailer:
    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        tls: TlsMode = "none",
        username: str | None = None,
        password: str | None = None,
        timeout: float = 20,
    ) -> None:
        self._host, self._port, self._sender = host, port, sender
        self._tls, self._username, self._password, self._timeout = tls, username, password, timeout

    async def send(self, mail: MailMessage) -> None:
        try:
            await aiosmtplib.send(
                build_email(mail, self._sender),
                hostname=self._host,
                port=self._port,
                username=self._username,
                password=self._password,
                use_tls=self._tls == "tls",
                start_tls=self._tls == "starttls",
                timeout=self._timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            permanent = all(500 <= error.code < 600 for error in exc.recipients)
            raise SendFailure(f"recipient refused: {exc}", permanent=permanent) from exc
        except aiosmtplib.SMTPResponseException as exc:
            raise SendFailure(f"SMTP {exc.code}: {exc.message}", permanent=500 <= exc.code < 600) from exc
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise SendFailure(f"SMTP unavailable: {exc}") from exc
