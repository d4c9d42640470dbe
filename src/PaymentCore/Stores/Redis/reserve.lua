-- Counts an attempt on one limit key if it fits every rule; otherwise counts nothing.
-- KEYS[1] the key's entries (sorted set, see limit_common.lua)
-- KEYS[2] the user's budget (hash), or any key of the slot for other dimensions
-- ARGV[1] now (unix ms)  ARGV[2] horizon ms (older entries are dropped)  ARGV[3] entry id
-- ARGV[4] amount (reference minor units)  ARGV[5] budget rule name ("" = no budget)  ARGV[6] budget window ms
-- ARGV[7] instrument key ("" = none to record)
-- ARGV[8] n = number of windows to count   ARGV[9 .. 8+n] the windows, ms
-- ARGV[9+n ..] rules, four values each (see limit_common.lua)
-- Returns {breached rule name or "", retry after ms, then for each window, before this attempt:
-- attempts, amount, charges, declines, distinct instruments}.
local now = tonumber(ARGV[1])
local amount = tonumber(ARGV[4])
local windows = tonumber(ARGV[8])
local cutoff = now - tonumber(ARGV[2])
local entries = read_entries(KEYS[1])
-- Entries come oldest first: trim only when some fell behind the horizon, and count only the rest.
local expired = 0
while expired < #entries and entries[expired + 1].at <= cutoff do expired = expired + 1 end
if expired > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', cutoff)
  local kept = {}
  for i = expired + 1, #entries do kept[#kept + 1] = entries[i] end
  entries = kept
end
local result = {'', 0}
for i = 9, 8 + windows do
  local since = now - tonumber(ARGV[i])
  local attempts, sum, charges, declines, distinct, seen = 0, 0, 0, 0, 0, {}
  for _, e in ipairs(entries) do
    if e.at > since then
      if e.kind == 'a' then attempts = attempts + 1
      elseif e.kind == 'm' then sum = sum + e.weight; charges = charges + 1
      elseif e.kind == 'd' then declines = declines + 1
      elseif e.kind == 'i' and not seen[e.instrument] then
        seen[e.instrument] = true
        distinct = distinct + 1
      end
    end
  end
  result[#result + 1] = attempts
  result[#result + 1] = sum
  result[#result + 1] = charges
  result[#result + 1] = declines
  result[#result + 1] = distinct
end
for _, rule in ipairs(load_rules(9 + windows, now, KEYS[2], ARGV[5], tonumber(ARGV[6]))) do
  local counted = window_entries(entries, rule, now)
  local adding = rule.measure == 'count' and 1 or amount
  local used = 0
  for _, e in ipairs(counted) do used = used + e.weight end
  if used + adding > rule.limit then
    local retry = rule.window
    if adding <= rule.limit then
      for _, e in ipairs(counted) do
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
if ARGV[7] ~= '' then
  redis.call('ZADD', KEYS[1], now, 'a:' .. ARGV[3], now, 'm:' .. ARGV[3] .. '|' .. ARGV[4], now, 'i:' .. ARGV[3] .. '|' .. ARGV[7])
else
  redis.call('ZADD', KEYS[1], now, 'a:' .. ARGV[3], now, 'm:' .. ARGV[3] .. '|' .. ARGV[4])
end
-- A key no longer written to expires a horizon after its last entry.
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return result
