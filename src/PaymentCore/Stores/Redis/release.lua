-- Gives back what an attempt reserved on one limit key (see LimitRelease).
-- KEYS[1] the key's entries (sorted set, see limit_common.lua)
-- ARGV[1] entry id   ARGV[2] amount   ARGV[3] "not_attempted", "failed" or "declined"
-- Returns 1.
redis.call('ZREM', KEYS[1], 'm:' .. ARGV[1] .. '|' .. ARGV[2])
if ARGV[3] == 'failed' then return 1 end
local at = redis.call('ZSCORE', KEYS[1], 'a:' .. ARGV[1])
if not at then return 1 end
if ARGV[3] == 'not_attempted' then
  local instrument = 'i:' .. ARGV[1] .. '|'
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], at, at)) do
    if string.sub(member, 1, #instrument) == instrument then redis.call('ZREM', KEYS[1], member) end
  end
  redis.call('ZREM', KEYS[1], 'a:' .. ARGV[1])
else
  -- Scored at the attempt's time: a decline falls in the same windows as its attempt, and is trimmed with it.
  redis.call('ZADD', KEYS[1], at, 'd:' .. ARGV[1])
end
return 1
