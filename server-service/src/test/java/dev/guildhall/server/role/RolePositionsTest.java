package dev.guildhall.server.role;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolePositionsTest {

    static final long SERVER = 100;

    static RoleRow role(long id, int position) {
        return new RoleRow(id, SERVER, "r" + id, 0, 0, position, false, false, 0);
    }

    static final List<RoleRow> ROLES = List.of(role(SERVER, 0), role(1, 1), role(2, 2), role(3, 3), role(4, 4));

    @Test
    void movesRequestedRolesAndKeepsTheOthersInOrder() {
        Map<Long, Integer> result = RolePositions.reorder(ROLES, Map.of(1L, 4));
        assertThat(result).containsEntry(SERVER, 0).containsEntry(2L, 1).containsEntry(3L, 2).containsEntry(4L, 3)
                .containsEntry(1L, 4);
    }

    @Test
    void swapsTwoRoles() {
        Map<Long, Integer> result = RolePositions.reorder(ROLES, Map.of(2L, 3, 3L, 2));
        assertThat(result).containsEntry(2L, 3).containsEntry(3L, 2).containsEntry(1L, 1).containsEntry(4L, 4);
    }

    @Test
    void everyoneStaysAtZero() {
        assertThatThrownBy(() -> RolePositions.reorder(ROLES, Map.of(SERVER, 2)))
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> RolePositions.reorder(ROLES, Map.of(1L, 0)))
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void refusesPositionsOutOfRangeCollisionsAndUnknownRoles() {
        assertThatThrownBy(() -> RolePositions.reorder(ROLES, Map.of(1L, 5)))
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> RolePositions.reorder(ROLES, Map.of(1L, 2, 3L, 2)))
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> RolePositions.reorder(ROLES, Map.of(77L, 2)))
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.UNKNOWN_ROLE));
    }

    @Test
    void checkDetectsBrokenOrders() {
        RolePositions.check(ROLES);
        assertThatThrownBy(() -> RolePositions.check(List.of(role(SERVER, 0), role(1, 2))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RolePositions.check(List.of(role(SERVER, 0), role(1, 1), role(2, 1))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RolePositions.check(List.of(role(SERVER, 1), role(1, 0))))
                .isInstanceOf(IllegalStateException.class);
    }
}
