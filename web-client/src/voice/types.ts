/** Voice shapes of the v1 API, the gateway events and the media node's signalling frames (DESIGN "Voice, video, screen share"). */

export interface VoiceState {
  server_id: string | null;
  /** null: the user left voice. */
  channel_id: string | null;
  user_id: string;
  session_id: string;
  self_mute: boolean;
  self_deaf: boolean;
  self_video: boolean;
  self_stream: boolean;
  /** Server mute / deafen by a moderator. */
  mute: boolean;
  deaf: boolean;
  joined_at?: string;
}

/** `POST /channels/{id}/voice/join`. */
export interface VoiceJoin {
  voice_token: string;
  endpoint: string;
  session_id: string;
  node_id?: string;
  voice_state?: VoiceState;
}

/** `VOICE_SERVER_UPDATE` (to one user): the connection moved to another node. */
export interface VoiceServerUpdate {
  server_id: string | null;
  channel_id: string;
  user_id: string;
  session_id: string;
  endpoint: string;
  voice_token: string;
}

export type SourceKind = 'audio' | 'video' | 'screen';

/** One remote source the node forwards, from the `sources` frame. */
export interface SourceInfo {
  mid: string;
  user_id: string;
  kind: SourceKind;
}

/** The flags a client may change with `PATCH .../voice/state`. */
export interface SelfFlags {
  self_mute: boolean;
  self_deaf: boolean;
  self_video: boolean;
  self_stream: boolean;
}

export type Quality = 'unknown' | 'good' | 'ok' | 'bad';

export type SessionStatus = 'idle' | 'joining' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';

/** The uplink mids the node offers (recvonly at the node). */
export const UPLINK_MIDS: Record<SourceKind, string> = { audio: 'audio', video: 'video', screen: 'screen' };
