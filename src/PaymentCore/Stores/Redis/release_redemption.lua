-- Gives back one redemption of a promotion; an unknown redemption id changes nothing.
-- @redemptions (key; hash: redemption id -> user id)   @perUser counts (key; hash: user id -> count)
-- @redemption the redemption id
-- Returns 1 when a redemption was given back, else 0.
local user = redis.call('HGET', @redemptions, @redemption)
if not user then return 0 end
redis.call('HDEL', @redemptions, @redemption)
if redis.call('HINCRBY', @perUser, user, -1) <= 0 then redis.call('HDEL', @perUser, user) end
return 1
