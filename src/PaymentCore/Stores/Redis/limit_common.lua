-- Shared by reserve.lua and usage.lua (prepended to each when loaded).
-- A limit key's entries live in one sorted set, scored by the attempt's time (unix ms), so that a
-- reservation is one read and one write: "a:<entry id>" an attempt, "m:<entry id>|<amount>" its
-- amount (release.lua removes a failed payment's: what is left are the charges), "i:<entry id>|<instrument key>"
-- the instrument it used, "d:<entry id>" a decline of it (release.lua, scored at the attempt's time).
-- Rules come as ARGV quadruples from index `first`: name, measure ("count" | "amount"), window ms, limit.
-- The user's budget (hash e = effective, p = pending, pa = pending at), when due, joins them.
local function load_rules(first, now, budget_key, budget_name, budget_window)
  local rules = {}
  for i = first, #ARGV, 4 do
    rules[#rules + 1] = {name = ARGV[i], measure = ARGV[i + 1], window = tonumber(ARGV[i + 2]), limit = tonumber(ARGV[i + 3])}
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
