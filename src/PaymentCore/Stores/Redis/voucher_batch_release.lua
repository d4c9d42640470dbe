-- Gives up an attempt's claim on a voucher batch that it did not issue, so the same key can start afresh.
-- @batch the batch record (key; hash: fp, attempt, lease, issued, batch)   @attempt the attempt id
-- Returns 1 when the claim was released, else 0 (another attempt holds it, or it is issued).
local record = redis.call('HMGET', @batch, 'attempt', 'issued')
if record[1] ~= @attempt or record[2] == '1' then return 0 end
redis.call('DEL', @batch)
return 1
