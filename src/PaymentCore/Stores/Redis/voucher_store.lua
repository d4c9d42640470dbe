-- Stores one voucher of a batch under its code digest, unless the digest is taken.
-- @voucher the voucher (key; hash: batch, attempt, cur, minor, region, exp, live, by = redemption id, at)
-- @batch the batch id   @attempt the attempt id   @currency   @value in minor units   @region
-- @expires (unix ms)   @keepUntil (unix ms)   @livemode of the issuer ("1" live, "0" test)
-- Returns "stored" (also when this attempt stored it before) | "conflict"
local owner = redis.call('HMGET', @voucher, 'batch', 'attempt')
if owner[1] then
  if owner[1] == @batch and owner[2] == @attempt then return 'stored' end
  return 'conflict'
end
redis.call('HSET', @voucher, 'batch', @batch, 'attempt', @attempt, 'cur', @currency, 'minor', @value, 'region', @region, 'exp', @expires, 'live', @livemode)
redis.call('PEXPIREAT', @voucher, @keepUntil)
return 'stored'
