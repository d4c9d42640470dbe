-- Redeems a voucher once, for exactly its value, in its region and mode, before it expires.
-- KEYS[1] voucher (hash: batch, attempt, cur, minor, region, exp, live, by = redemption id, at)
-- ARGV[1] redemption id   ARGV[2] currency   ARGV[3] amount in minor units   ARGV[4] region   ARGV[5] now (unix ms)
-- ARGV[6] livemode of the redeemer ("1" live, "0" test)
-- Returns "redeemed" (also to the redemption that redeemed it before) | "unknown_code" | "wrong_mode"
--       | "already_redeemed" | "expired" | "wrong_region" | "wrong_currency" | "wrong_amount"
local v = redis.call('HMGET', KEYS[1], 'cur', 'minor', 'region', 'exp', 'by', 'live')
if not v[1] then return 'unknown_code' end
-- A voucher stored before modes existed has no 'live' field: it was issued by a test deployment.
if (v[6] or '0') ~= ARGV[6] then return 'wrong_mode' end
if v[5] then
  if v[5] == ARGV[1] then return 'redeemed' end
  return 'already_redeemed'
end
if tonumber(ARGV[5]) >= tonumber(v[4]) then return 'expired' end
if v[3] ~= ARGV[4] then return 'wrong_region' end
if v[1] ~= ARGV[2] then return 'wrong_currency' end
if v[2] ~= ARGV[3] then return 'wrong_amount' end
redis.call('HSET', KEYS[1], 'by', ARGV[1], 'at', ARGV[5])
return 'redeemed'
