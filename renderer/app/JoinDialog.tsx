import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../panels/ModalDialog';
import type { PlanLibrary } from '../../shared/doc';
import { decodeInvite, saveSyncTarget } from './syncSettings';
import { navigate } from './useHashRoute';
import { displayName, setDisplayName } from './userIdentity';

/** Join a teammate's plan from an invite (code or link): the plan comes in over sync. */
export function JoinDialog({ library, initialInvite, onClose }: { library: PlanLibrary; initialInvite: string; onClose(): void }) {
  const [invite, setInvite] = useState(initialInvite);
  const [name, setName] = useState(displayName());
  const [error, setError] = useState<string | null>(null);
  function join(event: FormEvent) {
    event.preventDefault();
    const decoded = decodeInvite(invite);
    if (!decoded.ok) return setError(decoded.error);
    setDisplayName(name);
    const saved = saveSyncTarget(decoded.value.planId, { url: decoded.value.url, token: decoded.value.token });
    if (!saved.ok) return setError(saved.error);
    library.adoptPlan(decoded.value.planId, decoded.value.title || 'Shared plan');
    navigate({ view: 'plan', planId: decoded.value.planId });
  }

  return (
    <ModalDialog label="Join plan" className="sync-dialog" onClose={onClose}>
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
    </ModalDialog>
  );
}
