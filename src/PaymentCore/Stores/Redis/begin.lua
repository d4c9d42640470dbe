-- Claims an idempotency key and writes a recharge, atomically, in one user's shard.
-- KEYS[1] idempotency record (hash: fp, lease, rid, rv = the version of the recharge its saved response is,
--         until; "resp" the response json itself in records saved before 2026-12-02); a record past "until"
--         counts as absent (its TTL removes it too, but the caller's clock decides, as in the in-memory store)
-- KEYS[2] recharge (hash: v = version, j = json, and the answered versions' fields of answered_common.lua);
--         any key of the shard when nothing is proposed
-- KEYS[3] the user's recharge index (zset, members ordered by creation)
-- KEYS[4] the shard's unsettled recharges (zset: member recharge id, score last change, unix ms)
-- ARGV[1] request fingerprint      ARGV[2] now (unix ms)
-- ARGV[3] lease expiry (unix ms)   ARGV[4] keep the record until (unix ms)
-- ARGV[5] proposed recharge id ("" = nothing proposed: only look for an earlier request)
-- ARGV[6] version the stored recharge must have ("0" = it must not exist)
-- ARGV[7] the recharge json at the next version
-- ARGV[8] index member ("" = not a new recharge)
-- ARGV[9] "1" = the recharge is unsettled (the reconciler watches it), "0" = settled
-- KEYS[5] the shard's ledger stream (any key of the shard without a ledger)
-- ARGV[10] "1" = a ledger drains the shard: append the written version to its stream
-- ARGV[11] the ledger doorbell channel   ARGV[12] the shard's number (published when the ledger stream is appended to)
-- KEYS[6] the user's limit entries, KEYS[7] the user's budget (any keys of the shard when nothing is to be reserved)
-- ARGV[13 ..] a reservation of the user's limit key, as reserve.lua's ARGV (none = nothing to reserve); made only
--          when a new recharge is started, so a replayed, running, reused or resumed request counts nothing
-- Returns {"replayed", response json} | {"answered", recharge id, version: its json is the response}
--       | {"in_progress"} | {"key_reused"} | {"resumed", recharge id}
--       | {"nothing"} | {"stale", stored json or ""} | {"started"} | {"started", what reserve.lua answers}
--       | {"refused", what reserve.lua answers: nothing was written, the key is not claimed}
local record = redis.call('HMGET', KEYS[1], 'fp', 'lease', 'rid', 'resp', 'until', 'rv')
local live = record[1] and tonumber(record[5]) > tonumber(ARGV[2])
local verdict = claim_verdict(live and record[1], record[6] or record[4], record[2], ARGV[1], ARGV[2])
if verdict == 'key_reused' then return {'key_reused'} end
if verdict == 'answered' then
  if record[6] then return {'answered', record[3], record[6]} end
  return {'replayed', record[4]}
end
if verdict == 'in_progress' then return {'in_progress'} end
if verdict == 'lapsed' then
  -- The earlier request died with the lease: this one resumes its recharge.
  redis.call('HSET', KEYS[1], 'lease', ARGV[3])
  return {'resumed', record[3]}
end
if ARGV[5] == '' then return {'nothing'} end
-- A new recharge's id is fresh (time-ordered and random): only a later version can find another writer's.
local stored = nil
if ARGV[6] ~= '0' then
  stored = redis.call('HMGET', KEYS[2], 'v', 'av', 'ku')
  if (stored[1] or '0') ~= ARGV[6] then return {'stale', redis.call('HGET', KEYS[2], 'j') or ''} end
end
-- The user's limit key counts the attempt, or refuses it before anything is written.
local reserved = nil
if #ARGV > 12 then
  reserved = reserve(KEYS[6], KEYS[7], {unpack(ARGV, 13)})
  if reserved[1] ~= '' then return {'refused', reserved} end
end
local answered = stored and answered_fields(KEYS[2], stored, tonumber(ARGV[2]), nil) or {}
redis.call('HSET', KEYS[2], 'v', tonumber(ARGV[6]) + 1, 'j', ARGV[7], unpack(answered))
if ARGV[10] == '1' then
  redis.call('PERSIST', KEYS[2])
  redis.call('XADD', KEYS[5], '*', 'r', ARGV[7])
  redis.call('PUBLISH', ARGV[11], ARGV[12])
end
if ARGV[8] ~= '' then redis.call('ZADD', KEYS[3], 0, ARGV[8]) end
if ARGV[9] == '1' then redis.call('ZADD', KEYS[4], ARGV[2], ARGV[5]) else redis.call('ZREM', KEYS[4], ARGV[5]) end
-- A record of the key left behind (past "until" by our clock) must not lend its fields to the new one.
if record[1] then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'lease', ARGV[3], 'rid', ARGV[5], 'until', ARGV[4])
redis.call('PEXPIREAT', KEYS[1], ARGV[4])
return {'started', reserved}
