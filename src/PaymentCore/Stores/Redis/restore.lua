-- Puts a recharge read from the ledger back into Redis when Redis no longer holds it (its hot
-- copy expired), so a change of an old recharge (a refund, a chargeback) commits as usual.
-- KEYS[1] recharge (hash: v, j)
-- ARGV[1] its version   ARGV[2] its json   ARGV[3] hot retention (ms): a restored copy no change
--         follows expires again (a commit makes it persistent until drained)
-- Returns 1 when restored, 0 when Redis holds the recharge (then that copy is the one to change).
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'j', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
