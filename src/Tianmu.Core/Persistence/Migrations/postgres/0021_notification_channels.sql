-- Reserved: notification channels (e-mail, phone-call log, dead letters) — issue 8.
SELECT 1;
