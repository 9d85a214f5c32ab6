package dev.guildhall.message.message;

/**
 * What a reply shows of the message it answers: its id, author and the first
 * {@value #EXCERPT_LENGTH} characters. When that message was deleted only the id remains and
 * {@code deleted} is true.
 */
public record ReplyView(String messageId, String userId, String content, boolean deleted) {

    public static final int EXCERPT_LENGTH = 100;
}
