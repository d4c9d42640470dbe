-- Replaces a user's budget if it is still what the caller read (compare and set).
-- KEYS[1] budget (hash: e, p, pa)
-- ARGV[1] the state read, as "e|p|pa" with empty parts for missing fields
-- ARGV[2] effective ("" = none)  ARGV[3] pending ("" = none)  ARGV[4] pending at ("" = none)
-- Returns 1 when replaced, 0 when the budget changed meanwhile.
local b = redis.call('HMGET', KEYS[1], 'e', 'p', 'pa')
if ((b[1] or '') .. '|' .. (b[2] or '') .. '|' .. (b[3] or '')) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'e', ARGV[2]) end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'p', ARGV[3], 'pa', ARGV[4]) end
return 1
