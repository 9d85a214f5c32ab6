package dev.guildhall.server.access;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorTest {

    static final long SERVER = 1000;
    static final long OWNER = 1;
    static final long MOD = 2;
    static final long MEMBER = 3;
    static final long ADMIN = 4;
    static final long MODS_ROLE = 10;
    static final long ADMINS_ROLE = 11;
    static final long HELPERS_ROLE = 12;

    /** @everyone 0, helpers 1, mods 2 (MANAGE_ROLES, KICK), admins 3 (ADMINISTRATOR). */
    static final Map<Long, RoleRef> ROLES = Map.of(
            SERVER, new RoleRef(SERVER, 0, Permission.DEFAULT_EVERYONE),
            HELPERS_ROLE, new RoleRef(HELPERS_ROLE, 1, Permission.of(Permission.MANAGE_MESSAGES)),
            MODS_ROLE, new RoleRef(MODS_ROLE, 2, Permission.of(Permission.MANAGE_ROLES, Permission.KICK_MEMBERS)),
            ADMINS_ROLE, new RoleRef(ADMINS_ROLE, 3, Permission.of(Permission.ADMINISTRATOR)));

    static Actor actor(long user, Long... roles) {
        return new Actor(SERVER, OWNER, user, ROLES, Set.of(roles));
    }

    @Test
    void ownerHasEverythingAndOutranksEveryoneButCannotActOnThemselves() {
        Actor owner = actor(OWNER);
        assertThat(owner.base()).isEqualTo(Permission.ALL);
        assertThat(owner.isAdmin()).isTrue();
        assertThat(owner.outranksRole(3)).isTrue();
        assertThat(owner.outranksMember(ADMIN, List.of(ADMINS_ROLE))).isTrue();
        assertThat(owner.outranksMember(OWNER, List.of())).isFalse();
        PermissionOverwrite denyAll = new PermissionOverwrite(SERVER, PermissionOverwrite.Type.ROLE, 0, Permission.ALL);
        assertThat(owner.inChannel(List.of(denyAll))).isEqualTo(Permission.ALL);
    }

    @Test
    void baseIsEveryoneOrRoles() {
        Actor mod = actor(MOD, MODS_ROLE);
        assertThat(mod.has(Permission.MANAGE_ROLES)).isTrue();
        assertThat(mod.has(Permission.VIEW_CHANNEL)).isTrue();
        assertThat(mod.has(Permission.BAN_MEMBERS)).isFalse();
        assertThat(actor(MEMBER).has(Permission.MANAGE_ROLES)).isFalse();
    }

    @Test
    void requireThrowsMissingPermissions() {
        assertThatThrownBy(() -> actor(MEMBER).require(Permission.KICK_MEMBERS))
                .isInstanceOf(GuildhallException.class)
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.MISSING_PERMISSIONS));
    }

    @Test
    void administratorMeansAllAndIgnoresOverwrites() {
        Actor admin = actor(ADMIN, ADMINS_ROLE);
        assertThat(admin.base()).isEqualTo(Permission.ALL);
        assertThat(admin.isAdmin()).isTrue();
        PermissionOverwrite denyView = new PermissionOverwrite(SERVER, PermissionOverwrite.Type.ROLE, 0,
                Permission.VIEW_CHANNEL.bit());
        assertThat(admin.canView(List.of(denyView))).isTrue();
        // but an administrator is still bound by the hierarchy
        assertThat(admin.outranksRole(3)).isFalse();
    }

    @Test
    void rolesAtOrAboveYourHighestAreOutOfReach() {
        Actor mod = actor(MOD, MODS_ROLE);
        assertThat(mod.rank()).isEqualTo(2);
        assertThat(mod.outranksRole(1)).isTrue();
        assertThat(mod.outranksRole(0)).isTrue();
        assertThat(mod.outranksRole(2)).isFalse();
        assertThat(mod.outranksRole(3)).isFalse();
        assertThatThrownBy(() -> mod.requireOutranksRole(ROLES.get(ADMINS_ROLE)))
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.ROLE_HIERARCHY));
    }

    @Test
    void onlyEveryoneRankCannotManageEveryone() {
        assertThat(actor(MEMBER).outranksRole(0)).isFalse();
    }

    @Test
    void membersAreModeratedOnlyFromStrictlyAbove() {
        Actor mod = actor(MOD, MODS_ROLE);
        assertThat(mod.outranksMember(MEMBER, List.of())).isTrue();
        assertThat(mod.outranksMember(MEMBER, List.of(HELPERS_ROLE))).isTrue();
        assertThat(mod.outranksMember(99, List.of(MODS_ROLE))).isFalse();
        assertThat(mod.outranksMember(ADMIN, List.of(ADMINS_ROLE))).isFalse();
        assertThat(mod.outranksMember(OWNER, List.of())).isFalse();
        assertThat(mod.outranksMember(MOD, List.of(MODS_ROLE))).isFalse();
    }

    @Test
    void onlyBitsYouHoldMayChange() {
        Actor mod = actor(MOD, MODS_ROLE);
        long held = mod.base();
        assertThat(mod.canChangeBits(0, Permission.of(Permission.KICK_MEMBERS), held)).isTrue();
        assertThat(mod.canChangeBits(0, Permission.of(Permission.ADMINISTRATOR), held)).isFalse();
        assertThat(mod.canChangeBits(0, Permission.of(Permission.BAN_MEMBERS), held)).isFalse();
        // an unrelated bit the mod lacks may stay as it is
        long withBan = Permission.of(Permission.BAN_MEMBERS);
        assertThat(mod.canChangeBits(withBan, withBan | Permission.KICK_MEMBERS.bit(), held)).isTrue();
        // and may not be revoked either
        assertThat(mod.canChangeBits(withBan, 0, held)).isFalse();
        assertThat(actor(OWNER).canChangeBits(0, Permission.ALL, 0)).isTrue();
        assertThat(actor(ADMIN, ADMINS_ROLE).canChangeBits(0, Permission.ALL, 0)).isTrue();
    }

    @Test
    void channelOverwritesHideAndReveal() {
        PermissionOverwrite hideFromEveryone = new PermissionOverwrite(SERVER, PermissionOverwrite.Type.ROLE, 0,
                Permission.VIEW_CHANNEL.bit());
        PermissionOverwrite showToMods = new PermissionOverwrite(MODS_ROLE, PermissionOverwrite.Type.ROLE,
                Permission.VIEW_CHANNEL.bit(), 0);
        List<PermissionOverwrite> secret = List.of(hideFromEveryone, showToMods);
        assertThat(actor(MEMBER).canView(secret)).isFalse();
        assertThat(actor(MEMBER).inChannel(secret)).isZero();
        assertThat(actor(MOD, MODS_ROLE).canView(secret)).isTrue();
        PermissionOverwrite showToMember = new PermissionOverwrite(MEMBER, PermissionOverwrite.Type.MEMBER,
                Permission.VIEW_CHANNEL.bit(), 0);
        assertThat(actor(MEMBER).canView(List.of(hideFromEveryone, showToMember))).isTrue();
    }
}
