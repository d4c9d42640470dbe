-- Counts one redemption of a promotion if its caps allow; a redemption already counted is granted again.
-- @redemptions (key; hash: redemption id -> user id)   @perUser counts (key; hash: user id -> count)
-- @redemption the redemption id   @user the user id   @maxPerUser ("" = no cap)   @maxTotal ("" = no cap)
-- @keepUntil both keys (unix ms)
-- Returns "granted" | "per_user" | "total"
if redis.call('HEXISTS', @redemptions, @redemption) == 1 then return 'granted' end
if @maxPerUser ~= '' and tonumber(redis.call('HGET', @perUser, @user) or '0') >= tonumber(@maxPerUser) then return 'per_user' end
if @maxTotal ~= '' and redis.call('HLEN', @redemptions) >= tonumber(@maxTotal) then return 'total' end
redis.call('HSET', @redemptions, @redemption, @user)
redis.call('HINCRBY', @perUser, @user, 1)
redis.call('PEXPIREAT', @redemptions, @keepUntil)
redis.call('PEXPIREAT', @perUser, @keepUntil)
return 'granted'
