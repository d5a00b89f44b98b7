-- Reserved for issue 9 work in progress; replaced by the branch that owns this number.
SELECT 1;
