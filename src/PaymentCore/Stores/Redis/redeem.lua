-- Counts one redemption of a promotion if its caps allow; a redemption already counted is granted again.
-- KEYS[1] redemptions (hash: redemption id -> user id)   KEYS[2] per-user counts (hash: user id -> count)
-- ARGV[1] redemption id   ARGV[2] user id   ARGV[3] max per user ("" = no cap)   ARGV[4] max in total ("" = no cap)
-- ARGV[5] keep both keys until (unix ms)
-- Returns "granted" | "per_user" | "total"
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'granted' end
if ARGV[3] ~= '' and tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') >= tonumber(ARGV[3]) then return 'per_user' end
if ARGV[4] ~= '' and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return 'total' end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('PEXPIREAT', KEYS[1], ARGV[5])
redis.call('PEXPIREAT', KEYS[2], ARGV[5])
return 'granted'
