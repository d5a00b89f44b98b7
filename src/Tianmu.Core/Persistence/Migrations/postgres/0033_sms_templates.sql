-- SMS in the shape Chinese SMS platforms take: the signature and the template's values, kept with each message
-- (the template itself is chosen by the message's kind when it is sent).
ALTER TABLE notifications ADD COLUMN sms_sign TEXT NULL;
ALTER TABLE notifications ADD COLUMN sms_values TEXT NULL;
