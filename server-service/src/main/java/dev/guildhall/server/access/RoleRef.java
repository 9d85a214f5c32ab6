package dev.guildhall.server.access;

/** What the permission model needs of a role: where it sits and what it grants. */
public record RoleRef(long roleId, int position, long permissions) {
}
