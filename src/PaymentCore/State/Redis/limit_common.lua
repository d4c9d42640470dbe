-- Shared by reserve.lua and usage.lua (prepended to each when loaded).
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

-- Entries of a window, oldest first: {at, weight}. Amount members are "entry id|amount".
local function window_entries(attempts_key, amounts_key, rule, now)
  local key = rule.measure == 'count' and attempts_key or amounts_key
  local raw = redis.call('ZRANGEBYSCORE', key, '(' .. (now - rule.window), '+inf', 'WITHSCORES')
  local entries = {}
  for i = 1, #raw, 2 do
    local weight = 1
    if rule.measure == 'amount' then weight = tonumber(string.match(raw[i], '|(%d+)$')) end
    entries[#entries + 1] = {at = tonumber(raw[i + 1]), weight = weight}
  end
  return entries
end
