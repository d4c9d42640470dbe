-- Shared by the scripts that claim an idempotency key (prepended to each when loaded): the one rule
-- of claim, lease, resume and replay, as PaymentCore.Adapters.IdempotencyRule says it for the
-- in-memory stores. stored_fp is false when no live record holds the key.
-- Returns "absent" | "key_reused" | "answered" | "in_progress" | "lapsed" (the lease ran out unanswered: take over).
local function claim_verdict(stored_fp, answered, lease, fingerprint, now)
  if not stored_fp then return 'absent' end
  if stored_fp ~= fingerprint then return 'key_reused' end
  if answered then return 'answered' end
  if tonumber(lease) > tonumber(now) then return 'in_progress' end
  return 'lapsed'
end
