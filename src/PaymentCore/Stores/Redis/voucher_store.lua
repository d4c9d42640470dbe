-- Stores one voucher of a batch under its code digest, unless the digest is taken.
-- KEYS[1] voucher (hash: batch, attempt, cur, minor, region, exp, live, by = redemption id, at)
-- ARGV[1] batch id   ARGV[2] attempt id   ARGV[3] currency   ARGV[4] value in minor units   ARGV[5] region
-- ARGV[6] expires (unix ms)   ARGV[7] keep until (unix ms)   ARGV[8] livemode of the issuer ("1" live, "0" test)
-- Returns "stored" (also when this attempt stored it before) | "conflict"
local owner = redis.call('HMGET', KEYS[1], 'batch', 'attempt')
if owner[1] then
  if owner[1] == ARGV[1] and owner[2] == ARGV[2] then return 'stored' end
  return 'conflict'
end
redis.call('HSET', KEYS[1], 'batch', ARGV[1], 'attempt', ARGV[2], 'cur', ARGV[3], 'minor', ARGV[4], 'region', ARGV[5], 'exp', ARGV[6], 'live', ARGV[8])
redis.call('PEXPIREAT', KEYS[1], ARGV[7])
return 'stored'
