package dev.guildhall.auth.ratelimit;

/**
 * The outcome of one attempt against a fixed window.
 *
 * @param count         attempts counted in the current window, this one included
 * @param resetAfterMillis time until the window ends and the count starts over
 */
record Window(boolean allowed, long count, long resetAfterMillis) {
}
