-- Adds a saved instrument unless its id is taken or its user has as many as they may keep.
-- @instruments the user's saved instruments (key; hash: "<id>" the instrument, "<id>:used", "<id>:unusable", "customer:<gateway>")
-- @id the instrument id ("si_" + 32 hex digits)   @instrument the instrument (JSON)   @maxPerUser the most a user may keep
-- Returns 1 when added, 0 when that id was saved before, -1 when the user keeps the most already.
if redis.call('HEXISTS', @instruments, @id) == 1 then return 0 end
local count = 0
for _, field in ipairs(redis.call('HKEYS', @instruments)) do
  if string.sub(field, 1, 3) == 'si_' and not string.find(field, ':', 1, true) then count = count + 1 end
end
if count >= tonumber(@maxPerUser) then return -1 end
redis.call('HSET', @instruments, @id, @instrument)
return 1
