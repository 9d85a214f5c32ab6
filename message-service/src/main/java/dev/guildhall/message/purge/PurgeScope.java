package dev.guildhall.message.purge;

/** What a purge job deletes: a deleted message's files, or all content of a deleted channel or server. */
public enum PurgeScope {
    /** The files of one deleted message, after the grace period (its rows went with the message). */
    MESSAGE,
    /** Messages, mentions, reactions, pins, read states and attachments (rows and objects) of a channel. */
    CHANNEL,
    /** The content of every channel of a server. */
    SERVER
}
