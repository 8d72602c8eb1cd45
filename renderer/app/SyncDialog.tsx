import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SyncStatus, SyncTarget } from '../../shared/doc';
import { defaultSyncUrl, encodeInvite, inviteLink, saveSyncTarget } from './syncSettings';
import { displayName, setDisplayName } from './userIdentity';

/**
 * Share a plan: link it to a sync endpoint (`baton serve` prints the address and token; a
 * teammate's app or a team server works the same way) and hand out the invite.
 */
export function SyncDialog({ planId, title, target, status, onTarget, onClose }: { planId: string; title: string; target: SyncTarget | null; status: SyncStatus; onTarget(target: SyncTarget | null): void; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(displayName());
  const [url, setUrl] = useState(target?.url ?? defaultSyncUrl());
  const [token, setToken] = useState(target?.token ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  function connect(event: FormEvent) {
    event.preventDefault();
    setDisplayName(name);
    const next = { url: url.trim(), token: token.trim() };
    const saved = saveSyncTarget(planId, next);
    if (!saved.ok) return setError(saved.error);
    setError(null);
    onTarget(next);
  }

  function stop() {
    saveSyncTarget(planId, null);
    onTarget(null);
  }

  const code = target ? encodeInvite({ url: target.url, token: target.token, planId, title }) : null;
  return (
    <dialog ref={dialog} className="sync-dialog" aria-label="Share plan" onClose={onClose} onCancel={onClose}>
      <header className="export-dialog__header">
        <h2>Share plan</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </header>
      <form className="sync-dialog__form" onSubmit={connect}>
        <label>
          Your name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        <label>
          Sync address <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="ws://127.0.0.1:4317/sync" />
        </label>
        <label>
          Token <input value={token} onChange={(e) => setToken(e.target.value)} placeholder="the token baton serve printed" autoComplete="off" />
        </label>
        <p className="muted">
          Run <code>npx baton serve --host 0.0.0.0</code> on the machine that hosts (or use a team server); it prints the sync address and a fresh token. Everyone with
          the invite reads and writes this plan; nobody else can.
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="sync-dialog__actions">
          <button type="submit">{target ? 'Reconnect' : 'Connect'}</button>
          {target && (
            <button type="button" onClick={stop}>
              Stop sharing
            </button>
          )}
        </div>
      </form>
      {code && (
        <section className="sync-dialog__invite" aria-label="Invite">
          <p>
            Status: <strong>{status.state === 'refused' ? `not authorized (${status.reason})` : status.state}</strong>
          </p>
          <label>
            Invite code <input readOnly value={code} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <label>
            Invite link <input readOnly value={inviteLink(code)} onFocus={(e) => e.currentTarget.select()} />
          </label>
        </section>
      )}
    </dialog>
  );
}
