package dev.guildhall.common.id;

/** A path or body value that should have been a snowflake id is not one. */
public class InvalidIdException extends IllegalArgumentException {

    public InvalidIdException(String value) {
        super("not a valid id: " + (value == null ? "null" : value.length() > 32 ? value.substring(0, 32) + "…" : value));
    }
}
