-- Reserved: entity portal (activity record) — issue 8.
SELECT 1;
