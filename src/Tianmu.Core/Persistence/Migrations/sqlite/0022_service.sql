-- Reserved: service (送达) addresses, confirmations, records and receipts — issue 8.
SELECT 1;
