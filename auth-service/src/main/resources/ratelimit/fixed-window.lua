-- One attempt against a fixed window, atomically (ADR 017).
-- KEYS[1]: the window's key; ARGV[1]: attempts allowed per window; ARGV[2]: window length in ms.
-- Returns {allowed (1/0), attempts counted in this window, ms until the window ends}.
-- The first attempt opens the window (sets its expiry); refused attempts are counted but never
-- extend it, so a client hammering a closed window is let in again when the window ends.
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], window)
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  -- a key without expiry (should not happen): never let it block forever
  redis.call('PEXPIRE', KEYS[1], window)
  ttl = window
end
if count > limit then
  return {0, count, ttl}
end
return {1, count, ttl}
