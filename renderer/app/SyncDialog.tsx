import { useRef, useState, type FormEvent } from 'react';
import { ModalDialog } from '../panels/ModalDialog';
import type { SyncStatus, SyncTarget } from '../../shared/doc';
import type { BatonBridge } from '../../shared/ipc';
import { startHosting, stopHosting, useHosting, useLanHosts } from './lanHosts';
import { defaultSyncUrl, encodeInvite, inviteLink, saveSyncTarget } from './syncSettings';
import { displayName, setDisplayName } from './userIdentity';

/**
 * Share a plan: link it to a sync endpoint and hand out the invite. In the desktop app this
 * computer can be the host (a session in main, on loopback or the LAN) and the hosts other
 * apps advertise on the network are listed; in web mode the `baton serve` process that
 * served the page is the host, and a teammate's app or a team server works the same way.
 */
export function SyncDialog({ planId, title, target, status, onTarget, onClose }: { planId: string; title: string; target: SyncTarget | null; status: SyncStatus; onTarget(target: SyncTarget | null): void; onClose(): void }) {
  const tokenInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(displayName());
  const [url, setUrl] = useState(target?.url ?? defaultSyncUrl());
  const [token, setToken] = useState(target?.token ?? '');
  const [error, setError] = useState<string | null>(null);
  // Only the Electron window has the bridge; web mode keeps the dialog as it was.
  const bridge = typeof window !== 'undefined' ? window.baton : undefined;
  /** Remembers and opens the link to `next`; false (with the reason shown) when it is not valid. */
  function link(next: SyncTarget): boolean {
    setDisplayName(name);
    const saved = saveSyncTarget(planId, next);
    if (!saved.ok) {
      setError(saved.error);
      return false;
    }
    setError(null);
    onTarget(next);
    return true;
  }

  function connect(event: FormEvent) {
    event.preventDefault();
    link({ url: url.trim(), token: token.trim() });
  }

  /** A host was started here: its address and token go into the fields, and the plan links to it. */
  function hosted(next: SyncTarget) {
    setUrl(next.url);
    setToken(next.token);
    link(next);
  }

  /** A host from the network list: its address goes into the field, the token is the teammate's to give. */
  function pickHost(hostUrl: string) {
    setUrl(hostUrl);
    tokenInput.current?.focus();
  }

  function stop() {
    saveSyncTarget(planId, null);
    onTarget(null);
  }

  const code = target ? encodeInvite({ url: target.url, token: target.token, planId, title }) : null;
  return (
    <ModalDialog label="Share plan" className="sync-dialog" onClose={onClose}>
      {bridge && <HostSection bridge={bridge} target={target} onHosted={hosted} onUnhosted={stop} onPickHost={pickHost} />}
      <form className="sync-dialog__form" onSubmit={connect}>
        <label>
          Your name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        <label>
          Sync address <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="ws://127.0.0.1:4317/sync" />
        </label>
        <label>
          Token <input ref={tokenInput} value={token} onChange={(e) => setToken(e.target.value)} placeholder={bridge ? 'the token the host gave you' : 'the token baton serve printed'} autoComplete="off" />
        </label>
        {bridge ? (
          <p className="muted">
            Or join another host: a teammate&apos;s app, <code>npx baton serve</code> or a team server gives you the sync address and a token. Everyone with the invite
            reads and writes this plan; nobody else can.
          </p>
        ) : (
          <p className="muted">
            Run <code>npx baton serve --host 0.0.0.0</code> on the machine that hosts (or use a team server); it prints the sync address and a fresh token. Everyone with
            the invite reads and writes this plan; nobody else can.
          </p>
        )}
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
    </ModalDialog>
  );
}

// Laid out like the dialog's form (panels.css styles only the form and the invite).
const SECTION_STYLE = { display: 'flex', flexDirection: 'column', gap: '0.5rem', padding: '0.8rem 1rem', borderBottom: '1px solid var(--line)' } as const;
const HEADING_STYLE = { margin: 0, fontSize: '1rem' } as const;
const QUIET_STYLE = { margin: 0, fontSize: '0.85rem' } as const;
const LIST_STYLE = { margin: 0, paddingLeft: '1.2rem', display: 'flex', flexDirection: 'column', gap: '0.3rem' } as const;

/**
 * Desktop only: host the sync session on this computer (loopback, or the LAN when asked),
 * and the Baton hosts heard on the network.
 */
function HostSection({
  bridge,
  target,
  onHosted,
  onUnhosted,
  onPickHost,
}: {
  bridge: BatonBridge;
  target: SyncTarget | null;
  onHosted(target: SyncTarget): void;
  onUnhosted(): void;
  onPickHost(url: string): void;
}) {
  const hosting = useHosting();
  const hosts = useLanHosts(bridge);
  const [lan, setLan] = useState(hosting?.lan ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const started = await startHosting(bridge, lan);
      if (!started.ok) return setError(started.error);
      onHosted({ url: started.value.url, token: started.value.token });
    } finally {
      setBusy(false);
    }
  }

  async function stop() {
    setBusy(true);
    setError(null);
    try {
      const hostedUrl = hosting?.url;
      const stopped = await stopHosting(bridge);
      if (!stopped.ok) return setError(stopped.error);
      // A plan linked to the host that just stopped would only keep retrying.
      if (target && target.url === hostedUrl) onUnhosted();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section className="sync-dialog__host" aria-label="Host on this computer" style={SECTION_STYLE}>
        <h3 style={HEADING_STYLE}>Host on this computer</h3>
        <label>
          <input type="checkbox" checked={lan} disabled={busy} onChange={(e) => setLan(e.target.checked)} /> Reachable from the LAN
        </label>
        <p className="muted" style={QUIET_STYLE}>
          {lan
            ? 'Other computers on your network can reach this host; only those with the token (the invite) get in.'
            : 'Only this computer can connect. Tick the box to let teammates on your network join.'}
        </p>
        <div className="sync-dialog__actions">
          <button type="button" onClick={() => void start()} disabled={busy}>
            Start hosting
          </button>
          {hosting && (
            <button type="button" onClick={() => void stop()} disabled={busy}>
              Stop hosting
            </button>
          )}
        </div>
        {hosting && (
          <p style={QUIET_STYLE}>
            Hosting at <code>{hosting.url}</code>
            {hosting.lan ? ' for your network' : ' for this computer only'}
            {hosting.lan && hosting.addresses.length > 1 && <> (also reachable at {hosting.addresses.slice(1).join(', ')})</>}
            {hosting.lan && hosting.addresses.length === 0 && ' (this computer has no network address right now)'}
            {hosting.lan !== lan && ' — start hosting again to apply the change (teammates get a new invite).'}
          </p>
        )}
        {error && (
          <p role="alert" className="error" style={QUIET_STYLE}>
            {error}
          </p>
        )}
      </section>
      <section className="sync-dialog__lan-hosts" aria-label="Hosts on your network" style={SECTION_STYLE}>
        <h3 style={HEADING_STYLE}>Hosts on your network</h3>
        {hosts.length === 0 ? (
          <p className="muted" style={QUIET_STYLE}>None found. Discovery needs a network that passes multicast; typing the address always works.</p>
        ) : (
          <ul style={LIST_STYLE}>
            {hosts.map((host) => (
              <li key={host.url}>
                <button type="button" onClick={() => onPickHost(host.url)} title={`Use ${host.url}`}>
                  {host.name}
                </button>{' '}
                <code>{host.url}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
