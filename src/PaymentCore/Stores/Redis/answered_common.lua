-- Shared by begin.lua and commit.lua, the scripts that overwrite a recharge (prepended when loaded).
-- An idempotency record answers with a version of a recharge ("rv"), not a copy of it, so the
-- recharge hash keeps, beside v (version) and j (json), what a replay needs once a change overwrote
-- that version: "av" the versions records answered with (space-separated), "ku" until when one of
-- those records may still replay (unix ms, the latest "until"), and "j<version>" the json of an
-- answered version a later change overwrote.

-- The fields to write with the next version (after v and j), given `stored` = HMGET v, av, ku of the
-- recharge at `key` and `now` (unix ms): the overwritten version's json when it is answered (read
-- here, the one rare extra command), nothing of the answers once no record can replay any more (their
-- copies are deleted), and when `answers_until` is given, the next version as answered until then.
local function answered_fields(key, stored, now, answers_until)
  local fields = {}
  local versions = stored[2] or ''
  local kept_until = tonumber(stored[3] or '0')
  if versions ~= '' and kept_until <= now then
    local copies = {}
    for version in string.gmatch(versions, '%d+') do copies[#copies + 1] = 'j' .. version end
    redis.call('HDEL', key, 'av', 'ku', unpack(copies))
    versions = ''
  elseif versions ~= '' and string.find(' ' .. versions .. ' ', ' ' .. stored[1] .. ' ', 1, true) then
    fields[#fields + 1] = 'j' .. stored[1]
    fields[#fields + 1] = redis.call('HGET', key, 'j')
  end
  if answers_until then
    local next_version = tostring(tonumber(stored[1] or '0') + 1)
    versions = versions == '' and next_version or versions .. ' ' .. next_version
    fields[#fields + 1] = 'av'
    fields[#fields + 1] = versions
    fields[#fields + 1] = 'ku'
    fields[#fields + 1] = tonumber(answers_until) > kept_until and answers_until or stored[3]
  end
  return fields
end
