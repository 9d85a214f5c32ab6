import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { store } from '../store/store';
import { Avatar } from './Avatar';

afterEach(() => {
  cleanup();
  store.dispatch({ type: 'RESET' });
});

const userUpdate = (user: { user_id: string; username: string; avatar_url: string | null }) =>
  store.dispatch({ type: 'DISPATCH', t: 'USER_UPDATE', d: user, now: Date.now() });

describe('<Avatar>', () => {
  it("follows another member's USER_UPDATE live, in messages and member lists alike, and a removal too", () => {
    store.dispatch({ type: 'ME_UPDATED', user: { user_id: '1', username: 'me', avatar_url: null } });
    // as a message and the member list render it: with the avatar the object carried when it was loaded
    const { container } = render(
      <>
        <Avatar id="2" name="bob" url="https://cdn.example/old.png" />
        <Avatar id="2" name="bob" url="https://cdn.example/old.png" size={32} />
      </>,
    );
    const sources = () => Array.from(container.querySelectorAll('img')).map((img) => img.getAttribute('src'));
    expect(sources()).toEqual(['https://cdn.example/old.png', 'https://cdn.example/old.png']);

    act(() => userUpdate({ user_id: '2', username: 'bob', avatar_url: 'https://cdn.example/new.png' }));
    expect(sources()).toEqual(['https://cdn.example/new.png', 'https://cdn.example/new.png']);
    // someone else's update is not mine
    expect(store.getState().me?.avatar_url).toBeNull();

    act(() => userUpdate({ user_id: '2', username: 'bob', avatar_url: null }));
    expect(sources()).toEqual([]);
    expect(container.textContent).toBe('BB');
  });

  it("keeps the avatar a message carries when a loaded member or profile says none (a lagging read model)", () => {
    store.dispatch({ type: 'USER_LOADED', user: { user_id: '3', username: 'cat', avatar_url: null } });
    const { container } = render(<Avatar id="3" name="cat" url="https://cdn.example/cat.png" />);
    expect(container.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example/cat.png');

    act(() => userUpdate({ user_id: '3', username: 'cat', avatar_url: null }));
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('C');
  });
});

