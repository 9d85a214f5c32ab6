import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../api/session';
import { store } from '../store/store';
import { NewGroupDmDialog } from './GroupDms';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  store.dispatch({ type: 'RESET' });
  session.clear();
});

const u = (id: string, name: string) => ({ user_id: id, username: name, avatar_url: null });

describe('<NewGroupDmDialog>', () => {
  it('needs two people, then creates the group with their ids and names it', async () => {
    session.set({ access_token: 't', refresh_token: 'r' });
    store.dispatch({ type: 'ME_UPDATED', user: u('1', 'ann') });
    store.dispatch({
      type: 'DMS_LOADED',
      channels: [
        { channel_id: '7', server_id: null, channel_name: '', channel_type: 'dm', parent_id: null, position: 0, permission_overwrites: [], recipients: [u('2', 'bob')] },
        { channel_id: '8', server_id: null, channel_name: '', channel_type: 'dm', parent_id: null, position: 0, permission_overwrites: [], recipients: [u('3', 'cy')] },
      ],
    });
    const calls: { url: string; method: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined });
      const group = { channel_id: '50', server_id: null, channel_name: '', channel_type: 'group_dm', parent_id: null, position: 0, permission_overwrites: [], recipients: [u('2', 'bob'), u('3', 'cy')], owner_id: '1', name: url.endsWith('/channels/50') ? 'Trip' : null };
      return new Response(JSON.stringify(group), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }));
    const onClose = vi.fn();
    render(<NewGroupDmDialog onClose={onClose} />);
    const create = screen.getByRole('button', { name: 'Create group DM' }) as HTMLButtonElement;
    fireEvent.click(screen.getByRole('checkbox', { name: 'bob' }));
    expect(create.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'cy' }));
    expect(create.disabled).toBe(false);
    fireEvent.change(screen.getByLabelText('Group name (optional)'), { target: { value: 'Trip' } });
    fireEvent.click(create);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls).toEqual([
      { url: '/api/v1/users/@me/channels', method: 'POST', body: { recipient_ids: ['2', '3'] } },
      { url: '/api/v1/channels/50', method: 'PATCH', body: { name: 'Trip' } },
    ]);
    expect(store.getState().dms['50']?.name).toBe('Trip');
  });
});
