-- Reserved; nothing needed it.
-- (Issue 9 follow-ups: repair decisions are guarded by their status as the concurrency token, UPDATE ... WHERE status = 'Pending', which needs no new column.)
SELECT 1;
