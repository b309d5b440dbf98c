from notifications.adapters.smtp_mailer import build_email
from notifications.domain.messages import MailMessage

SENDER = "RDV Solidarités <ne-pas-repondre@rdv-solidarites.fr>"


def mail(to: str = "usager@example.fr") -> MailMessage:
    return MailMessage(to=to, subject="RDV confirmé", text="Bonjour", html="<p>Bonjour</p>")


def test_every_attempt_at_a_stored_mail_carries_the_same_message_id():
    message = mail()
    stored = MailMessage.from_dict(message.to_dict())

    first, resent = build_email(message, SENDER), build_email(stored, SENDER)

    assert first["Message-ID"] == resent["Message-ID"]
    assert first["Message-ID"].endswith("@rdv-solidarites.fr>")


def test_two_mails_with_the_same_text_are_two_messages():
    assert build_email(mail(), SENDER)["Message-ID"] != build_email(mail(), SENDER)["Message-ID"]


def test_mails_stored_before_they_had_an_identity_still_load():
    legacy = {"to": "usager@example.fr", "subject": "RDV", "text": "t", "html": "h", "calendar": None}

    assert MailMessage.from_dict(legacy).message_id
