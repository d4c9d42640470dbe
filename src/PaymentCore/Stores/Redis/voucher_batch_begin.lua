-- Claims a voucher batch for one issuance attempt, in the batch's own slot.
-- KEYS[1] batch record (hash: fp, attempt, lease, issued = "1" once issued, batch = json)
-- ARGV[1] request fingerprint   ARGV[2] attempt id   ARGV[3] now (unix ms)   ARGV[4] lease expiry (unix ms)
-- ARGV[5] keep the record until (unix ms)   ARGV[6] the batch as json
-- Returns {"started"} | {"issued", stored batch json} | {"in_progress"} | {"key_reused"}
local record = redis.call('HMGET', KEYS[1], 'fp', 'lease', 'issued', 'batch')
if record[1] then
  if record[1] ~= ARGV[1] then return {'key_reused'} end
  if record[3] == '1' then return {'issued', record[4]} end
  if tonumber(record[2]) > tonumber(ARGV[3]) then return {'in_progress'} end
end
-- New, or the earlier attempt's lease expired: this attempt takes the batch over.
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'attempt', ARGV[2], 'lease', ARGV[4], 'batch', ARGV[6])
redis.call('PEXPIREAT', KEYS[1], ARGV[5])
return {'started'}
