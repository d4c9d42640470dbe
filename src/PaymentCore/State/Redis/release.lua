-- Gives back an attempt's amount and, when asked, the attempt itself.
-- KEYS[1] attempts   KEYS[2] amounts
-- ARGV[1] entry id   ARGV[2] amount   ARGV[3] "1" = remove the attempt too
-- Returns 1.
redis.call('ZREM', KEYS[2], ARGV[1] .. '|' .. ARGV[2])
if ARGV[3] == '1' then redis.call('ZREM', KEYS[1], ARGV[1]) end
return 1
