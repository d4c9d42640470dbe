-- Redeems a voucher once, for exactly its value, in its region and mode, before it expires.
-- @voucher the voucher (key; hash: batch, attempt, cur, minor, region, exp, live, by = redemption id, at)
-- @redemption the redemption id   @currency   @amount in minor units   @region   @now (unix ms)
-- @livemode of the redeemer ("1" live, "0" test)
-- Returns "redeemed" (also to the redemption that redeemed it before) | "unknown_code" | "wrong_mode"
--       | "already_redeemed" | "expired" | "wrong_region" | "wrong_currency" | "wrong_amount"
local v = redis.call('HMGET', @voucher, 'cur', 'minor', 'region', 'exp', 'by', 'live')
if not v[1] then return 'unknown_code' end
-- A voucher stored before modes existed has no 'live' field: it was issued by a test deployment.
if (v[6] or '0') ~= @livemode then return 'wrong_mode' end
if v[5] then
  if v[5] == @redemption then return 'redeemed' end
  return 'already_redeemed'
end
if tonumber(@now) >= tonumber(v[4]) then return 'expired' end
if v[3] ~= @region then return 'wrong_region' end
if v[1] ~= @currency then return 'wrong_currency' end
if v[2] ~= @amount then return 'wrong_amount' end
redis.call('HSET', @voucher, 'by', @redemption, 'at', @now)
return 'redeemed'
