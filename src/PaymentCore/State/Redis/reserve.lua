-- Counts an attempt on one limit key if it fits every rule; otherwise counts nothing.
-- KEYS[1] attempts (zset: member entry id, score unix ms)
-- KEYS[2] amounts (zset: member "entry id|amount", score unix ms)
-- KEYS[3] the user's budget (hash), or any key of the slot for other dimensions
-- ARGV[1] now (unix ms)  ARGV[2] horizon ms (older entries are dropped)  ARGV[3] entry id
-- ARGV[4] amount (reference minor units)  ARGV[5] budget rule name ("" = no budget)  ARGV[6] budget window ms
-- ARGV[7..] rules, four values each (see limit_common.lua)
-- Returns {} when counted, else {rule name, retry after ms}.
local now = tonumber(ARGV[1])
local amount = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]))
for _, rule in ipairs(load_rules(7, now, KEYS[3], ARGV[5], tonumber(ARGV[6]))) do
  local entries = window_entries(KEYS[1], KEYS[2], rule, now)
  local adding = rule.measure == 'count' and 1 or amount
  local used = 0
  for _, e in ipairs(entries) do used = used + e.weight end
  if used + adding > rule.limit then
    local retry = rule.window
    if adding <= rule.limit then
      for _, e in ipairs(entries) do
        used = used - e.weight
        if used + adding <= rule.limit then
          retry = e.at + rule.window - now
          break
        end
      end
    end
    return {rule.name, retry}
  end
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('ZADD', KEYS[2], now, ARGV[3] .. '|' .. ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return {}
