-- Reserved: payment notices, callbacks and reconciliation — issue 8.
SELECT 1;
