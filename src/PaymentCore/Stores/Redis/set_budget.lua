-- Replaces a user's budget if it is still what the caller read (compare and set).
-- @budget (key; hash: e, p, pa)
-- @read the state read, as "e|p|pa" with empty parts for missing fields
-- @effective ("" = none)   @pending ("" = none)   @pendingAt ("" = none)
-- Returns 1 when replaced, 0 when the budget changed meanwhile.
local b = redis.call('HMGET', @budget, 'e', 'p', 'pa')
if ((b[1] or '') .. '|' .. (b[2] or '') .. '|' .. (b[3] or '')) ~= @read then return 0 end
redis.call('DEL', @budget)
if @effective ~= '' then redis.call('HSET', @budget, 'e', @effective) end
if @pending ~= '' then redis.call('HSET', @budget, 'p', @pending, 'pa', @pendingAt) end
return 1
