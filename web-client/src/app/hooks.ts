import { useEffect, useMemo, useState } from 'react';
import type { Channel } from '../api/types';
import { ALL, channelPermissions, basePermissions } from '../store/permissions';
import { permissionInput, visibleChannels } from '../store/state';
import { store, useStore } from '../store/store';

/** My permissions in a server, or in one of its channels. */
export function usePermissions(serverId: string | null, channelId?: string | null): bigint {
  const server = useStore((s) => (serverId ? s.servers[serverId] : undefined));
  const roles = useStore((s) => (serverId ? s.roles[serverId] : undefined));
  const myRoles = useStore((s) => (serverId ? s.myRoles[serverId] : undefined));
  const me = useStore((s) => s.me);
  const channel = useStore((s) => (channelId ? s.channels[channelId] : undefined));
  return useMemo(() => {
    if (!serverId) return ALL;
    const input = permissionInput(store.getState(), serverId);
    if (!input) return 0n;
    return channel ? channelPermissions(input, channel.permission_overwrites) : basePermissions(input);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serverId, server, roles, myRoles, me, channel]);
}

export function useVisibleChannels(serverId: string | null): Channel[] {
  const channels = useStore((s) => s.channels);
  const roles = useStore((s) => (serverId ? s.roles[serverId] : undefined));
  const myRoles = useStore((s) => (serverId ? s.myRoles[serverId] : undefined));
  const server = useStore((s) => (serverId ? s.servers[serverId] : undefined));
  return useMemo(
    () => (serverId ? visibleChannels(store.getState(), serverId) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [serverId, channels, roles, myRoles, server],
  );
}

/** Re-renders every `ms` (for countdowns and expiring typing indicators). */
export function useNow(ms: number, active = true): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms, active]);
  return now;
}

export function displayName(userId: string, serverId?: string | null): string {
  const s = store.getState();
  const member = serverId ? s.members[serverId]?.[userId] : undefined;
  return member?.nick || member?.user?.username || s.users[userId]?.username || 'Unknown user';
}

export function colorOf(n: number | null | undefined): string | undefined {
  return n ? `#${n.toString(16).padStart(6, '0')}` : undefined;
}

/** The color of a member's highest colored role. */
export function memberColor(serverId: string | null | undefined, userId: string): string | undefined {
  if (!serverId) return undefined;
  const s = store.getState();
  const member = s.members[serverId]?.[userId];
  const roles = s.roles[serverId];
  if (!member || !roles) return undefined;
  let best: { position: number; color: number } | null = null;
  for (const id of member.roles) {
    const r = roles[id];
    if (r && r.color && (!best || r.position > best.position)) best = r;
  }
  return colorOf(best?.color);
}
