-- Reserved for work in progress this session; replaced by the branch that owns this number.
SELECT 1;
