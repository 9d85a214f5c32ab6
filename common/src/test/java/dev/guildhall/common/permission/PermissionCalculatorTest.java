package dev.guildhall.common.permission;

import dev.guildhall.common.permission.PermissionOverwrite.Type;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.guildhall.common.permission.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

class PermissionCalculatorTest {

    static final long SERVER = 100;
    static final long OWNER = 1;
    static final long USER = 2;
    static final long MODS = 200;
    static final long MUTED = 300;
    static final long ADMINS = 400;

    static final Map<Long, Long> ROLES = Map.of(
            SERVER, of(VIEW_CHANNEL, SEND_MESSAGES, READ_MESSAGE_HISTORY, MENTION_EVERYONE),
            MODS, of(MANAGE_MESSAGES, KICK_MEMBERS),
            MUTED, 0L,
            ADMINS, of(ADMINISTRATOR));

    record Case(String name, long user, List<Long> roles, List<PermissionOverwrite> overwrites,
                long mustHave, long mustNotHave) {
        @Override
        public String toString() {
            return name;
        }
    }

    static PermissionOverwrite role(long id, long allow, long deny) {
        return new PermissionOverwrite(id, Type.ROLE, allow, deny);
    }

    static PermissionOverwrite member(long id, long allow, long deny) {
        return new PermissionOverwrite(id, Type.MEMBER, allow, deny);
    }

    static Stream<Case> cases() {
        long view = VIEW_CHANNEL.bit();
        long send = SEND_MESSAGES.bit();
        return Stream.of(
                new Case("owner has everything, even when denied", OWNER, List.of(),
                        List.of(role(SERVER, 0, view), member(OWNER, 0, view)), ALL, 0),
                new Case("plain member gets @everyone", USER, List.of(), List.of(),
                        of(VIEW_CHANNEL, SEND_MESSAGES), of(MANAGE_MESSAGES, KICK_MEMBERS)),
                new Case("roles add to @everyone", USER, List.of(MODS), List.of(),
                        of(VIEW_CHANNEL, MANAGE_MESSAGES, KICK_MEMBERS), of(BAN_MEMBERS)),
                new Case("administrator role means all, overwrites ignored", USER, List.of(ADMINS),
                        List.of(role(SERVER, 0, view), member(USER, 0, view)), ALL, 0),
                new Case("@everyone overwrite hides the channel", USER, List.of(),
                        List.of(role(SERVER, 0, view)), 0, of(VIEW_CHANNEL, SEND_MESSAGES)),
                new Case("role overwrite allows back what @everyone denied", USER, List.of(MODS),
                        List.of(role(SERVER, 0, view), role(MODS, view, 0)), of(VIEW_CHANNEL, SEND_MESSAGES), 0),
                new Case("role overwrite of a role the member lacks does nothing", USER, List.of(),
                        List.of(role(SERVER, 0, view), role(MODS, view, 0)), 0, of(VIEW_CHANNEL)),
                new Case("role allow beats role deny of another role", USER, List.of(MODS, MUTED),
                        List.of(role(MUTED, 0, send), role(MODS, send, 0)), of(SEND_MESSAGES), 0),
                new Case("member overwrite beats role overwrite", USER, List.of(MODS),
                        List.of(role(MODS, send, 0), member(USER, 0, send)), of(VIEW_CHANNEL), of(SEND_MESSAGES)),
                new Case("member overwrite allows on a hidden channel", USER, List.of(),
                        List.of(role(SERVER, 0, view), member(USER, view, 0)), of(VIEW_CHANNEL), 0),
                new Case("member overwrite for someone else does nothing", USER, List.of(),
                        List.of(member(99, 0, view)), of(VIEW_CHANNEL), 0),
                new Case("no view means no permissions at all", USER, List.of(MODS),
                        List.of(role(SERVER, 0, view)), 0, of(MANAGE_MESSAGES, KICK_MEMBERS, SEND_MESSAGES)),
                new Case("without send, mention everyone is gone too", USER, List.of(),
                        List.of(role(SERVER, 0, send)), of(VIEW_CHANNEL, READ_MESSAGE_HISTORY),
                        of(SEND_MESSAGES, MENTION_EVERYONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computesChannelPermissions(Case c) {
        long p = PermissionCalculator.compute(SERVER, OWNER, c.user(), ROLES, c.roles(), c.overwrites());
        assertThat(p & c.mustHave()).as("must have %s", decode(c.mustHave())).isEqualTo(c.mustHave());
        assertThat(p & c.mustNotHave()).as("must not have %s", decode(c.mustNotHave())).isZero();
    }

    @Test
    void basePermissionsIgnoreOverwrites() {
        assertThat(PermissionCalculator.basePermissions(SERVER, OWNER, USER, ROLES, List.of(MODS)))
                .isEqualTo(ROLES.get(SERVER) | ROLES.get(MODS));
    }

    @Test
    void bitsMatchDiscord() {
        assertThat(ADMINISTRATOR.bit()).isEqualTo(8);
        assertThat(VIEW_CHANNEL.bit()).isEqualTo(1024);
        assertThat(SEND_MESSAGES.bit()).isEqualTo(2048);
        assertThat(CONNECT.bit()).isEqualTo(1L << 20);
        assertThat(MANAGE_ROLES.bit()).isEqualTo(1L << 28);
    }

    @Test
    void permissionsTravelAsDecimalStrings() {
        long p = of(VIEW_CHANNEL, SEND_MESSAGES);
        assertThat(Permission.format(p)).isEqualTo("3072");
        assertThat(Permission.parse("3072")).isEqualTo(p);
        assertThat(Permission.parse(Long.toUnsignedString(-1L))).isEqualTo(ALL);
    }
}
