/** Voice in the web client: wiring for the app (see voiceStore.ts and VoiceSession.ts). */
import { browserDeps } from './browser';
import { configureVoice, installDebugHook } from './voiceStore';

configureVoice(browserDeps);
installDebugHook();

export { handleVoiceDispatch, joinVoice, leaveVoice, resetVoice, useVoice } from './voiceStore';
export { VoiceBar } from './VoiceBar';
export { VideoGrid } from './VideoGrid';
export { VoiceChannelMembers } from './VoiceChannelMembers';
