-- Takes out a voucher an issuance attempt stored but may not hand out; anyone else's voucher stays.
-- @voucher the voucher (key; hash: batch, attempt, cur, minor, region, exp, by, at)
-- @batch the batch id   @attempt the attempt id
-- Returns 1 when the voucher was removed, else 0.
local voucher = redis.call('HMGET', @voucher, 'batch', 'attempt', 'by')
if voucher[1] ~= @batch or voucher[2] ~= @attempt or voucher[3] then return 0 end
redis.call('DEL', @voucher)
return 1
