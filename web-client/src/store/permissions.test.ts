import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { ALL, P, basePermissions, canView, channelPermissions, has } from './permissions';

const S = '100';
const role = (id: string, perms: bigint, position = 1): Role => ({
  role_id: id,
  server_id: S,
  name: id,
  permissions: perms.toString(),
  color: 0,
  position,
  hoist: false,
  mentionable: false,
});
const everyone = role(S, P.VIEW_CHANNEL | P.SEND_MESSAGES, 0);
const mod = role('200', P.MANAGE_MESSAGES);
const admin = role('300', P.ADMINISTRATOR);
const roles = [everyone, mod, admin];
const input = (userId: string, memberRoles: string[] = []) => ({ serverId: S, ownerId: '1', userId, memberRoles, roles });

describe('permission computation', () => {
  it('gives the owner everything', () => {
    expect(basePermissions(input('1'))).toBe(ALL);
    expect(canView(input('1'), { permission_overwrites: [{ id: S, type: 'role', allow: '0', deny: P.VIEW_CHANNEL.toString() }] })).toBe(true);
  });

  it('combines @everyone and member roles', () => {
    const p = basePermissions(input('2', ['200']));
    expect(has(p, P.VIEW_CHANNEL)).toBe(true);
    expect(has(p, P.MANAGE_MESSAGES)).toBe(true);
    expect(has(p, P.BAN_MEMBERS)).toBe(false);
  });

  it('ADMINISTRATOR means all and ignores overwrites', () => {
    expect(basePermissions(input('2', ['300']))).toBe(ALL);
    expect(channelPermissions(input('2', ['300']), [{ id: S, type: 'role', allow: '0', deny: ALL.toString() }])).toBe(ALL);
  });

  it('applies @everyone, then roles, then the member overwrite', () => {
    const deny = P.VIEW_CHANNEL.toString();
    const overwrites = [
      { id: S, type: 'role' as const, allow: '0', deny },
      { id: '200', type: 'role' as const, allow: deny, deny: '0' },
    ];
    expect(canView(input('2'), { permission_overwrites: overwrites })).toBe(false);
    expect(canView(input('2', ['200']), { permission_overwrites: overwrites })).toBe(true);
    const withMember = [...overwrites, { id: '2', type: 'member' as const, allow: '0', deny }];
    expect(canView(input('2', ['200']), { permission_overwrites: withMember })).toBe(false);
  });

  it('role allows win over role denies at the same level', () => {
    const v = P.VIEW_CHANNEL.toString();
    const overwrites = [
      { id: '200', type: 'role' as const, allow: '0', deny: v },
      { id: '400', type: 'role' as const, allow: v, deny: '0' },
    ];
    expect(canView({ ...input('2', ['200', '400']), roles: [...roles, role('400', 0n)] }, { permission_overwrites: overwrites })).toBe(true);
  });

  it('handles bits above 2^32 (MODERATE_MEMBERS)', () => {
    const r = role('500', P.MODERATE_MEMBERS);
    expect(has(basePermissions({ ...input('2', ['500']), roles: [...roles, r] }), P.MODERATE_MEMBERS)).toBe(true);
  });
});
