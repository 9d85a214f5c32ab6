import { useSyncExternalStore } from 'react';
import type { Action, AppState } from './state';
import { initialState } from './state';
import { reducer } from './reducer';

type Listener = () => void;

/** A tiny external store: one reducer, subscribers, a selector hook. */
export function createStore(reduce: (s: AppState, a: Action) => AppState, init: AppState) {
  let state = init;
  const listeners = new Set<Listener>();
  return {
    getState: () => state,
    dispatch(action: Action) {
      const next = reduce(state, action);
      if (next !== state) {
        state = next;
        listeners.forEach((l) => l());
      }
    },
    subscribe(l: Listener) {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
  };
}

export const store = createStore(reducer, initialState);

export function useStore<T>(selector: (s: AppState) => T): T {
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
