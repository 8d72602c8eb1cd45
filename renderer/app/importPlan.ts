import { decodeBatonFile, loadPlanJson, looksLikeBatonFile, persistLocally, PlanDocument, type PlanLibrary } from '../../shared/doc';
import { fail, formatProblems, newId, ok, parsePlanJson, type PlanJson, type Result } from '../../shared/model';
import { placeUnpositioned } from '../../shared/planning';

/**
 * Opens a plan file in the app: interchange JSON becomes a new plan; a `.baton` file becomes
 * the plan it is a copy of, merged into it when that plan is already here (offline teammates
 * sending files to each other). A bad file is refused with its problems named, and nothing
 * is stored.
 */
export async function importPlanFile(name: string, bytes: Uint8Array, library: PlanLibrary, actor: string): Promise<Result<string, string>> {
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
  const parsed = parsePlanJson(text);
  if (!parsed.ok) return fail(`${name}:\n${formatProblems(parsed.error)}`);
  return createPlanFromJson(parsed.value, library, actor);
}

/** A new plan from parsed interchange JSON; nodes without a position are laid out first. */
export async function createPlanFromJson(json: PlanJson, library: PlanLibrary, actor: string): Promise<Result<string, string>> {
  const placed = await placeUnpositioned(json);
  return storePlan(newId('plan'), library, actor, (plan) => {
    loadPlanJson(plan.ydoc, placed);
    return ok(undefined);
  });
}

async function storePlan(planId: string, library: PlanLibrary, actor: string, fill: (plan: PlanDocument) => Result<void, unknown>): Promise<Result<string, string>> {
  const plan = new PlanDocument({ actor, planId });
  const stored = persistLocally(plan);
  try {
    await stored.whenLoaded;
    const filled = fill(plan);
    if (!filled.ok) return fail(String(filled.error));
    const migrated = plan.migrate();
    if (!migrated.ok) return fail(migrated.error);
    library.adoptPlan(planId, plan.getSnapshot().meta.title);
    return ok(planId);
  } finally {
    await stored.close();
    plan.destroy();
  }
}
