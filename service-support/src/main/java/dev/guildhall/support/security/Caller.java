package dev.guildhall.support.security;

/** The authenticated user making a request: the verified token's {@code sub}, nothing else. */
public record Caller(long userId) {
}
