/**
 * Where the canvas bench's time goes, for a person reading the bench table: the same scenes as
 * canvasBench (open by file drop, one remote edit, the pan/zoom gestures) in Baton and the
 * reference, built unminified so functions keep their names, with a DevTools CPU profile
 * (self time per source file and per function) and a trace (main-thread time by kind of work,
 * busy time per thread). Not part of `npm run bench`:
 *
 *   npx tsx tests/bench/canvasProfile.ts [tasks=5000]
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { startWebServer } from '../../electron/host/webServer';
import { stringifyPlanJson } from '../../shared/model';
import { generatePlan } from '../support/generatePlan';
import { buildReference, dropPlan, gestureTimeline, guarded, loadPage, play, runOnce, startServers, withBrowser, type Box, type RunResult, type Target, zoomInTimeline } from './canvasBench';
import { median } from './harness';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}
interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

interface BundleLines {
  /** The module each line came from (Rolldown starts each module with a `// path` line). */
  readonly module: string[];
  /** The nearest top-level declaration above each line, to name anonymous functions. */
  readonly declaration: string[];
}

async function bundleLines(dir: string): Promise<Map<string, BundleLines>> {
  const out = new Map<string, BundleLines>();
  for (const file of await readdir(path.join(dir, 'assets'))) {
    if (!file.endsWith('.js')) continue;
    const lines = (await readFile(path.join(dir, 'assets', file), 'utf8')).split('\n');
    let module = '(bundle)';
    let declaration = '';
    const modules: string[] = [];
    const declarations: string[] = [];
    for (const line of lines) {
      const m = /^\/\/ (?:\0)?([\w@.\/-]+\.(?:js|mjs|cjs|ts|tsx|css))$/.exec(line);
      if (m) module = m[1]!;
      const d = /^\t?(?:export )?(?:async )?(?:function\*? ?([\w$]+)|(?:const|let|var) ([\w$]+) =)/.exec(line);
      if (d) declaration = d[1] ?? d[2]!;
      modules.push(module);
      declarations.push(declaration);
    }
    out.set(file, { module: modules, declaration: declarations });
  }
  return out;
}

/** A package for node_modules files, the file itself for ours. */
const groupOf = (module: string) => {
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  return m ? m[1]! : module;
};

/** A stretch of time on the trace clock (µs), which the CPU profile shares. */
interface TimeWindow {
  readonly from: number;
  readonly to: number;
}
const ALL: TimeWindow = { from: -Infinity, to: Infinity };

/** Self time per function and file, counting only samples inside `window`. */
function summariseProfile(profile: CpuProfile, bundles: Map<string, BundleLines>, window: TimeWindow = ALL) {
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= window.from && at <= window.to) self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const ours = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (!ms) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? path.basename(new URL(url).pathname) : '';
    const lines = bundles.get(file);
    const module = lines?.module[lineNumber] ?? (url ? file : `(${functionName || 'native'})`);
    if (functionName === '(idle)') continue;
    total += ms;
    const group = groupOf(module);
    byGroup.set(group, (byGroup.get(group) ?? 0) + ms);
    const name = functionName || `(anonymous in ${lines?.declaration[lineNumber] || '?'})`;
    const fn = `${name}  [${module.replace(/^node_modules\//, '')}]`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    if (/^(renderer|shared)\//.test(module)) ours.set(fn, (ours.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, groups: top(byGroup, 12), functions: top(byFunction, 22), ours: top(ours, 10) };
}

const KIND: readonly [RegExp, string][] = [
  [/^(CpuProfiler::|V8\.CpuProfiler|Receive mojo message)/, 'profiler / DevTools overhead'],
  [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|Document::recalcStyle|Document::rebuildLayoutTree|StyleEngine)/, 'style'],
  [/^(Layout|UpdateLayout|LocalFrameView::performLayout|Document::UpdateStyleAndLayout|InlineNode::|LayoutObject|LocalFrameView::NotifyResizeObservers)/, 'layout (incl. text shaping)'],
  [/^(PrePaint|Paint|PaintImage|Layerize|UpdateLayer|UpdateLayerTree|CommitToCompositor|Commit|PaintSetup|Rasterize|Blink\.PrePaint|Blink\.Paint|PaintArtifactCompositor|Blink\.CompositingInputs|cc::)/, 'paint / layerize / commit'],
  [/GC|GarbageCollect|V8\.GC/i, 'garbage collection'],
  [/^(FunctionCall|EvaluateScript|v8\.|V8\.|RunMicrotasks|TimerFire|EventDispatch|FireAnimationFrame|FireIdleCallback|XHRReadyStateChange|ParseHTML|ResizeObserver|IntersectionObserver|HandlePostMessage|v8\.run|v8\.callFunction|v8\.compile)/, 'script (incl. React, React Flow)'],
  [/^(HitTest|ScrollLayer|Animation|SelectionController|EventHandler)/, 'hit test / mouse handling'],
];
const kindOf = (name: string) => KIND.find(([re]) => re.test(name))?.[1] ?? `other: ${name}`;

/** Main-thread self time by kind of work, and busy time per thread of the page's renderer and the GPU/viz process. */
function summariseTrace(all: readonly TraceEvent[], window: TimeWindow = ALL) {
  const events = all.filter((e) => e.ph === 'M' || (e.ts >= window.from && e.ts <= window.to));
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push(e);
  }
  // Busy time per thread: top-level (outermost) events only.
  const busy = new Map<string, number>();
  const selfByThread = new Map<string, Map<string, number>>();
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const stack: { end: number; name: string; self: number }[] = [];
    const self = new Map<string, number>();
    let top = 0;
    const close = (until: number) => {
      while (stack.length && stack[stack.length - 1]!.end <= until) {
        const done = stack.pop()!;
        self.set(done.name, (self.get(done.name) ?? 0) + done.self / 1000);
      }
    };
    for (const e of list) {
      close(e.ts);
      if (!stack.length) top += e.dur!;
      else stack[stack.length - 1]!.self -= e.dur!;
      stack.push({ end: e.ts + e.dur!, name: e.name, self: e.dur! });
    }
    close(Infinity);
    busy.set(key, top / 1000);
    selfByThread.set(key, self);
  }
  const named = (key: string) => threadNames.get(key) ?? key;
  const mains = [...busy].filter(([k]) => named(k) === 'CrRendererMain').sort((a, b) => b[1] - a[1]);
  const main = mains[0]?.[0];
  const kinds = new Map<string, number>();
  const names = new Map<string, number>();
  for (const [name, ms] of (main && selfByThread.get(main)) || []) {
    // Scheduler wrappers carry no work of their own.
    if (/^(ThreadControllerImpl::RunTask|RunTask|ThreadPool_RunTask|SequenceManager)/.test(name)) continue;
    kinds.set(kindOf(name), (kinds.get(kindOf(name)) ?? 0) + ms);
    names.set(name, (names.get(name) ?? 0) + ms);
  }
  const threads = new Map<string, number>();
  for (const [key, ms] of busy) {
    const name = named(key).replace(/\d+$/, '');
    threads.set(name, (threads.get(name) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { mainBusy: main ? busy.get(main)! : 0, kinds: top(kinds, 10), names: top(names, 12), threads: top(threads, 8) };
}

async function profiled<T>(cdp: CDPSession, scene: () => Promise<T>): Promise<{ result: T; profile: CpuProfile; trace: TraceEvent[] }> {
  const trace: TraceEvent[] = [];
  const collect = (e: { value: unknown[] }) => trace.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'toplevel', 'blink', 'blink.user_timing', '__metadata'] },
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await scene();
  const { profile } = await cdp.send('Profiler.stop');
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return { result, profile: profile as unknown as CpuProfile, trace };
}

const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

function print(title: string, wallMs: number, profile: CpuProfile, trace: TraceEvent[], bundles: Map<string, BundleLines>, window: TimeWindow = ALL): void {
  const p = summariseProfile(profile, bundles, window);
  const t = summariseTrace(trace, window);
  console.log(`\n=== ${title}: ${wallMs.toFixed(0)} ms wall; renderer main thread busy ${t.mainBusy.toFixed(0)} ms; JS samples ${p.total.toFixed(0)} ms`);
  console.log('  main thread, self time by kind:');
  for (const [k, v] of t.kinds) console.log(`    ${ms(v)}  ${k}`);
  console.log('  main thread, top trace events (self):');
  for (const [k, v] of t.names) console.log(`    ${ms(v)}  ${k}`);
  console.log('  busy per thread (all processes):');
  for (const [k, v] of t.threads) console.log(`    ${ms(v)}  ${k}`);
  console.log('  JS self time by package / source file:');
  for (const [k, v] of p.groups) console.log(`    ${ms(v)}  ${k}`);
  console.log('  JS self time by function:');
  for (const [k, v] of p.functions) console.log(`    ${ms(v)}  ${k}`);
  if (p.ours.length) {
    console.log('  JS self time in renderer/ and shared/:');
    for (const [k, v] of p.ours) console.log(`    ${ms(v)}  ${k}`);
  }
}

/** Trace time of a performance.mark the probe set. */
const markAt = (trace: readonly TraceEvent[], name: string) => trace.find((e) => e.name === name)?.ts ?? NaN;

/** Counts the most canvas nodes in the DOM at any time while `run` goes on. */
async function peakNodes<T>(page: Page, run: () => Promise<T>): Promise<{ result: T; peak: number }> {
  // A string, not a function: tsx would add helpers to named inner functions that the page lacks.
  await page.evaluate(`(() => {
    const live = document.getElementsByClassName('react-flow__node');
    window.__peak = 0;
    window.__peakStop = false;
    const observer = new MutationObserver(() => (window.__peak = Math.max(window.__peak, live.length)));
    observer.observe(document.body, { subtree: true, childList: true });
    const stop = () => (window.__peakStop ? observer.disconnect() : requestAnimationFrame(stop));
    requestAnimationFrame(stop);
  })()`);
  const result = await run();
  const peak = await page.evaluate(() => {
    const w = window as unknown as { __peak: number; __peakStop: boolean };
    w.__peakStop = true;
    return w.__peak;
  });
  return { result, peak };
}

interface Scene {
  readonly label: string;
  readonly app: 'baton' | 'reference';
  /** Extra query for the reference page (its experiment switches). */
  readonly query?: string;
  /** Print the full breakdown, not just the summary line. */
  readonly detail: boolean;
}

const SCENES: readonly Scene[] = [
  { label: 'baton', app: 'baton', detail: true },
  { label: 'reference (stock)', app: 'reference', detail: true },
  { label: 'reference in its own empty ReactFlowProvider (provider=empty)', app: 'reference', query: '&provider=empty', detail: true },
  { label: 'reference + MiniMap showing every node (sized=1, minimap=1)', app: 'reference', query: '&sized=1&minimap=1', detail: false },
];

async function main(): Promise<void> {
  const tasks = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5000);
  await guarded(async (teardown) => {
    const work = await mkdtemp(path.join(tmpdir(), 'baton-profile-'));
    teardown.add(() => rm(work, { recursive: true, force: true }));
    const batonDir = path.join(work, 'baton');
    const referenceDir = path.join(work, 'reference');
    await build({
      configFile: path.join(REPO, 'vite.config.ts'),
      root: path.join(REPO, 'renderer'),
      logLevel: 'warn',
      cacheDir: path.join(work, '.vite-cache'),
      build: { outDir: batonDir, emptyOutDir: true, minify: false },
    });
    const referenceSite = await buildReference(referenceDir, { minify: false });
    const bundles = new Map([...(await bundleLines(batonDir)), ...(await bundleLines(referenceSite))]);
    const serve = async (root: string) => {
      const started = await startWebServer({ root, host: '127.0.0.1', port: 0 });
      if (!started.ok) throw new Error(started.error.message);
      teardown.add(() => started.value.close());
      return started.value.url;
    };
    const batonUrl = await serve(batonDir);
    const referenceUrl = await serve(referenceSite);
    const text = stringifyPlanJson(generatePlan({ tasks, dependencies: tasks * 1.5, workstreams: tasks / 100 }));
    let box: Box | null = null;
    const summary: string[] = [];

    for (const scene of SCENES) {
      await withBrowser(async (page) => {
        const target: Target =
          scene.app === 'baton'
            ? { app: 'baton', url: `${batonUrl}?bench#/`, ready: '.plan-list' }
            : { app: 'reference', url: `${referenceUrl}?w=${Math.round(box!.width)}&h=${Math.round(box!.height)}&minZoom=0.05${scene.query ?? ''}`, ready: '.reference-waiting' };
        const cdp = await page.context().newCDPSession(page);
        await loadPage(page, target);
        const open = await profiled(cdp, () => peakNodes(page, () => dropPlan(page, `plan-${tasks}.json`, text)));
        const o = open.result.result;
        box ??= o.state.canvas;
        const line = `${scene.label}: open painted ${o.paintMs.toFixed(0)} ms (data ready ${o.canvasMs.toFixed(0)}, first node ${o.firstNodeMs.toFixed(0)}), settled ${o.settledMs.toFixed(0)} ms, peak ${open.result.peak} nodes in the DOM, ${o.state.nodes} after, ${o.state.domElements} elements`;
        if (scene.detail) {
          print(`${scene.label}: open, whole (${line})`, o.settledMs, open.profile, open.trace, bundles);
          const drop = markAt(open.trace, 'canvas-bench:drop');
          const canvas = markAt(open.trace, 'canvas-bench:canvas-mounted');
          const first = markAt(open.trace, 'canvas-bench:first-node');
          const painted = markAt(open.trace, 'canvas-bench:painted');
          print(`${scene.label}: open, drop -> canvas element mounted (the plan's data)`, (canvas - drop) / 1000, open.profile, open.trace, bundles, { from: drop, to: canvas });
          if (first > canvas) print(`${scene.label}: open, canvas element mounted -> first node element`, (first - canvas) / 1000, open.profile, open.trace, bundles, { from: canvas, to: first });
          print(`${scene.label}: open, first node element -> painted`, (painted - first) / 1000, open.profile, open.trace, bundles, { from: first, to: painted });
        }

        if (scene.app === 'baton') {
          await page.evaluate(() => window.__canvasProbe!.idle(10, 5_000));
          const node = await page.evaluate(() => window.__canvasProbe!.visibleTask('t123'));
          const edit = await profiled(cdp, () => page.evaluate((id) => window.__canvasProbe!.remoteEdit(id!, 'Remote edit'), node));
          const e = edit.result;
          const returned = markAt(edit.trace, 'canvas-bench:remote-edit-returned');
          const editLine = `one remote edit of ${node}: call ${e.callMs.toFixed(0)} ms (hook's peer replica alone ${e.peerMs.toFixed(0)} ms), title in the DOM ${(e.domMs - e.callMs).toFixed(0)} ms and painted ${(e.totalMs - e.callMs).toFixed(0)} ms after the call`;
          summary.push(`${scene.label}: ${editLine}`);
          print(`${scene.label}: ${editLine}; from the call's return to paint`, e.totalMs - e.callMs, edit.profile, edit.trace, bundles, { from: returned, to: returned + (e.totalMs - e.callMs) * 1000 });
        }

        await page.evaluate(() => window.__canvasProbe!.idle(10, 5_000));
        await play(page, zoomInTimeline(o.state.canvas));
        await page.evaluate(() => window.__canvasProbe!.idle(10, 20_000));
        const began = Date.now();
        const gestures = await profiled(cdp, async () => {
          await page.evaluate(() => window.__canvasProbe!.startFrames());
          await play(page, gestureTimeline(o.state.canvas));
          await page.evaluate(() => window.__canvasProbe!.idle(3, 10_000));
          return page.evaluate(() => window.__canvasProbe!.stopFrames());
        });
        const frames = [...gestures.result].sort((a, b) => a - b);
        const busy = summariseTrace(gestures.trace).mainBusy;
        const gestureLine = `gestures ${frames.length} frames in ${Date.now() - began} ms, median ${frames[frames.length >> 1]?.toFixed(0)} ms, p95 ${frames[Math.ceil(frames.length * 0.95) - 1]?.toFixed(0)} ms, main thread busy ${busy.toFixed(0)} ms`;
        summary.push(`${line}; ${gestureLine}`);
        if (scene.detail) print(`${scene.label}: pan/zoom (${gestureLine})`, Date.now() - began, gestures.profile, gestures.trace, bundles);
        await cdp.detach();
      });
    }
    console.log('\n=== summary (one run each, profiler attached: compare, do not quote as bench figures)');
    for (const line of summary) console.log(`  ${line}`);
  });
}

const EXPERIMENTS: readonly { label: string; query: string }[] = [
  { label: 'stock', query: '' },
  { label: 'provider=empty (own ReactFlowProvider, as Baton)', query: '&provider=empty' },
  { label: 'provider=initial (own provider given nodes, edges, fit)', query: '&provider=initial' },
  { label: 'sized=1 (nodes carry measured size + handles)', query: '&sized=1' },
  { label: 'sized=1, minimap=1 (MiniMap showing every node)', query: '&sized=1&minimap=1' },
  { label: 'sized=1, chrome=1 (Background, Controls, MiniMap)', query: '&sized=1&chrome=1' },
];

/** Times the reference's variants like the bench does (no profiler), interleaved. */
async function experiments(): Promise<void> {
  const tasks = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5000);
  await guarded(async (teardown) => {
    const servers = await startServers(teardown);
    const text = stringifyPlanJson(generatePlan({ tasks, dependencies: tasks * 1.5, workstreams: tasks / 100 }));
    const baton = await runOnce(servers.baton, 'plan.json', text, false);
    const results = new Map<string, RunResult[]>(EXPERIMENTS.map((e) => [e.label, []]));
    for (let i = 0; i < 3; i++) {
      for (const e of EXPERIMENTS) results.get(e.label)!.push(await runOnce(servers.reference(baton.open.state.canvas, e.query), 'plan.json', text, false));
    }
    const line = (label: string, runs: readonly RunResult[]) =>
      `${label}: open painted ${median(runs.map((r) => r.open.paintMs)).toFixed(0)} ms (first node ${median(runs.map((r) => r.open.firstNodeMs)).toFixed(0)}), ` +
      `settled ${median(runs.map((r) => r.open.settledMs)).toFixed(0)} ms, ${runs[0]!.open.state.domElements} elements; gestures p95 ${median(runs.map((r) => r.frames.p95)).toFixed(0)} ms, ` +
      `median frame ${median(runs.map((r) => r.frames.median)).toFixed(0)} ms, ${median(runs.map((r) => r.frames.frames))} frames in ${median(runs.map((r) => r.frames.durationMs)).toFixed(0)} ms`;
    console.log(`\n${tasks} tasks; one Baton run for scale:`);
    console.log(`  ${line('baton', [baton])}`);
    console.log('reference variants, medians of 3:');
    for (const e of EXPERIMENTS) console.log(`  ${line(e.label, results.get(e.label)!)}`);
  });
}

await (process.argv.includes('--experiments') ? experiments() : main());
