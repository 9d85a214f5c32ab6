package dev.guildhall.server.role;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The role-order invariant and how a reorder request keeps it: a server's roles always occupy
 * positions {@code 0..n-1} exactly once, @everyone at 0 (ADR 024).
 */
public final class RolePositions {

    private RolePositions() {
    }

    /**
     * Applies requested positions and returns the new position of every role. Requested roles land
     * exactly where asked; the others keep their relative order in the remaining slots.
     *
     * @param current   the server's roles, lowest first (positions 0..n-1, @everyone first)
     * @param requested role id to wanted position
     */
    public static Map<Long, Integer> reorder(List<RoleRow> current, Map<Long, Integer> requested) {
        int n = current.size();
        Long[] slots = new Long[n];
        Set<Long> known = new HashSet<>();
        for (RoleRow role : current) {
            known.add(role.roleId());
        }
        slots[0] = current.get(0).roleId();
        for (Map.Entry<Long, Integer> e : requested.entrySet()) {
            long id = e.getKey();
            int position = e.getValue();
            if (!known.contains(id)) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_ROLE);
            }
            if (id == current.get(0).roleId()) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "@everyone always stays at position 0");
            }
            if (position < 1 || position >= n) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Role positions must be 1.." + (n - 1));
            }
            if (slots[position] != null) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Two roles requested position " + position);
            }
            slots[position] = id;
        }
        List<Long> rest = new ArrayList<>();
        for (RoleRow role : current) {
            if (!role.isEveryone() && !requested.containsKey(role.roleId())) {
                rest.add(role.roleId());
            }
        }
        int next = 0;
        Map<Long, Integer> result = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (slots[i] == null) {
                slots[i] = rest.get(next++);
            }
            result.put(slots[i], i);
        }
        return result;
    }

    /** Throws unless positions are exactly 0..n-1 with @everyone at 0. */
    public static void check(List<RoleRow> roles) {
        Set<Integer> seen = new HashSet<>();
        for (RoleRow role : roles) {
            if (role.isEveryone() != (role.position() == 0) || role.position() < 0 || role.position() >= roles.size()
                    || !seen.add(role.position())) {
                throw new IllegalStateException("role positions broken in server " + role.serverId());
            }
        }
    }
}
