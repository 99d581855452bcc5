/**
 * Where the page's main thread spends a measurement (drill-down bench): a V8 CPU profile of the page over one
 * action, each sample's time given to the source file its function was built from (the bundles' source maps:
 * the panel's dist/panel/*.js and the sandbox host's host.js), summed in a few buckets. Built-ins (no URL) count
 * for their caller, except JSON.parse and the garbage collector, which get buckets of their own. functionProfile
 * sums the same profile per original function instead (profileExpand.ts).
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { SourceMapConsumer } from 'source-map-js';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Bucket of an original source path (first match wins). */
const BUCKETS: Array<[RegExp, string]> = [
  [/\/panel\/graph\/fromFrames/, 'panel: fromFrames'],
  [/\/panel\/graph\/rollupThinning/, 'panel: thinning'],
  [/\/panel\/graph\/(elements|flatten|flatBoxes)/, 'panel: flatten + elements'],
  [/\/panel\/graph\/(fastLayout|layouts|boxed)/, 'panel: layout'],
  [/node_modules\/cytoscape/, 'Cytoscape'],
  [/\/panel\//, 'panel: other (React components, style, labels)'],
  [/\/datasource\//, 'datasource (frontend)'],
  [/node_modules\/(react|react-dom|scheduler)\//, 'React'],
  [/node_modules\/@grafana\//, 'Grafana packages (data frames, UI)'],
  [/tests\/sandbox\//, 'sandbox host'],
];

export type ProfileBuckets = Record<string, number>;

/**
 * Runs `action` with the page profiled (sampling every 250 µs); returns ms per bucket, idle left out, or
 * `{ failed }` when the profiler could not follow (the action still ran).
 */
export async function profileDuring(
  page: Page,
  maps: Record<string, string>,
  action: () => Promise<unknown>
): Promise<ProfileBuckets> {
  try {
    return await profiled(page, maps, action);
  } catch (e) {
    return { [`failed: ${e instanceof Error ? e.message : String(e)}`]: 0 };
  }
}

/** Runs `action` with the page profiled (sampling every 250 µs); the page's CPU profile of it. */
async function recordProfile(page: Page, action: () => Promise<unknown>): Promise<Profile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  let stopped: { profile: Profile };
  try {
    await action();
  } finally {
    stopped = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await cdp.detach();
  }
  return stopped.profile;
}

async function profiled(page: Page, maps: Record<string, string>, action: () => Promise<unknown>) {
  return bucketProfile(await recordProfile(page, action), maps);
}

/** Original positions of bundled code: `maps` maps the end of a bundle's URL path to its source map file. */
function sourceLocator(maps: Record<string, string>) {
  const consumers = new Map<string, SourceMapConsumer | null>();
  const consumer = (url: string) => {
    const urlPath = new URL(url, 'http://x').pathname;
    const file = Object.keys(maps).find((suffix) => urlPath.endsWith(`/${suffix}`)) ?? urlPath;
    if (!consumers.has(file)) {
      const map = maps[file];
      consumers.set(
        file,
        map && fs.existsSync(map) ? new SourceMapConsumer(JSON.parse(fs.readFileSync(map, 'utf8'))) : null
      );
    }
    return consumers.get(file) ?? null;
  };
  return (frame: ProfileNode['callFrame']) =>
    consumer(frame.url)?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
}

/** Each profile node's parent, by id (a profile lists only children). */
export function parentsOf(profile: Profile): Map<number, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    for (const c of n.children ?? []) {
      parent.set(c, n.id);
    }
  }
  return parent;
}

/** Self and inclusive ms per function name, summed over one profile or several. */
export interface FunctionTimes {
  self: Map<string, number>;
  inclusive: Map<string, number>;
}

export function newFunctionTimes(): FunctionTimes {
  return { self: new Map(), inclusive: new Map() };
}

/**
 * Adds a profile's samples to `times` by function, as `nameOf` names a call frame, each sample's time divided by
 * `share` (a mean over several profiles); the names `skip` says are left out (idle). Returns the ms added.
 */
export function addFunctionTimes(
  profile: Profile,
  times: FunctionTimes,
  nameOf: (frame: ProfileNode['callFrame']) => string,
  opts: { share?: number; skip?: (name: string) => boolean } = {}
): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parentsOf(profile);
  const names = new Map<number, string>();
  const name = (id: number): string => {
    let known = names.get(id);
    if (known === undefined) {
      known = nameOf(byId.get(id)!.callFrame);
      names.set(id, known);
    }
    return known;
  };
  const { self, inclusive } = times;
  let added = 0;
  profile.samples.forEach((id, i) => {
    if (opts.skip?.(name(id))) {
      return;
    }
    const ms = (profile.timeDeltas[i] ?? 0) / 1000 / (opts.share ?? 1);
    added += ms;
    self.set(name(id), (self.get(name(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (!seen.has(name(at))) {
        seen.add(name(at));
        inclusive.set(name(at), (inclusive.get(name(at)) ?? 0) + ms);
      }
    }
  });
  return added;
}

/** The `count` largest entries, one per line: ms, then the name. */
export function functionRows(times: ReadonlyMap<string, number>, count: number): string {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([n, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${n}`)
    .join('\n');
}

/**
 * Runs `action` with the page profiled; ms of self and inclusive time per function, named by its original name and
 * source (node_modules/… or the path under src/) where the bundles' source maps know it. Idle left out.
 */
export async function functionProfile(
  page: Page,
  maps: Record<string, string>,
  action: () => Promise<unknown>
): Promise<FunctionTimes> {
  const profile = await recordProfile(page, action);
  const locate = sourceLocator(maps);
  const times = newFunctionTimes();
  addFunctionTimes(
    profile,
    times,
    (frame) => {
      const at = frame.url && frame.lineNumber >= 0 ? locate(frame) : undefined;
      const source = (at?.source ?? '').replace(/.*node_modules\//, '').replace(/^webpack:\/\/[^/]+\//, 'src/');
      return at?.source
        ? `${at.name ?? (frame.functionName || '(anonymous)')} ${source}:${at.line}`
        : `${frame.functionName || '(anonymous)'}${frame.url ? ` ${frame.url.split('/').pop()}` : ''}`;
    },
    { skip: (name) => name === '(idle)' }
  );
  return times;
}

/** `maps`: the end of a bundle's URL path (panel/module.js, sandbox/host.js, …) → its source map file. */
export function bucketProfile(profile: Profile, maps: Record<string, string>): ProfileBuckets {
  const locate = sourceLocator(maps);
  if (process.env.PROFILE_DIR) {
    fs.writeFileSync(`${process.env.PROFILE_DIR}/${Date.now()}.cpuprofile`, JSON.stringify(profile));
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const bucketOf = new Map<number, string>();
  const visit = (id: number, inherited: string) => {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    let bucket = inherited;
    if (functionName === '(garbage collector)') {
      bucket = 'garbage collector';
    } else if (functionName === '(idle)' || functionName === '(program)') {
      bucket = functionName;
    } else if (!url && functionName === 'parse') {
      bucket = 'JSON.parse';
    } else if (url && lineNumber >= 0) {
      const source = locate(node.callFrame)?.source ?? '';
      bucket = BUCKETS.find(([re]) => re.test(source))?.[1] ?? (source ? 'other bundled code' : 'other');
    }
    bucketOf.set(id, bucket);
    for (const child of node.children ?? []) {
      visit(child, bucket);
    }
  };
  visit(profile.nodes[0].id, '(program)');
  const out: ProfileBuckets = {};
  profile.samples.forEach((id, i) => {
    const bucket = bucketOf.get(id) ?? 'other';
    out[bucket] = (out[bucket] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  delete out['(idle)'];
  return Object.fromEntries(
    Object.entries(out)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, Math.round(v)])
  );
}
