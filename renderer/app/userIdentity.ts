const NAME_KEY = 'baton.displayName';

/** The name this user's edits are recorded under (set once; teammates see it in history and presence). */
export function displayName(): string {
  try {
    return window.localStorage.getItem(NAME_KEY) || 'Me';
  } catch {
    return 'Me';
  }
}

/** Remembers the user's display name on this machine. */
export function setDisplayName(name: string): void {
  window.localStorage.setItem(NAME_KEY, name.trim().slice(0, 100) || 'Me');
}
