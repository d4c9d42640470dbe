-- Counts an attempt on one limit key if it fits every rule; otherwise counts nothing.
-- KEYS[1] attempts (zset: member entry id, score unix ms)
-- KEYS[2] amounts (zset: member "entry id|amount", score unix ms)
-- KEYS[3] the user's budget (hash), or any key of the slot for other dimensions
-- ARGV[1] now (unix ms)  ARGV[2] horizon ms (older entries are dropped)  ARGV[3] entry id
-- ARGV[4] amount (reference minor units)  ARGV[5] budget rule name ("" = no budget)  ARGV[6] budget window ms
-- ARGV[7] n = number of windows to count   ARGV[8 .. 7+n] the windows, ms
-- ARGV[8+n ..] rules, four values each (see limit_common.lua)
-- Returns {breached rule name or "", retry after ms, then attempts and amount of each window before this attempt}.
local now = tonumber(ARGV[1])
local amount = tonumber(ARGV[4])
local windows = tonumber(ARGV[7])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]))
local result = {'', 0}
for i = 8, 7 + windows do
  local since = '(' .. (now - tonumber(ARGV[i]))
  result[#result + 1] = redis.call('ZCOUNT', KEYS[1], since, '+inf')
  local sum = 0
  for _, e in ipairs(window_entries(KEYS[1], KEYS[2], {measure = 'amount', window = tonumber(ARGV[i])}, now)) do sum = sum + e.weight end
  result[#result + 1] = sum
end
for _, rule in ipairs(load_rules(8 + windows, now, KEYS[3], ARGV[5], tonumber(ARGV[6]))) do
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
    result[1] = rule.name
    result[2] = retry
    return result
  end
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('ZADD', KEYS[2], now, ARGV[3] .. '|' .. ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return result
