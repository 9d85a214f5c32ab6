/** INTERACTION_FAILED reaches only the invoker's sessions: the composer that sent the command shows it. */
export interface InteractionFailed {
  interaction_id: string;
  application_id: string;
  name: string;
  server_id: string | null;
  channel_id: string;
  message: string;
}

const listeners = new Set<(e: InteractionFailed) => void>();

export function onInteractionFailed(listener: (e: InteractionFailed) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function interactionFailed(e: InteractionFailed) {
  for (const l of listeners) l(e);
}
