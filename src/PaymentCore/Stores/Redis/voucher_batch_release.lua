-- Gives up an attempt's claim on a voucher batch that it did not issue, so the same key can start afresh.
-- KEYS[1] batch record (hash: fp, attempt, lease, issued, batch)
-- ARGV[1] attempt id
-- Returns 1 when the claim was released, else 0 (another attempt holds it, or it is issued).
local record = redis.call('HMGET', KEYS[1], 'attempt', 'issued')
if record[1] ~= ARGV[1] or record[2] == '1' then return 0 end
redis.call('DEL', KEYS[1])
return 1
