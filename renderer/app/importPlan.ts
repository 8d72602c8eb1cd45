import { decodeBatonFile, loadPlanJson, looksLikeBatonFile, persistLocally, PlanDocument, type PlanLibrary } from '../../shared/doc';
import { importFeaturePlanMarkdown } from '../../shared/import/featurePlanMarkdown';
import { handOverPlan, releasePlan } from './planHandover';
import { fail, formatProblems, newId, ok, parsePlanJson, type PlanJson, type Result } from '../../shared/model';
import { placeUnpositioned } from '../../shared/planning';

/**
 * Opens a plan file in the app: interchange JSON or a feature-plan document becomes a new plan; a `.baton` file becomes
 * the plan it is a copy of, merged into it when that plan is already here (offline teammates
 * sending files to each other). A bad file is refused with its problems named, and nothing
 * is stored.
 */
/** A plan that came in, and what of the file could not become part of it. */
export interface ImportedPlan {
  readonly planId: string;
  readonly notes: readonly string[];
}

export async function importPlanFile(name: string, bytes: Uint8Array, library: PlanLibrary, actor: string): Promise<Result<ImportedPlan, string>> {
  if (looksLikeBatonFile(bytes)) {
    const update = decodeBatonFile(bytes);
    if (!update.ok) return fail(`${name}: ${update.error}`);
    // Read the copy once on its own, to learn which plan it is and check it before storing anything.
    const probe = new PlanDocument({ actor });
    const applied = probe.applyUpdate(update.value);
    const planId = probe.storedPlanId ?? newId('plan');
    const migrated = applied.ok ? probe.migrate() : null;
    probe.destroy();
    if (!applied.ok) return fail(`${name}: ${formatProblems(applied.error)}`);
    if (migrated && !migrated.ok) return fail(`${name}: ${migrated.error}`);
    return storePlan(planId, library, actor, (plan) => plan.applyUpdate(update.value));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(`${name}: not a Baton plan (neither a .baton file nor UTF-8 JSON)`);
  }
  if (/\.(md|markdown)$/i.test(name)) {
    // A filled-in feature-plan document (also one written by hand from the template).
    const imported = importFeaturePlanMarkdown(text);
    if ('error' in imported) return fail(`${name}: ${imported.error}`);
    const created = await createPlanFromJson(imported.plan, library, actor);
    // What the document held that a plan cannot is said, never dropped in silence.
    return created.ok ? ok({ planId: created.value.planId, notes: imported.report }) : created;
  }
  const parsed = parsePlanJson(text);
  if (!parsed.ok) return fail(`${name}:\n${formatProblems(parsed.error)}`);
  return createPlanFromJson(parsed.value, library, actor);
}

/** A new plan from parsed interchange JSON; nodes without a position are laid out first. */
export async function createPlanFromJson(json: PlanJson, library: PlanLibrary, actor: string): Promise<Result<ImportedPlan, string>> {
  const placed = await placeUnpositioned(json);
  return storePlan(newId('plan'), library, actor, (plan) => {
    loadPlanJson(plan.ydoc, placed);
    return ok(undefined);
  });
}

async function storePlan(planId: string, library: PlanLibrary, actor: string, fill: (plan: PlanDocument) => Result<void, unknown>): Promise<Result<ImportedPlan, string>> {
  const plan = new PlanDocument({ actor, planId });
  const stored = persistLocally(plan);
  await stored.whenLoaded;
  const filled = fill(plan);
  const migrated = filled.ok ? plan.migrate() : null;
  if (!filled.ok || !migrated?.ok) {
    await releasePlan({ plan, stored });
    return fail(filled.ok ? (migrated as { error: string }).error : String(filled.error));
  }
  library.adoptPlan(planId, plan.getSnapshot().meta.title);
  // The plan view opens it next: hand it over open rather than reading it back from storage.
  handOverPlan({ plan, stored });
  return ok({ planId, notes: [] });
}

/** What an import could not read, as one message for the user, or null when it read everything. */
export function importNotes(notes: readonly string[]): string | null {
  return notes.length ? `Imported. Not read from the file (${notes.length}):\n${notes.map((n) => `- ${n}`).join('\n')}` : null;
}
