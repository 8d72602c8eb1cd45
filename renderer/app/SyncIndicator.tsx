import type { PeerPresence, SyncStatus } from '../../shared/doc';

const LABEL: Readonly<Record<SyncStatus['state'], string>> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  synced: 'Synced',
  unsynced: '',
  refused: 'Not authorized',
};

/** The connection indicator: offline, connecting, synced, or how many local changes no peer has seen yet; and who else is here. */
export function SyncIndicator({ status, peers, linked, onOpen }: { status: SyncStatus; peers: readonly PeerPresence[]; linked: boolean; onOpen(): void }) {
  const text = !linked ? 'Not shared' : status.state === 'unsynced' ? `${status.changes} change${status.changes === 1 ? '' : 's'} not yet synced` : LABEL[status.state];
  return (
    <span className="sync-indicator">
      <button type="button" className={`sync-status sync-status--${linked ? status.state : 'local'}`} aria-label={`Sync: ${text}`} title="Share this plan, or join a teammate's" onClick={onOpen}>
        {text}
      </button>
      {peers.length > 0 && (
        <span className="presence" role="list" aria-label="Teammates in this plan">
          {peers.map((p) => (
            <span key={p.clientId} role="listitem" className="presence__peer" style={{ background: p.colour }} title={p.name}>
              {p.name}
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
