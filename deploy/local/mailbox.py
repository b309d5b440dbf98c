"""A local mailbox: an SMTP sink that keeps every message, readable over HTTP as JSON.

`make run` uses it so a developer can read the mails the platform sends, and the end-to-end tests read
confirmation mails, links and ICS attachments from it. Loopback only; messages live in memory.

    python deploy/local/mailbox.py --smtp-port 1025 --http-port 1080
    GET    /messages?to=<address>   messages, oldest first (optionally only those sent to <address>)
    GET    /messages/<id>           one message
    DELETE /messages                forget every message
"""

import argparse
import asyncio
import base64
import itertools
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import uvicorn
from aiosmtpd.smtp import SMTP, Envelope, Session
from fastapi import FastAPI, HTTPException


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self._ids = itertools.count(1)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        assert isinstance(raw, bytes)
        message = message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(_as_json(next(self._ids), envelope, message))
        return "250 Message accepted for delivery"


def _as_json(message_id: int, envelope: Envelope, message: EmailMessage) -> dict[str, Any]:
    return {
        "id": message_id,
        "from": envelope.mail_from,
        "to": [address.lower() for address in envelope.rcpt_tos],
        "subject": str(message.get("Subject", "")),
        "headers": {key: str(value) for key, value in message.items()},
        "text": _body(message, "plain"),
        "html": _body(message, "html"),
        "attachments": [_attachment(part) for part in message.iter_attachments()],
        "received_at": datetime.now(UTC).isoformat(),
    }


def _body(message: EmailMessage, subtype: str) -> str | None:
    part = message.get_body(preferencelist=(subtype,))
    return None if part is None else str(part.get_content())


def _attachment(part: Any) -> dict[str, Any]:
    payload = part.get_payload(decode=True) or b""
    return {
        "filename": part.get_filename(),
        "content_type": part.get_content_type(),
        "content_base64": base64.b64encode(payload).decode(),
    }


def http_app(mailbox: Mailbox) -> FastAPI:
    app = FastAPI(title="Local mailbox")

    @app.get("/messages")
    def list_messages(to: str | None = None) -> list[dict[str, Any]]:
        if to is None:
            return mailbox.messages
        return [message for message in mailbox.messages if to.lower() in message["to"]]

    @app.get("/messages/{message_id}")
    def one_message(message_id: int) -> dict[str, Any]:
        for message in mailbox.messages:
            if message["id"] == message_id:
                return message
        raise HTTPException(status_code=404, detail="no such message")

    @app.delete("/messages", status_code=204)
    def forget_messages() -> None:
        mailbox.messages.clear()

    return app


async def serve(smtp_port: int, http_port: int) -> None:
    mailbox = Mailbox()
    loop = asyncio.get_running_loop()
    smtp_server = await loop.create_server(
        lambda: SMTP(mailbox, data_size_limit=20_000_000), "127.0.0.1", smtp_port
    )
    config = uvicorn.Config(http_app(mailbox), host="127.0.0.1", port=http_port, log_level="warning")
    try:
        await uvicorn.Server(config).serve()
    finally:
        smtp_server.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    arguments = parser.parse_args()
    asyncio.run(serve(arguments.smtp_port, arguments.http_port))


if __name__ == "__main__":
    main()
