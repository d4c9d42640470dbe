-- Removes from a stream's consumer group the consumers that hold nothing and were idle longer than
-- a bound: names of replicas that stopped or died (every process reads under a name of its own, so
-- each restart would otherwise leave one behind for good). In one script, so no read can hand a
-- consumer an entry between the check and the removal (removing a consumer drops what it holds);
-- a live consumer removed here is created again by its next read.
-- @stream (key)   @group the consumer group   @self the calling consumer (kept)   @idle bound (ms)
-- Returns the number of consumers removed; 0 when the stream or the group does not exist yet.
local ok, consumers = pcall(redis.call, 'XINFO', 'CONSUMERS', @stream, @group)
if not ok then return 0 end
local bound = tonumber(@idle)
local removed = 0
for _, consumer in ipairs(consumers) do
  local field = {}
  for i = 1, #consumer, 2 do field[consumer[i]] = consumer[i + 1] end
  if field['pending'] == 0 and field['idle'] > bound and field['name'] ~= @self then
    redis.call('XGROUP', 'DELCONSUMER', @stream, @group, field['name'])
    removed = removed + 1
  end
end
return removed
