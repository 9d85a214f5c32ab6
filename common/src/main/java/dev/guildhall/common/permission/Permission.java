package dev.guildhall.common.permission;

import java.util.EnumSet;
import java.util.Set;

/** Permission bits, numbered as Discord numbers them so bot developers meet no surprises. */
public enum Permission {
    CREATE_INSTANT_INVITE(0),
    KICK_MEMBERS(1),
    BAN_MEMBERS(2),
    ADMINISTRATOR(3),
    MANAGE_CHANNELS(4),
    MANAGE_SERVER(5),
    ADD_REACTIONS(6),
    VIEW_AUDIT_LOG(7),
    PRIORITY_SPEAKER(8),
    STREAM(9),
    VIEW_CHANNEL(10),
    SEND_MESSAGES(11),
    SEND_TTS_MESSAGES(12),
    MANAGE_MESSAGES(13),
    EMBED_LINKS(14),
    ATTACH_FILES(15),
    READ_MESSAGE_HISTORY(16),
    MENTION_EVERYONE(17),
    USE_EXTERNAL_EMOJIS(18),
    VIEW_SERVER_INSIGHTS(19),
    CONNECT(20),
    SPEAK(21),
    MUTE_MEMBERS(22),
    DEAFEN_MEMBERS(23),
    MOVE_MEMBERS(24),
    USE_VAD(25),
    CHANGE_NICKNAME(26),
    MANAGE_NICKNAMES(27),
    MANAGE_ROLES(28),
    MANAGE_WEBHOOKS(29),
    MANAGE_EXPRESSIONS(30),
    USE_APPLICATION_COMMANDS(31),
    MODERATE_MEMBERS(40);

    private final long bit;

    Permission(int shift) {
        this.bit = 1L << shift;
    }

    public long bit() {
        return bit;
    }

    public boolean in(long permissions) {
        return (permissions & bit) == bit;
    }

    /** Every defined bit. */
    public static final long ALL = all();

    /** What a new server's @everyone role may do. */
    public static final long DEFAULT_EVERYONE = of(EnumSet.of(
            CREATE_INSTANT_INVITE, ADD_REACTIONS, STREAM, VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS,
            ATTACH_FILES, READ_MESSAGE_HISTORY, MENTION_EVERYONE, USE_EXTERNAL_EMOJIS, CONNECT, SPEAK,
            USE_VAD, CHANGE_NICKNAME, USE_APPLICATION_COMMANDS));

    /** Bits that only make sense per channel; overwrites may touch only these and the ones below. */
    public static long of(Set<Permission> permissions) {
        long value = 0;
        for (Permission p : permissions) {
            value |= p.bit;
        }
        return value;
    }

    public static long of(Permission... permissions) {
        long value = 0;
        for (Permission p : permissions) {
            value |= p.bit;
        }
        return value;
    }

    public static Set<Permission> decode(long permissions) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        for (Permission p : values()) {
            if (p.in(permissions)) {
                set.add(p);
            }
        }
        return set;
    }

    /** Parses a decimal permission string as sent by clients; unknown bits are dropped. */
    public static long parse(String decimal) {
        if (decimal == null || decimal.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseUnsignedLong(decimal.trim());
            return value & ALL;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("permissions must be a decimal string of bits");
        }
    }

    public static String format(long permissions) {
        return Long.toUnsignedString(permissions);
    }

    private static long all() {
        long value = 0;
        for (Permission p : values()) {
            value |= p.bit;
        }
        return value;
    }
}
