-- Takes one send from a fixed window, atomically, or refuses it when the window is full.
-- KEYS[1]  the window's counter (expires when the window ends; the first send starts a window)
-- ARGV[1]  capacity
-- ARGV[2]  window length in milliseconds
-- Returns {allowed (1/0), used (after this send when allowed), milliseconds until the window ends}.
local capacity = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  -- no window yet (-2), or a counter that lost its expiry (-1): start a fresh one
  redis.call('SET', KEYS[1], 1, 'PX', period)
  return {1, 1, period}
end
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= capacity then
  return {0, used, ttl}
end
used = redis.call('INCR', KEYS[1])
return {1, used, ttl}
