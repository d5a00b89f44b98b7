-- Reserved for work that needed no schema change in the end; kept so versions stay gap-free.
SELECT 1;
