-- Marks a voucher batch issued, if the attempt still holds it.
-- @batch the batch record (key; hash: fp, attempt, lease, issued, batch)   @attempt the attempt id
-- Returns 1 when the batch is issued by this attempt, 0 when another attempt took it over.
if redis.call('HGET', @batch, 'attempt') ~= @attempt then return 0 end
redis.call('HSET', @batch, 'issued', '1')
return 1
