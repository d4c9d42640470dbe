-- Gives back what an attempt reserved on one limit key (see LimitRelease).
-- KEYS[1] the key's entries (sorted set, see limit_common.lua)
-- ARGV[1] entry id   ARGV[2] amount   ARGV[3] "not_attempted", "failed" or "declined"
-- Returns 1.
give_back(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
return 1
