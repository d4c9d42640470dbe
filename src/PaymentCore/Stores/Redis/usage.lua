-- Reads how much of each rule of one limit key is used now (reservations in flight included).
-- KEYS[1] the key's entries, KEYS[2] the budget, as in reserve.lua. ARGV[1] now, ARGV[2] budget
-- rule name, ARGV[3] budget window ms, ARGV[4..] rules.
-- Returns {name, limit, used, name, limit, used, ...}, the budget last when one is in force.
local now = tonumber(ARGV[1])
local entries = read_entries(KEYS[1])
local result = {}
for _, rule in ipairs(load_rules(ARGV, 4, now, KEYS[2], ARGV[2], tonumber(ARGV[3]))) do
  local used = 0
  for _, e in ipairs(window_entries(entries, rule, now)) do used = used + e.weight end
  result[#result + 1] = rule.name
  result[#result + 1] = tostring(rule.limit)
  result[#result + 1] = tostring(used)
end
return result
