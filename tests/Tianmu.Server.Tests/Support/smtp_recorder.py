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


class Login:
    """Accepts exactly one user name and password (AUTH PLAIN and LOGIN), as a submission server does."""

    def __init__(self, user, password):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult
        ok = getattr(auth_data, "login", None) == self.user and getattr(auth_data, "password", None) == self.password
        return AuthResult(success=ok, handled=False)


def serve_smtps(folder, port, cert, key, user, password):
    """SMTPS (TLS from the first byte, port 465 style) with sign-in required:

        python3 smtp_recorder.py FOLDER PORT CERT.pem KEY.pem USER PASSWORD
    """
    import ssl
    import threading
    from aiosmtpd.controller import Controller

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = Controller(Recorder(folder), hostname="127.0.0.1", port=int(port), ssl_context=context,
                            authenticator=Login(user, password), auth_required=True, enable_SMTPUTF8=True,
                            auth_require_tls=False)  # aiosmtpd counts only STARTTLS as TLS; this whole session is TLS
    controller.start()
    threading.Event().wait()


if __name__ == "__main__":
    import sys
    serve_smtps(*sys.argv[1:])
