import type cytoscape from 'cytoscape';
import { createTheme } from '@grafana/data';
import { paletteFromTheme } from './palette';
import { buildStylesheet, CLASS, StyleBlock } from './style';
import { applyStylesWithoutRepeats } from './styleApplication';

// The shortened style application against Cytoscape's own: two copies of the Cytoscape module (their prototypes are
// their own), one with the shortcuts installed, given the same elements, stylesheets and changes.

type Cytoscape = typeof cytoscape;

function cytoscapeModule(): Cytoscape {
  let mod: Cytoscape | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    mod = require('cytoscape');
  });
  return mod as Cytoscape;
}

const palette = paletteFromTheme(createTheme());
const sheet = (large: boolean, widthByTraffic = false): StyleBlock[] =>
  buildStylesheet(palette, { labelMinZoomedFontSize: 6, large, widthByTraffic });

const ELEMENTS: cytoscape.ElementDefinition[] = [
  { data: { id: 'ns1', nodeType: 'box', isBox: 'namespace', label: 'ns1' } },
  { data: { id: 'ns2', nodeType: 'box', isBox: 'namespace', label: 'ns2' } },
  { data: { id: 'app', nodeType: 'box', isBox: 'app', parent: 'ns1', label: 'reviews' } },
  ...['a', 'b', 'c', 'd'].map((id, i) => ({
    data: {
      id,
      parent: i < 2 ? 'app' : 'ns2',
      nodeType: i === 3 ? 'service' : 'workload',
      healthStatus: i === 1 ? 'Degraded' : 'Healthy',
      label: `${id}-v1`,
    },
    position: { x: 100 * i, y: 40 * (i % 2) },
  })),
  // A twin of b once b is healthy.
  {
    data: { id: 'g', parent: 'ns2', nodeType: 'workload', healthStatus: 'Healthy', label: 'g' },
    position: { x: 0, y: 90 },
  },
  { data: { id: 'idle', nodeType: 'app', isIdle: true, label: 'idle' }, position: { x: -80, y: 200 } },
  { data: { id: 'out', nodeType: 'workload', isOutside: true, label: 'out' }, position: { x: 300, y: 220 } },
  ...[
    ['a', 'b', 'http'],
    ['b', 'c', 'http'],
    ['c', 'd', 'tcp'],
    ['d', 'a', 'grpc'],
    ['a', 'out', 'http'],
    ['idle', 'a', 'http'],
    ['b', 'c', 'grpc'],
    ['c', 'c', 'http'],
    ['g', 'd', 'tcp'],
  ].map(([source, target, protocol], i) => ({
    data: {
      id: `e${i}`,
      source,
      target,
      protocol,
      healthStatus: i === 1 ? 'Failure' : 'Healthy',
      hasTraffic: i !== 5,
      thickness: 1 + i,
      label: `${i} rps`,
      labelVerbose: `${i} rps\n0 % err`,
    },
  })),
];

/** The same changes, made to an instance of either module. */
const STEPS: Array<[string, (cy: cytoscape.Core) => void]> = [
  ['nothing', () => undefined],
  [
    'health changes',
    (cy) => {
      cy.getElementById('a').data('healthStatus', 'Failure');
      cy.getElementById('b').data('healthStatus', 'Healthy');
      cy.getElementById('e0').data({ healthStatus: 'Degraded', label: '9 rps' });
      cy.getElementById('e1').data('healthStatus', 'Healthy');
    },
  ],
  [
    'classes',
    (cy) => {
      cy.getElementById('ns2').addClass(CLASS.hidden);
      // Hiding a node changes its edges' bounds; hiding an edge, its parallel edge's curve.
      cy.getElementById('out').addClass(CLASS.hidden);
      cy.getElementById('e1').addClass(CLASS.hidden);
      cy.elements('edge').addClass(CLASS.arrows);
      cy.getElementById('c').addClass(CLASS.labels);
      cy.getElementById('e2').addClass(CLASS.hover);
      cy.getElementById('b').addClass(CLASS.dim);
    },
  ],
  [
    'selection and widths',
    (cy) => {
      cy.getElementById('e3').select();
      cy.getElementById('a').select();
      cy.getElementById('e4').data('thickness', 9);
    },
  ],
  [
    'bypasses',
    (cy) => {
      cy.getElementById('e0').style('line-color', 'red');
      cy.getElementById('d').style({ width: 60, 'border-width': 4 });
      cy.getElementById('e0').removeStyle('line-color');
    },
  ],
  [
    'shown again, added and removed',
    (cy) => {
      cy.getElementById('ns2').removeClass(CLASS.hidden);
      cy.$('#out, #e1').removeClass(CLASS.hidden);
      cy.getElementById('e2').removeClass(CLASS.hover);
      cy.elements('edge').removeClass(CLASS.arrows);
      cy.remove(cy.getElementById('e6'));
      cy.add([
        { data: { id: 'f', parent: 'ns2', nodeType: 'workload', healthStatus: 'Degraded', label: 'f' } },
        {
          data: {
            id: 'f-a',
            source: 'f',
            target: 'a',
            protocol: 'http',
            healthStatus: 'Healthy',
            hasTraffic: true,
            label: '',
            labelVerbose: '',
          },
        },
      ]);
      cy.getElementById('f').position({ x: 420, y: 10 });
    },
  ],
  [
    'shapes, and sizes from the labels',
    (cy) => {
      // A new shape moves the ends of the node's edges.
      cy.getElementById('c').data('nodeType', 'service');
      cy.getElementById('a').data('nodeType', 'app');
      // Cytoscape hashes a label-sized node by its place in the instance: no two share hints.
      cy.style().selector('node.sized').style({ width: 'label', height: 'label' }).update();
      cy.nodes('[nodeType="workload"]').addClass('sized');
      cy.getElementById('b').removeClass(CLASS.dim);
    },
  ],
  [
    'an animation’s steps',
    (cy) => {
      // An animation writes its values into the element's own (bypass) property, in place, at each step.
      const style = cy.style() as unknown as {
        overrideBypass(e: cytoscape.Collection, name: string, v: unknown): void;
      };
      const edge = cy.getElementById('e4');
      style.overrideBypass(edge, 'line-color', [200, 0, 0]);
      style.overrideBypass(edge, 'line-color', [0, 0, 200]);
    },
  ],
  [
    'another stylesheet, with end labels',
    (cy) =>
      cy.style([
        ...sheet(true),
        { selector: 'edge[protocol="tcp"]', style: { 'target-label': 'TCP', 'source-label': 'out' } },
      ] as unknown as cytoscape.StylesheetJson),
  ],
  [
    'health back in the other stylesheet',
    (cy) => {
      cy.getElementById('a').data('healthStatus', 'Healthy');
      cy.getElementById('e1').data('healthStatus', 'Failure');
      cy.getElementById('c').removeClass(CLASS.labels);
    },
  ],
];

interface Private {
  group: string;
  style: Record<string, { strValue?: string } | undefined>;
  styleKeys: Record<string, unknown>;
  [field: string]: unknown;
}

const priv = (e: cytoscape.SingularElementArgument) => (e as unknown as { _private: Private })._private;

/** Cytoscape applies a headless instance's styles when one is first read after a change. */
const styled = <T extends cytoscape.Collection>(eles: T): T => {
  eles.forEach((e) => void (e as unknown as { pstyle(name: string): unknown }).pstyle('opacity'));
  return eles;
};

/** Everything updateStyleHints writes, what the properties are, and what they make of the element. */
function appearance(e: cytoscape.SingularElementArgument) {
  const p = priv(e);
  const style = Object.fromEntries(
    Object.entries(p.style)
      .filter(([, v]) => v != null)
      .map(([k, v]) => [k, v?.strValue])
  );
  const hints = Object.fromEntries(
    Object.entries(p).filter(([k]) => /Key$|Keys$/.test(k) || k === 'hasPie' || k === 'hasStripe')
  );
  return {
    hints: JSON.parse(JSON.stringify(hints)),
    style,
    visible: e.visible(),
    takesUpSpace: (e as unknown as { takesUpSpace(): boolean }).takesUpSpace(),
    interactive: (e as unknown as { interactive(): boolean }).interactive(),
    box: e.boundingBox(),
    labelBox: e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }),
  };
}

function instance(mod: Cytoscape, large: boolean, install: boolean, widthByTraffic = false): cytoscape.Core {
  const style = sheet(large, widthByTraffic) as unknown as cytoscape.StylesheetJson;
  const cy = mod({ headless: true, styleEnabled: true, style });
  if (install) {
    applyStylesWithoutRepeats(cy);
  }
  // Cytoscape keeps the data objects it is given: each instance gets its own.
  cy.add(JSON.parse(JSON.stringify(ELEMENTS)));
  return cy;
}

describe('applyStylesWithoutRepeats', () => {
  const plainModule = cytoscapeModule();
  const shortenedModule = cytoscapeModule();

  it.each([
    [false, true],
    [true, false],
  ])('gives what Cytoscape gives, step by step (large-graph style: %s, widths by traffic: %s)', (large, widths) => {
    const plain = instance(plainModule, large, false, widths);
    const shortened = instance(shortenedModule, large, true, widths);
    for (const [step, change] of STEPS) {
      // Derived values and bounds read before a change are cached: the change must make them stale.
      plain.elements().forEach((e) => void appearance(e));
      shortened.elements().forEach((e) => void appearance(e));
      change(plain);
      change(shortened);
      const ids = plain.elements().map((e) => e.id());
      expect(shortened.elements().map((e) => e.id())).toEqual(ids);
      for (const id of ids) {
        expect({ step, id, ...appearance(shortened.getElementById(id)) }).toEqual({
          step,
          id,
          ...appearance(plain.getElementById(id)),
        });
      }
    }
  });

  it('hashes one list of the stylesheet’s properties once, and an element’s own properties every time', () => {
    const cy = instance(shortenedModule, true, true);
    const [b, c] = [cy.getElementById('b'), cy.getElementById('c')];
    // Two workloads with the same properties share the hints made for the first.
    styled(b.data('healthStatus', 'Healthy'));
    styled(c);
    expect(priv(b).style).not.toBe(priv(c).style);
    expect(priv(b).styleKeys.nodeBorder).toBe(priv(c).styleKeys.nodeBorder);
    // A label (a mapped property: the element's own) is hashed for the element.
    styled(c.addClass(CLASS.labels));
    styled(b.addClass(CLASS.labels));
    expect(priv(b).styleKeys.labelDimensions).not.toBe(priv(c).styleKeys.labelDimensions);
    expect(priv(b).labelKey).not.toBe(priv(c).labelKey);
  });

  it('leaves a stylesheet that maps through a function (which may read anything) to mark per property', () => {
    const style = [
      { selector: 'node', style: { width: (e: cytoscape.NodeSingular) => (e.visible() ? 30 : 20) } },
      { selector: 'node.x', style: { 'background-color': 'blue', 'border-color': 'red', 'border-width': 3 } },
    ] as unknown as cytoscape.StylesheetJson;
    const run = (mod: Cytoscape, install: boolean) => {
      const cy = mod({ headless: true, styleEnabled: true, style });
      if (install) {
        applyStylesWithoutRepeats(cy);
      }
      cy.add(JSON.parse(JSON.stringify(ELEMENTS.filter((e) => !e.data.source))));
      styled(cy.elements());
      const dirty = jest.spyOn(
        Object.getPrototypeOf(cy.collection()) as { dirtyStyleCache(): unknown },
        'dirtyStyleCache'
      );
      try {
        styled(cy.getElementById('out').addClass('x'));
        return { calls: dirty.mock.calls.length, seen: appearance(cy.getElementById('out')) };
      } finally {
        dirty.mockRestore();
      }
    };
    const plain = run(plainModule, false);
    const shortened = run(shortenedModule, true);
    expect(plain.calls).toBeGreaterThan(1);
    expect(shortened).toEqual(plain);
  });

  it('marks each restyled element’s derived values stale once, not once per property', () => {
    const cy = instance(shortenedModule, false, true);
    styled(cy.elements());
    const proto = Object.getPrototypeOf(cy.collection()) as { dirtyStyleCache(): unknown };
    const dirty = jest.spyOn(proto, 'dirtyStyleCache');
    try {
      // Failure changes an edge's line and arrow colours, and its middle arrow's shape and fill: five properties.
      styled(cy.getElementById('e0').data('healthStatus', 'Failure'));
      expect(dirty).toHaveBeenCalledTimes(1);
    } finally {
      dirty.mockRestore();
    }
    const plain = instance(plainModule, false, false);
    styled(plain.elements());
    const plainDirty = jest.spyOn(
      Object.getPrototypeOf(plain.collection()) as { dirtyStyleCache(): unknown },
      'dirtyStyleCache'
    );
    try {
      styled(plain.getElementById('e0').data('healthStatus', 'Failure'));
      expect(plainDirty.mock.calls.length).toBeGreaterThan(1);
    } finally {
      plainDirty.mockRestore();
    }
  });
});
