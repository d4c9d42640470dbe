-- Claims a voucher batch for one issuance attempt, in the batch's own slot.
-- @batch the batch record (key; hash: fp, attempt, lease, issued = "1" once issued, batch = json)
-- @fingerprint the request's   @attempt the attempt id   @now (unix ms)   @leaseUntil (unix ms)
-- @keepUntil keep the record until (unix ms)   @json the batch
-- Returns {"started"} | {"issued", stored batch json} | {"in_progress"} | {"key_reused"}
local record = redis.call('HMGET', @batch, 'fp', 'lease', 'issued', 'batch')
local verdict = claim_verdict(record[1], record[3] == '1', record[2], @fingerprint, @now)
if verdict == 'key_reused' then return {'key_reused'} end
if verdict == 'answered' then return {'issued', record[4]} end
if verdict == 'in_progress' then return {'in_progress'} end
-- New, or the earlier attempt's lease expired: this attempt takes the batch over.
redis.call('DEL', @batch)
redis.call('HSET', @batch, 'fp', @fingerprint, 'attempt', @attempt, 'lease', @leaseUntil, 'batch', @json)
redis.call('PEXPIREAT', @batch, @keepUntil)
return {'started'}
