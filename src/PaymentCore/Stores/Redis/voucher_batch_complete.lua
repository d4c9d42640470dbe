-- Marks a voucher batch issued, if the attempt still holds it.
-- KEYS[1] batch record (hash: fp, attempt, lease, issued, batch)
-- ARGV[1] attempt id
-- Returns 1 when the batch is issued by this attempt, 0 when another attempt took it over.
if redis.call('HGET', KEYS[1], 'attempt') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'issued', '1')
return 1
