package dev.guildhall.common.permission;

/** A channel's allow/deny pair for one role or one member. */
public record PermissionOverwrite(long targetId, Type type, long allow, long deny) {

    public enum Type {
        ROLE, MEMBER;

        public String wire() {
            return name().toLowerCase();
        }

        public static Type fromWire(String value) {
            if ("role".equalsIgnoreCase(value) || "0".equals(value)) {
                return ROLE;
            }
            if ("member".equalsIgnoreCase(value) || "1".equals(value)) {
                return MEMBER;
            }
            throw new IllegalArgumentException("overwrite type must be role or member");
        }
    }
}
