-- Adds a saved instrument unless its id is taken or its user has as many as they may keep.
-- KEYS[1] the user's saved instruments (hash: "<id>" the instrument, "<id>:used", "<id>:unusable", "customer:<gateway>")
-- ARGV[1] the instrument id ("si_" + 32 hex digits)  ARGV[2] the instrument (JSON)  ARGV[3] the most a user may keep
-- Returns 1 when added, 0 when that id was saved before, -1 when the user keeps the most already.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
local count = 0
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(field, 1, 3) == 'si_' and not string.find(field, ':', 1, true) then count = count + 1 end
end
if count >= tonumber(ARGV[3]) then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
