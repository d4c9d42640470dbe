-- Gives back one redemption of a promotion; an unknown redemption id changes nothing.
-- KEYS[1] redemptions (hash: redemption id -> user id)   KEYS[2] per-user counts (hash: user id -> count)
-- ARGV[1] redemption id
-- Returns 1 when a redemption was given back, else 0.
local user = redis.call('HGET', KEYS[1], ARGV[1])
if not user then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HINCRBY', KEYS[2], user, -1) <= 0 then redis.call('HDEL', KEYS[2], user) end
return 1
