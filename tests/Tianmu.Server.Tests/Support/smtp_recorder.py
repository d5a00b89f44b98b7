"""A real SMTP server for Tianmu's tests: aiosmtpd (Debian python3-aiosmtpd) with this handler.

    python3 -m aiosmtpd -n -u -l 127.0.0.1:PORT -c smtp_recorder.Recorder FOLDER

Each accepted message is parsed with Python's email package and written to FOLDER as one JSON file
(envelope, decoded headers, text body, raw message). A recipient whose local part starts with
"refused" is refused with 550, as a server refuses an unknown mailbox.
"""
import email
import json
import os
import uuid
from email import policy


class Recorder:
    def __init__(self, folder):
        self.folder = folder

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("Recorder takes the folder to write messages to")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refused"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=policy.default)
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "from": str(message["from"]),
            "to": str(message["to"]),
            "subject": str(message["subject"]),
            "messageId": str(message["message-id"]),
            "contentType": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": message.get_content(),
            "raw": raw.decode("utf-8", errors="replace"),
        }
        name = os.path.join(self.folder, uuid.uuid4().hex)
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(name + ".tmp", name + ".json")  # readers never see half a message
        return "250 Message accepted for delivery"
