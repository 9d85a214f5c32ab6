package dev.guildhall.support.redis;

import io.lettuce.core.RedisException;

/** Redis is not connected right now; thrown at once instead of waiting (the caller degrades its feature). */
public class RedisUnavailableException extends RedisException {

    public RedisUnavailableException(String message) {
        super(message);
    }
}
