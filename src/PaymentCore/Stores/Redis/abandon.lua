-- Undoes begin.lua for an attempt refused before any gateway call.
-- KEYS[1] idempotency record   KEYS[2] recharge   KEYS[3] the user's recharge index
-- KEYS[4] the shard's unsettled recharges
-- KEYS[5] the shard's ledger stream (any key of the shard without a ledger)
-- KEYS[6] the user's limit entries (any key of the shard when begin.lua reserved nothing)
-- ARGV[1] recharge id          ARGV[2] its index member
-- ARGV[3] "1" = a ledger drains the shard: tell it the recharge is gone (its first version is in the stream)
-- ARGV[4] the ledger doorbell channel   ARGV[5] the shard's number (published when the ledger stream is appended to)
-- ARGV[6] the entry id begin.lua reserved on KEYS[6] ("" = none): given back as not attempted
-- ARGV[7] that reservation's amount (reference minor units)
-- Returns 1.
if redis.call('HGET', KEYS[1], 'rid') == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[1])
if ARGV[3] == '1' then
  redis.call('XADD', KEYS[5], '*', 'a', ARGV[1])
  redis.call('PUBLISH', ARGV[4], ARGV[5])
end
if ARGV[6] ~= '' then give_back(KEYS[6], ARGV[6], ARGV[7], 'not_attempted') end
return 1
