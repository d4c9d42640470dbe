-- Gives back what an attempt reserved on one limit key (see LimitRelease).
-- KEYS[1] attempts   KEYS[2] amounts   KEYS[3] instruments used   KEYS[4] declines   (as in reserve.lua)
-- ARGV[1] entry id   ARGV[2] amount   ARGV[3] "not_attempted", "failed" or "declined"
-- Returns 1.
redis.call('ZREM', KEYS[2], ARGV[1] .. '|' .. ARGV[2])
if ARGV[3] == 'failed' then return 1 end
local at = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not at then return 1 end
if ARGV[3] == 'not_attempted' then
  local prefix = ARGV[1] .. '|'
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], at, at)) do
    if string.sub(member, 1, #prefix) == prefix then redis.call('ZREM', KEYS[3], member) end
  end
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  -- Scored at the attempt's time, so a decline falls in the same windows as its attempt.
  redis.call('ZADD', KEYS[4], at, ARGV[1])
  -- Declines never outlive their attempts: drop those older than the oldest attempt kept, expire with them.
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. oldest[2])
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[4], ttl) end
end
return 1
