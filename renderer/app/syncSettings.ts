import * as z from 'zod';
import type { SyncTarget } from '../../shared/doc';
import { fail, ok, type Result } from '../../shared/model';

const KEY = (planId: string) => `baton.sync.${planId}`;

const targetSchema = z.strictObject({
  url: z.string().regex(/^wss?:\/\/[^\s]+$/, 'expected a ws:// or wss:// address').max(500),
  token: z.string().min(8, 'expected the token the host printed (at least 8 characters)').max(500),
});

/** What an invite carries: where the plan syncs, the secret, and which plan it is. */
const inviteSchema = targetSchema.extend({ v: z.literal(1), planId: z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/), title: z.string().max(500) });
export type Invite = z.infer<typeof inviteSchema>;

/** The sync peer this plan connects to on this machine, if any. */
export function loadSyncTarget(planId: string): SyncTarget | null {
  try {
    const parsed = targetSchema.safeParse(JSON.parse(window.localStorage.getItem(KEY(planId)) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Remembers (or, with null, forgets) the sync peer of a plan. */
export function saveSyncTarget(planId: string, target: SyncTarget | null): Result<void, string> {
  if (target === null) {
    window.localStorage.removeItem(KEY(planId));
    return ok(undefined);
  }
  const parsed = targetSchema.safeParse(target);
  if (!parsed.success) return fail(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '));
  window.localStorage.setItem(KEY(planId), JSON.stringify(parsed.data));
  return ok(undefined);
}

/** The sync address of the server this page came from (web mode): same host, path /sync. */
export function defaultSyncUrl(): string {
  const { protocol, host } = window.location;
  return protocol === 'https:' ? `wss://${host}/sync` : protocol === 'http:' ? `ws://${host}/sync` : 'ws://127.0.0.1:4317/sync';
}

const toBase64Url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (code: string) => new TextDecoder().decode(Uint8Array.from(atob(code.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

/** An invite as a code to paste. */
export function encodeInvite(invite: Omit<Invite, 'v'>): string {
  return toBase64Url(JSON.stringify({ v: 1, ...invite }));
}

/** An invite from a pasted code or link; a bad one is refused with the reason. */
export function decodeInvite(input: string): Result<Invite, string> {
  const code = input.trim().replace(/^.*#\/join\//, '');
  try {
    const parsed = inviteSchema.safeParse(JSON.parse(fromBase64Url(code)));
    return parsed.success ? ok(parsed.data) : fail(`this invite is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'invite'}: ${i.message}`).join('; ')}`);
  } catch {
    return fail('this is not a Baton invite (paste the code or the link the host shared)');
  }
}

/** A link that opens the invite in web mode. */
export function inviteLink(code: string): string {
  return `${window.location.origin}${window.location.pathname}#/join/${code}`;
}
