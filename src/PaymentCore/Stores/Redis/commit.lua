-- Writes a change of a recharge, its outbox event and the saved response, atomically.
-- KEYS[1] recharge (hash: v, j, and the answered versions' fields of answered_common.lua)
-- KEYS[2] the shard's outbox stream
-- KEYS[3] idempotency record to complete (any key of the shard when there is none)
-- KEYS[4] the shard's unsettled recharges (zset)
-- ARGV[1] version the stored recharge must have   ARGV[2] the recharge json at the next version
-- ARGV[3] outbox event id ("" = no event)        ARGV[4] event json
-- ARGV[5] "1" = complete the idempotency record: its saved response is the next version ("rv")
-- ARGV[6] keep the record until (unix ms; usually what begin.lua set already, and then its expiry stands)
-- KEYS[5] the shard's ledger stream (any key of the shard without a ledger)
-- ARGV[7] recharge id   ARGV[8] "1" = still unsettled   ARGV[9] time of the change (unix ms)
-- ARGV[10] "1" = a ledger drains the shard: append the new version to its stream, and keep the
--          recharge in Redis (no expiry) until that version is drained
-- ARGV[11] the outbox doorbell channel   ARGV[12] the ledger doorbell channel   ARGV[13] the shard's number
--          (published on the channel of each stream appended to, so its readers need not poll)
-- Returns {"committed"} | {"stale", stored json or ""}
local stored = redis.call('HMGET', KEYS[1], 'v', 'av', 'ku')
if (stored[1] or '0') ~= ARGV[1] then return {'stale', redis.call('HGET', KEYS[1], 'j') or ''} end
-- The record's "until" (false: no record to complete): read instead of EXISTS, so an unchanged retention costs nothing more.
local record_until = ARGV[5] == '1' and redis.call('HGET', KEYS[3], 'until')
local completes = record_until and true or false
local next_version = tonumber(ARGV[1]) + 1
redis.call('HSET', KEYS[1], 'v', next_version, 'j', ARGV[2], unpack(answered_fields(KEYS[1], stored, tonumber(ARGV[9]), completes and ARGV[6] or nil)))
if ARGV[10] == '1' then
  redis.call('PERSIST', KEYS[1])
  redis.call('XADD', KEYS[5], '*', 'r', ARGV[2])
  redis.call('PUBLISH', ARGV[12], ARGV[13])
end
if ARGV[3] ~= '' then
  redis.call('XADD', KEYS[2], '*', 'id', ARGV[3], 'e', ARGV[4])
  redis.call('PUBLISH', ARGV[11], ARGV[13])
end
if ARGV[8] == '1' then redis.call('ZADD', KEYS[4], ARGV[9], ARGV[7]) else redis.call('ZREM', KEYS[4], ARGV[7]) end
if completes and record_until == ARGV[6] then
  redis.call('HSET', KEYS[3], 'rv', next_version)
elseif completes then
  redis.call('HSET', KEYS[3], 'rv', next_version, 'until', ARGV[6])
  redis.call('PEXPIREAT', KEYS[3], ARGV[6])
end
return {'committed'}
