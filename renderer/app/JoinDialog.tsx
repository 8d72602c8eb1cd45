import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PlanLibrary } from '../../shared/doc';
import { decodeInvite, saveSyncTarget } from './syncSettings';
import { navigate } from './useHashRoute';
import { displayName, setDisplayName } from './userIdentity';

/** Join a teammate's plan from an invite (code or link): the plan comes in over sync. */
export function JoinDialog({ library, initialInvite, onClose }: { library: PlanLibrary; initialInvite: string; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [invite, setInvite] = useState(initialInvite);
  const [name, setName] = useState(displayName());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  function join(event: FormEvent) {
    event.preventDefault();
    const decoded = decodeInvite(invite);
    if (!decoded.ok) return setError(decoded.error);
    setDisplayName(name);
    const saved = saveSyncTarget(decoded.value.planId, { url: decoded.value.url, token: decoded.value.token });
    if (!saved.ok) return setError(saved.error);
    library.adoptPlan(decoded.value.planId, decoded.value.title || 'Shared plan');
    dialog.current?.close();
    navigate({ view: 'plan', planId: decoded.value.planId });
  }

  return (
    <dialog ref={dialog} className="sync-dialog" aria-label="Join plan" onClose={onClose} onCancel={onClose}>
      <header className="export-dialog__header">
        <h2>Join plan</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </header>
      <form className="sync-dialog__form" onSubmit={join}>
        <label>
          Invite <textarea value={invite} onChange={(e) => setInvite(e.target.value)} rows={3} placeholder="Paste the invite code or link a teammate shared" />
        </label>
        <label>
          Your name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="sync-dialog__actions">
          <button type="submit">Join</button>
        </div>
      </form>
    </dialog>
  );
}
