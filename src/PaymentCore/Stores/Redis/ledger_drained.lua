-- Acknowledges drained ledger entries of one shard and starts the hot-copy expiry of the settled
-- versions among them. The entries leave the stream (XACK, then XDEL: the ledger's group is the
-- stream's only reader), so the stream holds exactly what is not drained yet. A recharge expires
-- only if Redis still holds the drained version: a newer one waits for its own drain.
-- KEYS[1] the shard's ledger stream   KEYS[2] the shard's expiring index members (zset, score = expiry, unix ms)
-- KEYS[3..] the recharges of the settled versions, in the order of their ARGV pairs
-- ARGV[1] consumer group   ARGV[2] hot retention (ms)   ARGV[3] now (unix ms)   ARGV[4] n = number of entry ids
-- ARGV[5..4+n] the entry ids; then per settled version: its version, "index member|user id"
-- Returns the number of recharges whose expiry started.
local n = tonumber(ARGV[4])
for first = 5, 4 + n, 500 do
  local ids = {}
  for i = first, math.min(first + 499, 4 + n) do ids[#ids + 1] = ARGV[i] end
  redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
  redis.call('XDEL', KEYS[1], unpack(ids))
end
local expiring = 0
local expire_at = tonumber(ARGV[3]) + tonumber(ARGV[2])
for k = 3, #KEYS do
  local at = 5 + n + (k - 3) * 2
  if redis.call('HGET', KEYS[k], 'v') == ARGV[at] then
    redis.call('PEXPIRE', KEYS[k], ARGV[2])
    redis.call('ZADD', KEYS[2], expire_at, ARGV[at + 1])
    expiring = expiring + 1
  end
end
return expiring
