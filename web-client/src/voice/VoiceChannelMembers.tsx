import { displayName } from '../app/hooks';
import { Avatar } from '../components/Avatar';
import { useStore } from '../store/store';
import { VoiceIcon } from './VoiceIcon';
import { useVoice } from './voiceStore';
import './voice.css';

/** Who is in a voice channel, under it in the sidebar: speaking ring, mute / deafen / camera / live marks. */
export function VoiceChannelMembers({ channelId, serverId, channelName }: { channelId: string; serverId: string | null; channelName: string }) {
  const users = useVoice((s) => s.channels[channelId]);
  const speaking = useVoice((s) => (s.session && s.session.channelId === channelId ? s.session.speaking : null));
  // names come from members and users, which load after voice states: re-render when they do
  useStore((s) => (serverId ? s.members[serverId] : undefined));
  useStore((s) => s.users);
  if (!users || Object.keys(users).length === 0) return null;
  const list = Object.values(users).sort((a, b) => (a.joined_at ?? '').localeCompare(b.joined_at ?? '') || a.user_id.localeCompare(b.user_id));
  return (
    <ul className="voice-members" aria-label={`In voice: ${channelName}`}>
      {list.map((vs) => {
        const name = displayName(vs.user_id, serverId);
        const isSpeaking = !!speaking?.includes(vs.user_id);
        const muted = vs.self_mute || vs.mute;
        const deaf = vs.self_deaf || vs.deaf;
        const label = [name, muted && 'muted', deaf && 'deafened', vs.self_video && 'camera on', vs.self_stream && 'sharing screen', isSpeaking && 'speaking']
          .filter(Boolean)
          .join(', ');
        return (
          <li key={vs.user_id} className={`voice-member ${isSpeaking ? 'speaking' : ''}`} data-user-id={vs.user_id} data-speaking={isSpeaking} aria-label={label} title={label}>
            <span className="voice-ring">
              <Avatar id={vs.user_id} name={name} size={24} />
            </span>
            <span className="voice-member-name">{name}</span>
            {vs.self_stream && <span className="live-badge" aria-hidden="true">LIVE</span>}
            {vs.self_video && (
              <span className="voice-flag" aria-hidden="true">
                <VoiceIcon name="camera" size={14} />
              </span>
            )}
            {muted && (
              <span className={`voice-flag ${vs.mute ? 'server' : ''}`} aria-hidden="true">
                <VoiceIcon name="mic-off" size={14} />
              </span>
            )}
            {deaf && (
              <span className={`voice-flag ${vs.deaf ? 'server' : ''}`} aria-hidden="true">
                <VoiceIcon name="headphones-off" size={14} />
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
