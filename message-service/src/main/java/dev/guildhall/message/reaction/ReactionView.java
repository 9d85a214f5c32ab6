package dev.guildhall.message.reaction;

/** One emoji on a message: how many users reacted with it, and whether the viewer is one of them. */
public record ReactionView(String emoji, int count, boolean me) {
}
