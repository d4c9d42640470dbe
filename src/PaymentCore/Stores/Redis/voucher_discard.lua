-- Takes out a voucher an issuance attempt stored but may not hand out; anyone else's voucher stays.
-- KEYS[1] voucher (hash: batch, attempt, cur, minor, region, exp, by, at)
-- ARGV[1] batch id   ARGV[2] attempt id
-- Returns 1 when the voucher was removed, else 0.
local voucher = redis.call('HMGET', KEYS[1], 'batch', 'attempt', 'by')
if voucher[1] ~= ARGV[1] or voucher[2] ~= ARGV[2] or voucher[3] then return 0 end
redis.call('DEL', KEYS[1])
return 1
