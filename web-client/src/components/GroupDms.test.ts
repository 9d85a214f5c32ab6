import { describe, expect, it } from 'vitest';
import type { Channel } from '../api/types';
import { reducer } from '../store/reducer';
import { type AppState, initialState } from '../store/state';
import { dmTitle, groupPickProblem } from './GroupDms';

const u = (id: string, name: string) => ({ user_id: id, username: name, avatar_url: null });
const group = (over: Partial<Channel> = {}): Channel => ({
  channel_id: '50',
  server_id: null,
  channel_name: '',
  channel_type: 'group_dm',
  parent_id: null,
  position: 0,
  permission_overwrites: [],
  recipients: [u('2', 'bob'), u('3', 'cy')],
  name: null,
  owner_id: '1',
  ...over,
});

describe('group DMs', () => {
  it('are named by their name, else by the others\' names', () => {
    expect(dmTitle(group({ name: 'Trip' }), '1')).toBe('Trip');
    expect(dmTitle(group(), '1')).toBe('bob, cy');
    expect(dmTitle({ ...group(), channel_type: 'dm', recipients: [u('2', 'bob')] }, '1')).toBe('bob');
  });

  it('need 2 to 9 others', () => {
    expect(groupPickProblem(1)).toMatch(/at least 2/);
    expect(groupPickProblem(2)).toBeNull();
    expect(groupPickProblem(9)).toBeNull();
    expect(groupPickProblem(10)).toMatch(/at most 9/);
  });

  it('follow recipient events, and leave the list when I am removed or the channel goes', () => {
    let s: AppState = { ...initialState, me: u('1', 'ann') };
    s = reducer(s, { type: 'DM_OPENED', channel: group() });
    s = reducer(s, { type: 'DISPATCH', t: 'CHANNEL_RECIPIENT_ADD', d: { channel_id: '50', user: u('4', 'dee') } });
    expect(s.dms['50'].recipients!.map((r) => r.username)).toEqual(['bob', 'cy', 'dee']);
    s = reducer(s, { type: 'DISPATCH', t: 'CHANNEL_RECIPIENT_REMOVE', d: { channel_id: '50', user: u('2', 'bob') } });
    expect(s.dms['50'].recipients!.map((r) => r.username)).toEqual(['cy', 'dee']);
    s = reducer(s, { type: 'DISPATCH', t: 'CHANNEL_RECIPIENT_REMOVE', d: { channel_id: '50', user: u('1', 'ann') } });
    expect(s.dms['50']).toBeUndefined();
    s = reducer(s, { type: 'DM_OPENED', channel: group() });
    s = reducer(s, { type: 'DISPATCH', t: 'CHANNEL_DELETE', d: group() });
    expect(s.dms['50']).toBeUndefined();
  });
});
