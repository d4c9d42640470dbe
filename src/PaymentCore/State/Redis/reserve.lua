-- Counts an attempt on one limit key if it fits every rule; otherwise counts nothing.
-- KEYS[1] attempts (zset: member entry id, score unix ms)
-- KEYS[2] amounts (zset: member "entry id|amount", score unix ms; release.lua removes a failed payment's)
-- KEYS[3] the user's budget (hash), or any key of the slot for other dimensions
-- KEYS[4] instruments used (zset: member "entry id|instrument key", score unix ms)
-- KEYS[5] declines (zset: member entry id, score unix ms of the attempt; written by release.lua)
-- ARGV[1] now (unix ms)  ARGV[2] horizon ms (older entries are dropped)  ARGV[3] entry id
-- ARGV[4] amount (reference minor units)  ARGV[5] budget rule name ("" = no budget)  ARGV[6] budget window ms
-- ARGV[7] instrument key ("" = none to record)
-- ARGV[8] n = number of windows to count   ARGV[9 .. 8+n] the windows, ms
-- ARGV[9+n ..] rules, four values each (see limit_common.lua)
-- Returns {breached rule name or "", retry after ms, then for each window, before this attempt:
-- attempts, amount, charges, declines, distinct instruments}.
local now = tonumber(ARGV[1])
local amount = tonumber(ARGV[4])
local cutoff = now - tonumber(ARGV[2])
local windows = tonumber(ARGV[8])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', cutoff)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', cutoff)
local result = {'', 0}
if windows > 0 then
  -- One read of the instruments of the longest window serves every window.
  local longest = 0
  for i = 9, 8 + windows do longest = math.max(longest, tonumber(ARGV[i])) end
  local recent = redis.call('ZRANGEBYSCORE', KEYS[4], '(' .. (now - longest), '+inf', 'WITHSCORES')
  for i = 9, 8 + windows do
    local window = tonumber(ARGV[i])
    local since = '(' .. (now - window)
    local charges = window_entries(KEYS[1], KEYS[2], {measure = 'amount', window = window}, now)
    local sum = 0
    for _, e in ipairs(charges) do sum = sum + e.weight end
    local distinct, seen = 0, {}
    for j = 1, #recent, 2 do
      local instrument = string.match(recent[j], '|(.*)$')
      if tonumber(recent[j + 1]) > now - window and not seen[instrument] then
        seen[instrument] = true
        distinct = distinct + 1
      end
    end
    result[#result + 1] = redis.call('ZCOUNT', KEYS[1], since, '+inf')
    result[#result + 1] = sum
    result[#result + 1] = #charges
    result[#result + 1] = redis.call('ZCOUNT', KEYS[5], since, '+inf')
    result[#result + 1] = distinct
  end
end
for _, rule in ipairs(load_rules(9 + windows, now, KEYS[3], ARGV[5], tonumber(ARGV[6]))) do
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
if ARGV[7] ~= '' then
  -- Trimmed when written: a set no longer written to expires a horizon after its last entry.
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', cutoff)
  redis.call('ZADD', KEYS[4], now, ARGV[3] .. '|' .. ARGV[7])
  redis.call('PEXPIRE', KEYS[4], ARGV[2])
end
return result
