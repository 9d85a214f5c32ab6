import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { loadMembers } from '../app/client';
import { useVisibleChannels } from '../app/hooks';
import { useStore } from '../store/store';
import { match, navigate } from '../util/router';
import { ChannelSidebar } from './ChannelSidebar';
import { ChannelView } from './ChannelView';
import { DmSidebar } from './DmSidebar';
import { MemberList } from './MemberList';
import { ServerRail } from './ServerRail';
import { UserPanel } from './UserPanel';
import { Icon } from './Icon';
import { VideoGrid, VoiceBar } from '../voice';

const ServerSettings = lazy(() => import('../settings/ServerSettings'));
const UserSettings = lazy(() => import('../settings/UserSettings'));

function ConnectionBanner() {
  const connection = useStore((s) => s.connection);
  const ready = useStore((s) => s.ready);
  if (connection === 'connected' || connection === 'idle' || (!ready && connection === 'connecting')) return null;
  return (
    <div className="conn-banner" role="status">
      Reconnecting…
    </div>
  );
}

export function Shell({ path }: { path: string }) {
  const ready = useStore((s) => s.ready);
  const dm = match('/channels/@me/:channelId?', path);
  const server = dm ? null : match('/channels/:serverId/:channelId?', path);
  const serverId = server?.serverId ?? null;
  const channelId = dm?.channelId ?? server?.channelId ?? null;
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [membersOpen, setMembersOpen] = useState(() => window.innerWidth > 1100);
  const [settings, setSettings] = useState<null | 'user' | 'server'>(null);
  const serverKnown = useStore((s) => (serverId ? !!s.servers[serverId] : true));
  const channels = useVisibleChannels(serverId);

  // a server without a channel in the path opens its first text channel
  useEffect(() => {
    if (!ready || !serverId) return;
    if (!serverKnown) return;
    const first = channels.find((c) => c.channel_type === 'text');
    if ((!channelId || !channels.some((c) => c.channel_id === channelId)) && first) {
      navigate(`/channels/${serverId}/${first.channel_id}`, true);
    }
  }, [ready, serverId, channelId, channels, serverKnown]);

  useEffect(() => {
    if (serverId && ready && serverKnown) loadMembers(serverId).catch(() => undefined);
  }, [serverId, ready, serverKnown]);

  // the server I was looking at went away (deleted, kicked, banned, left): go home
  const known = useRef<string | null>(null);
  useEffect(() => {
    if (serverId && serverKnown) known.current = serverId;
    else if (serverId && known.current === serverId && ready) {
      known.current = null;
      navigate('/channels/@me', true);
    }
  }, [serverId, serverKnown, ready]);

  useEffect(() => setSidebarOpen(false), [path]);

  if (!path.startsWith('/channels/')) return null; // App redirects

  if (!ready) {
    return (
      <div className="app-loading" role="status">
        <div className="spinner" aria-hidden="true" />
        Connecting…
        <ConnectionBanner />
      </div>
    );
  }

  return (
    <div className={`app ${sidebarOpen ? 'sidebar-open' : ''}`}>
      <ConnectionBanner />
      <div className="sidebar-wrap">
        <ServerRail activeServer={serverId} />
        <aside className="sidebar">
          {serverId && serverKnown ? (
            <ChannelSidebar serverId={serverId} channelId={channelId} onOpenServerSettings={() => setSettings('server')} />
          ) : (
            <DmSidebar channelId={channelId} />
          )}
          <VoiceBar />
          <UserPanel onOpenSettings={() => setSettings('user')} />
        </aside>
      </div>
      {sidebarOpen && <div className="scrim mobile-only" onClick={() => setSidebarOpen(false)} />}
      <main className="main">
        <VideoGrid />
        {serverId && !serverKnown ? (
          <div className="empty">
            <button type="button" className="icon-btn mobile-only" aria-label="Open sidebar" onClick={() => setSidebarOpen(true)}>
              <Icon name="menu" />
            </button>
            <p className="muted">This server does not exist or you are not a member.</p>
          </div>
        ) : channelId ? (
          <ChannelView
            channelId={channelId}
            serverId={serverId}
            onToggleSidebar={() => setSidebarOpen((o) => !o)}
            onToggleMembers={serverId ? () => setMembersOpen((o) => !o) : undefined}
            membersOpen={membersOpen}
          />
        ) : (
          <div className="empty">
            <button type="button" className="icon-btn mobile-only" aria-label="Open sidebar" onClick={() => setSidebarOpen(true)}>
              <Icon name="menu" />
            </button>
            <h1>{serverId ? 'No text channels' : 'Welcome to Guildhall'}</h1>
            <p className="muted">{serverId ? 'There is no text channel you can see here yet.' : 'Pick a server on the left, or a direct message.'}</p>
          </div>
        )}
      </main>
      {serverId && serverKnown && membersOpen && <MemberList serverId={serverId} onClose={() => setMembersOpen(false)} />}
      <Suspense fallback={null}>
        {settings === 'user' && <UserSettings onClose={() => setSettings(null)} />}
        {settings === 'server' && serverId && <ServerSettings serverId={serverId} onClose={() => setSettings(null)} />}
      </Suspense>
    </div>
  );
}
