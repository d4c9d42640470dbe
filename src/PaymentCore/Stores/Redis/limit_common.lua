-- Shared by the scripts that count on a limit key (prepended to each when loaded): reserve.lua,
-- usage.lua, release.lua, and begin.lua and abandon.lua, which reserve and give back the user's key
-- with the claim of a recharge (the user's key is in the user's shard).
-- A limit key's entries live in one sorted set, scored by the attempt's time (unix ms), so that a
-- reservation is one read and one write: "a:<entry id>" an attempt, "m:<entry id>|<amount>" its
-- amount (a release removes a failed payment's: what is left are the charges), "i:<entry id>|<instrument key>"
-- the instrument it used, "d:<entry id>" a decline of it (a release, scored at the attempt's time).
-- Rules come as quadruples of `args` from index `first`: name, measure ("count" | "amount"), window ms, limit.
-- The user's budget (hash e = effective, p = pending, pa = pending at), when due, joins them.
local function load_rules(args, first, now, budget_key, budget_name, budget_window)
  local rules = {}
  for i = first, #args, 4 do
    rules[#rules + 1] = {name = args[i], measure = args[i + 1], window = tonumber(args[i + 2]), limit = tonumber(args[i + 3])}
  end
  if budget_name ~= '' then
    local b = redis.call('HMGET', budget_key, 'e', 'p', 'pa')
    local effective = b[1]
    if b[2] and tonumber(b[3]) <= now then
      if b[2] == '0' then effective = false else effective = b[2] end
    end
    if effective then
      rules[#rules + 1] = {name = budget_name, measure = 'amount', window = budget_window, limit = tonumber(effective)}
    end
  end
  return rules
end

-- Every entry of the key, oldest first: {kind = "a" | "m" | "i" | "d", at, weight (amounts), instrument}.
local function read_entries(key)
  local raw = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  local entries = {}
  for i = 1, #raw, 2 do
    local member = raw[i]
    local entry = {kind = string.sub(member, 1, 1), at = tonumber(raw[i + 1])}
    if entry.kind == 'm' then entry.weight = tonumber(string.match(member, '|(%d+)$'))
    elseif entry.kind == 'i' then entry.instrument = string.match(member, '|(.*)$') end
    entries[#entries + 1] = entry
  end
  return entries
end

-- What a rule counts within its window, oldest first: {at, weight} (attempts weigh 1, amounts their amount).
local function window_entries(entries, rule, now)
  local kind = rule.measure == 'count' and 'a' or 'm'
  local since = now - rule.window
  local counted = {}
  for _, e in ipairs(entries) do
    if e.kind == kind and e.at > since then counted[#counted + 1] = {at = e.at, weight = e.weight or 1} end
  end
  return counted
end

-- Counts an attempt on one key if it fits every rule; otherwise counts nothing. `args` are reserve.lua's
-- ARGV, `entries_key` and `budget_key` its KEYS[1] and KEYS[2]; answers what reserve.lua answers.
local function reserve(entries_key, budget_key, args)
  local now = tonumber(args[1])
  local amount = tonumber(args[4])
  local windows = tonumber(args[8])
  local cutoff = now - tonumber(args[2])
  local entries = read_entries(entries_key)
  -- Entries come oldest first: trim only when some fell behind the horizon, and count only the rest.
  local expired = 0
  while expired < #entries and entries[expired + 1].at <= cutoff do expired = expired + 1 end
  if expired > 0 then
    redis.call('ZREMRANGEBYSCORE', entries_key, '-inf', cutoff)
    local kept = {}
    for i = expired + 1, #entries do kept[#kept + 1] = entries[i] end
    entries = kept
  end
  local result = {'', 0}
  for i = 9, 8 + windows do
    local since = now - tonumber(args[i])
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
  for _, rule in ipairs(load_rules(args, 9 + windows, now, budget_key, args[5], tonumber(args[6]))) do
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
  if args[7] ~= '' then
    redis.call('ZADD', entries_key, now, 'a:' .. args[3], now, 'm:' .. args[3] .. '|' .. args[4], now, 'i:' .. args[3] .. '|' .. args[7])
  else
    redis.call('ZADD', entries_key, now, 'a:' .. args[3], now, 'm:' .. args[3] .. '|' .. args[4])
  end
  -- A key no longer written to expires a horizon after its last entry.
  redis.call('PEXPIRE', entries_key, args[2])
  return result
end

-- Gives back what an attempt reserved on one key: its amount always; with "not_attempted" the attempt
-- and its instrument too; with "declined" the attempt is recorded as declined ("failed": only the amount).
local function give_back(key, entry, amount, release)
  redis.call('ZREM', key, 'm:' .. entry .. '|' .. amount)
  if release == 'failed' then return end
  local at = redis.call('ZSCORE', key, 'a:' .. entry)
  if not at then return end
  if release == 'not_attempted' then
    local instrument = 'i:' .. entry .. '|'
    for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, at, at)) do
      if string.sub(member, 1, #instrument) == instrument then redis.call('ZREM', key, member) end
    end
    redis.call('ZREM', key, 'a:' .. entry)
  else
    -- Scored at the attempt's time: a decline falls in the same windows as its attempt, and is trimmed with it.
    redis.call('ZADD', key, at, 'd:' .. entry)
  end
end
