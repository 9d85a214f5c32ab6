/** Requests to scroll a channel to a message (from replies, pins and search results). */
type Listener = (channelId: string, messageId: string) => void;
const listeners = new Set<Listener>();
let pending: { channelId: string; messageId: string } | null = null;

export function requestJump(channelId: string, messageId: string) {
  pending = { channelId, messageId };
  listeners.forEach((l) => l(channelId, messageId));
}

/** A jump asked for before the channel's view mounted. */
export function takePendingJump(channelId: string): string | null {
  if (pending && pending.channelId === channelId) {
    const id = pending.messageId;
    pending = null;
    return id;
  }
  return null;
}

export function clearPendingJump() {
  pending = null;
}

export function onJump(l: Listener) {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}
