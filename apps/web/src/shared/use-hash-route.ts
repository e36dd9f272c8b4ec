import { useSyncExternalStore } from 'react';

export type Route = 'chat' | 'admin';

function current(): Route {
  return window.location.hash.startsWith('#/admin') ? 'admin' : 'chat';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The page's section from the URL hash (`#/admin` or the chat), so links work on any static host. */
export function useHashRoute(): Route {
  return useSyncExternalStore(subscribe, current, () => 'chat');
}
