import { useSyncExternalStore } from 'react';

/** Where the app is: the plan list, or one open plan. Kept in the URL hash so a reload returns there. */
export type Route = { readonly view: 'list' } | { readonly view: 'plan'; readonly planId: string };

function parseHash(hash: string): Route {
  const match = /^#\/plan\/([A-Za-z0-9_.:-]+)$/.exec(hash);
  return match ? { view: 'plan', planId: match[1]! } : { view: 'list' };
}

let cached: { hash: string; route: Route } = { hash: '', route: { view: 'list' } };
function currentRoute(): Route {
  if (cached.hash !== window.location.hash) cached = { hash: window.location.hash, route: parseHash(window.location.hash) };
  return cached.route;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current route, re-rendering on navigation. */
export function useHashRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute);
}

/** Goes to a route (adds a history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = route.view === 'plan' ? `#/plan/${route.planId}` : '#/';
}
