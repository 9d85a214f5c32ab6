/** A failed API call: the problem+json `code` and `detail`, with a sentence a person understands. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly retryAfter: number | undefined;
  readonly body: unknown;

  constructor(status: number, body: Record<string, unknown> | null, retryAfterHeader?: string | null) {
    const code = typeof body?.code === 'string' ? body.code : undefined;
    const detail = typeof body?.detail === 'string' ? body.detail : undefined;
    super(friendlyMessage(status, code, detail, body));
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.body = body;
    const fromBody = typeof body?.retry_after === 'number' ? body.retry_after : undefined;
    const fromHeader = retryAfterHeader ? Number(retryAfterHeader) : undefined;
    this.retryAfter = fromBody ?? (Number.isFinite(fromHeader) ? fromHeader : undefined);
  }
}

const FRIENDLY: Record<string, string> = {
  INVALID_CREDENTIALS: 'That email/username and password do not match.',
  INVALID_MFA_CODE: 'That code is not right. Check your authenticator app and try again.',
  INVALID_MFA_TICKET: 'Your sign-in took too long. Please log in again.',
  MFA_ALREADY_ENABLED: 'Two-factor authentication is already on.',
  MFA_NOT_ENABLED: 'Two-factor authentication is not on.',
  USERNAME_TAKEN: 'That username is taken. Try another one.',
  EMAIL_TAKEN: 'An account with that email already exists. Try logging in.',
  WEAK_PASSWORD: 'That password is too easy to guess. Use a longer, less common one.',
  INVALID_TOKEN: 'Your session has expired. Please log in again.',
  UNAUTHORIZED: 'Please log in again.',
  MISSING_PERMISSIONS: "You don't have permission to do that.",
  ROLE_HIERARCHY: 'That role is above yours, so you cannot change it.',
  OWNER_ONLY: 'Only the server owner can do that.',
  OWNER_MUST_TRANSFER: 'You own this server: transfer it to someone else or delete it before leaving.',
  NOT_MESSAGE_AUTHOR: 'Only the author can edit a message.',
  UNKNOWN_OVERWRITE: 'That permission override no longer exists.',
  BANNED: 'You are banned from this server.',
  INVITE_EXPIRED: 'This invite has expired.',
  INVITE_EXHAUSTED: 'This invite has been used up.',
  UNKNOWN_INVITE: 'This invite is invalid or has expired.',
  UNKNOWN_SERVER: 'That server does not exist or you are not a member.',
  UNKNOWN_CHANNEL: 'That channel does not exist or you cannot see it.',
  UNKNOWN_MESSAGE: 'That message no longer exists.',
  UNKNOWN_USER: 'That user does not exist.',
  UNKNOWN_MEMBER: 'That person is not a member of this server.',
  LIMIT_REACHED: 'You have reached the limit for this.',
  SERVICE_UNAVAILABLE: 'Guildhall is having trouble right now. Please try again in a moment.',
  GATEWAY_TIMEOUT: 'Guildhall is taking too long to answer. Please try again.',
  INTERNAL_ERROR: 'Something went wrong on our side. Please try again.',
};

function friendlyMessage(status: number, code: string | undefined, detail: string | undefined, body: Record<string, unknown> | null): string {
  if (code === 'OVERLOADED') return 'Guildhall is busy right now. Please try again in a moment.';
  if (status === 429 || code === 'RATE_LIMITED') {
    const after = typeof body?.retry_after === 'number' ? Math.ceil(body.retry_after) : undefined;
    return after ? `Slow down — you can try again in ${after} s.` : 'Slow down — try again in a moment.';
  }
  if (code === 'VALIDATION_FAILED') {
    const errors = body?.errors;
    if (errors && typeof errors === 'object') {
      const parts = Object.entries(errors as Record<string, unknown>).map(([field, msg]) => `${field.replace(/_/g, ' ')} ${String(msg)}`);
      if (parts.length) return capitalize(parts.join('; ')) + '.';
    }
    return detail ?? 'Please check what you entered.';
  }
  if (code && FRIENDLY[code]) return FRIENDLY[code];
  if (detail) return detail;
  if (status === 0) return 'Cannot reach Guildhall. Check your connection.';
  if (status >= 500) return FRIENDLY.INTERNAL_ERROR;
  return `Request failed (${status}).`;
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
