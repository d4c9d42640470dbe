-- Undoes begin.lua for an attempt refused before any gateway call.
-- KEYS[1] idempotency record   KEYS[2] recharge   KEYS[3] the user's recharge index
-- KEYS[4] the shard's unsettled recharges
-- ARGV[1] recharge id          ARGV[2] its index member
-- Returns 1.
if redis.call('HGET', KEYS[1], 'rid') == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[1])
return 1
