-- Puts a recharge read from the ledger back into Redis when Redis no longer holds it (its hot
-- copy expired), so a change of an old recharge (a refund, a chargeback) commits as usual.
-- @recharge (key; hash: v, j)   @version its version   @json its json
-- @retention hot retention (ms): a restored copy no change follows expires again (a commit makes
--            it persistent until drained)
-- Returns 1 when restored, 0 when Redis holds the recharge (then that copy is the one to change).
if redis.call('EXISTS', @recharge) == 1 then return 0 end
redis.call('HSET', @recharge, 'v', @version, 'j', @json)
redis.call('PEXPIRE', @recharge, @retention)
return 1
