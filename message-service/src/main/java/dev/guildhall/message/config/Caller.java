package dev.guildhall.message.config;

/** The authenticated user making a request: the verified token's {@code sub}, nothing else. */
public record Caller(long userId) {
}
