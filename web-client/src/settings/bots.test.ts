import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { absoluteUrl } from '../api/bots';
import { ALL, P } from '../store/permissions';
import { grantable } from './Applications';
import { autoResponseBody, fieldErrors } from './Integrations';

describe('adding a bot to a server', () => {
  it('offers only the permissions the person holds', () => {
    const names = grantable(P.VIEW_CHANNEL | P.SEND_MESSAGES | P.MANAGE_SERVER).map(([key]) => key);
    expect(names).toEqual(['VIEW_CHANNEL', 'SEND_MESSAGES', 'MANAGE_SERVER']);
    expect(grantable(ALL).map(([key]) => key)).toContain('ADMINISTRATOR');
    expect(grantable(0n)).toEqual([]);
  });
});

describe('integrations', () => {
  it('makes a path-only webhook url absolute and keeps a full one', () => {
    expect(absoluteUrl('/api/v1/webhooks/1/abc', 'http://localhost:8080')).toBe('http://localhost:8080/api/v1/webhooks/1/abc');
    expect(absoluteUrl('https://chat.example.org/api/v1/webhooks/1/abc', 'http://localhost:8080')).toBe('https://chat.example.org/api/v1/webhooks/1/abc');
  });

  it('reads the API’s field errors so the editor can show each under its field', () => {
    const e = new ApiError(400, { code: 'VALIDATION_FAILED', errors: { 'trigger.value': 'a command of 1 to 32 characters without spaces, like !rules' } });
    expect(fieldErrors(e)).toEqual({ 'trigger.value': 'a command of 1 to 32 characters without spaces, like !rules' });
    expect(fieldErrors(new ApiError(403, { code: 'MISSING_PERMISSIONS' }))).toEqual({});
  });

  it('leaves empty response parts out of an auto-response', () => {
    const body = autoResponseBody({
      name: ' Rules ', type: 'prefix_command', value: '!rules', caseSensitive: false, content: 'Be kind', reaction: ' ',
      reply: true, deleteTrigger: false, enabled: true, channelIds: [],
    });
    expect(body).toEqual({
      name: 'Rules',
      trigger: { type: 'prefix_command', value: '!rules', case_sensitive: false },
      response: { content: 'Be kind', reaction: null, reply: true, delete_trigger: false },
      channel_ids: [],
      enabled: true,
    });
  });
});
