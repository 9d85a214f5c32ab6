-- Takes one request from every window in KEYS, or from none when any of them is full.
-- KEYS[i]          one fixed window (a counter that expires when the window ends), i = 1..n, n = #ARGV / 2
-- ARGV[2i-1]       its capacity
-- ARGV[2i]         its length in milliseconds
-- KEYS[n+j]        optional keys only read (GET), in the same round trip (the gateway's revocation marks, ADR 268)
-- Returns {refused, used_1, ttl_1, used_2, ttl_2, ..., read_1, read_2, ...}: refused = 0 when the request is
-- allowed, else the (1-based) index of the first full window; used_i = requests counted in window i (after
-- this one, when allowed); ttl_i = milliseconds until window i starts over; read_j = KEYS[n+j]'s value or nil.
local n = #ARGV / 2
local used, ttl = {}, {}
local refused = 0
for i = 1, n do
  local capacity = tonumber(ARGV[2 * i - 1])
  local period = tonumber(ARGV[2 * i])
  ttl[i] = redis.call('PTTL', KEYS[i])
  if ttl[i] < 0 then
    -- no window yet (-2), or a counter that lost its expiry (-1): start a fresh one
    if ttl[i] == -1 then redis.call('DEL', KEYS[i]) end
    used[i] = 0
    ttl[i] = period
  else
    used[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
  end
  if refused == 0 and used[i] >= capacity then
    refused = i
  end
end
if refused == 0 then
  for i = 1, n do
    used[i] = redis.call('INCR', KEYS[i])
    if used[i] == 1 then
      redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 * i]))
    end
  end
end
local result = {refused}
for i = 1, n do
  result[#result + 1] = used[i]
  result[#result + 1] = ttl[i]
end
for j = n + 1, #KEYS do
  result[#result + 1] = redis.call('GET', KEYS[j])
end
return result
