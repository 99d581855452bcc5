/**
 * Find and hide classes, and the layout: it runs when the topology, the layout, what is hidden or the saved
 * positions change (as Kiali does on hide; finding never lays out). A refresh that placed its few new nodes
 * itself (useGraphContent) needs no layout; saving the positions on screen needs none either.
 */
import { MutableRefObject, RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type cytoscape from 'cytoscape';
import { hasLayout, loadFcose } from '../../graph/cy';
import type { ElementDefs } from '../../graph/elements';
import type { Selection } from '../../graph/findHide';
import { LayoutChoice, layoutOptions } from '../../graph/layouts';
import { CLASS } from '../../graph/style';
import { incrementalPositions } from '../../graph/savedLayout';
import { fitFlatBoxes, usesFlatBoxes } from './flatBoxLayout';
import { hasSaved, knownPositions, SavedPositions, savedKeyOf, showsPositions } from './savedPositions';
import {
  CyInstance,
  FIT_PADDING,
  LayoutParts,
  leafPositions,
  setAttr,
  settleDrawing,
  visibleNodeCount,
} from './shared';
import type { ViewportControl } from './useViewport';

export interface LayoutInputs {
  elements: ElementDefs;
  topology: string;
  layout: LayoutChoice;
  found: Selection;
  hidden: Selection;
  width: number;
  height: number;
  savedPositions?: SavedPositions;
}

export function hiddenKeyOf(hidden: Selection): string {
  return [...hidden.nodes, '|', ...hidden.edges].join(',');
}

function sameParts(a: LayoutParts, b: LayoutParts): boolean {
  return (
    a.topology === b.topology && a.effective === b.effective && a.hiddenKey === b.hiddenKey && a.savedKey === b.savedKey
  );
}

/**
 * A refresh that shows a few nodes again (traffic came back to an idle node or edge) places them beside their
 * visible neighbours; those it hides just vanish. Nothing else moves.
 */
function placeShown(cy: cytoscape.Core, shown: readonly string[]): void {
  const visible = leafPositions(cy, (n) => n.hasClass(CLASS.hidden));
  const leaves = [...visible.keys()].map((id) => ({ id }));
  for (const id of shown) {
    visible.delete(id);
  }
  const edges = cy
    .edges()
    .filter((e) => !e.hasClass(CLASS.hidden))
    .map((e) => ({ source: e.data('source') as string, target: e.data('target') as string }));
  const placed = incrementalPositions(visible, leaves, edges).positions;
  cy.batch(() => {
    for (const id of shown) {
      const at = placed.get(id);
      if (at) {
        cy.getElementById(id).position(at);
      }
    }
  });
}

function gridFallback(visible: cytoscape.CollectionReturnValue, el: HTMLElement | null): void {
  visible.layout({ name: 'grid', fit: true, padding: FIT_PADDING, animate: false } as cytoscape.LayoutOptions).run();
  setAttr(el, 'data-layout', 'grid');
  setAttr(el, 'data-status', 'ready');
}

const EMPTY: Selection = { nodes: new Set(), edges: new Set() };

/** The ids in one set of a (was, is) pair but not in the other, over all the pairs. */
export function changedIds(pairs: ReadonlyArray<readonly [ReadonlySet<string>, ReadonlySet<string>]>): Set<string> {
  const out = new Set<string>();
  for (const [was, is] of pairs) {
    if (was === is) {
      continue;
    }
    for (const id of was) {
      if (!is.has(id)) {
        out.add(id);
      }
    }
    for (const id of is) {
      if (!was.has(id)) {
        out.add(id);
      }
    }
  }
  return out;
}

/** A refresh that hides or shows at most this share of the nodes keeps the layout. */
const SMALL_SHARE = 0.1;

export interface GraphLayout {
  /** Lays out the visible graph now (the Reset layout control). */
  runLayout(): void;
}

/**
 * @param placedTopology set by the content hook when it placed a refresh's new nodes itself: that topology needs
 *   no layout pass.
 */
export function useGraphLayout(
  inst: CyInstance | undefined,
  p: LayoutInputs,
  latest: MutableRefObject<LayoutInputs>,
  containerRef: RefObject<HTMLDivElement>,
  viewport: ViewportControl,
  placedTopology: { readonly current: string | undefined }
): GraphLayout {
  const [fcoseLoaded, setFcoseLoaded] = useState(false);
  const lastLayout = useRef<LayoutParts | undefined>(undefined);
  const appliedClasses = useRef<{ found: Selection; hidden: Selection; elements: ElementDefs } | undefined>(undefined);

  const runLayout = useCallback(() => {
    const cy = inst?.cy;
    const el = containerRef.current;
    if (!cy) {
      return;
    }
    settleDrawing(cy);
    const q = latest.current;
    const visible = cy.elements().filter((e) => !e.hasClass(CLASS.hidden));
    if (visible.length === 0) {
      setAttr(el, 'data-status', 'empty');
      return;
    }
    setAttr(el, 'data-status', 'layout');
    setAttr(el, 'data-layout', q.layout.effective);
    if (q.layout.effective === 'fcose' && !hasSaved(q.savedPositions) && !hasLayout('fcose')) {
      // fCoSE is loaded on first use; the effect below lays out again once it is there (the key is cleared, the
      // flag is one of its inputs).
      lastLayout.current = undefined;
      loadFcose().then(
        () => setFcoseLoaded(true),
        () => {
          if (!cy.destroyed()) {
            gridFallback(visible, containerRef.current);
          }
        }
      );
      return;
    }
    const visibleNodes = visible.nodes();
    const nodesIn = visibleNodes.map((n) => ({
      id: n.id(),
      parent: n.data('parent'),
      isBox: n.data('isBox'),
      label: n.data('label'),
    }));
    const edgesIn = visible.edges().map((e) => ({ source: e.data('source'), target: e.data('target') }));
    const saved = hasSaved(q.savedPositions) ? knownPositions(q.savedPositions, q.layout, nodesIn, edgesIn) : undefined;
    const opts = saved
      ? {
          name: 'preset',
          fit: true,
          padding: FIT_PADDING,
          animate: false,
          positions: (node: { id: () => string }) => saved.get(node.id()) ?? { x: 0, y: 0 },
        }
      : layoutOptions(q.layout.effective, {
          nodes: nodesIn,
          edges: edgesIn,
          boundingBox: { x1: 0, y1: 0, w: Math.max(q.width, 100), h: Math.max(q.height, 100) },
          rootIds: visibleNodes.filter((n) => !!n.data('isRoot')).map((n) => n.id()),
        });
    // Preset positions are for leaves only: Cytoscape (or fitFlatBoxes) sizes the boxes from their members, and
    // the fit is over everything visible (boxes too), as at creation and as the Fit button does.
    const preset = opts.name === 'preset';
    const flat = usesFlatBoxes(q.layout);
    const target = preset ? visibleNodes.filter((n) => !n.isParent() && !(flat && n.data('isBox'))) : visible;
    const l = target.layout({ ...opts, ...(preset ? { fit: false } : {}) } as unknown as cytoscape.LayoutOptions);
    l.one('layoutstop', () => {
      if (flat) {
        fitFlatBoxes(cy, latest.current.elements);
      }
      if (preset) {
        viewport.programmatic(() => cy.fit(visible, FIT_PADDING));
      }
      viewport.markFitted();
      setAttr(containerRef.current, 'data-status', 'ready');
    });
    try {
      viewport.programmatic(() => l.run());
    } catch {
      // A layout failing on odd data must not take the panel down: fall back to a grid.
      gridFallback(visible, containerRef.current);
    }
  }, [inst, containerRef, latest, viewport]);

  const seen = useRef<CyInstance | undefined>(undefined);

  // A dragged member takes its flat boxes along (their size follows, as compound boxes would).
  const flat = usesFlatBoxes(p.layout);
  useEffect(() => {
    if (!inst || !flat) {
      return;
    }
    const cy = inst.cy;
    const onDrag = () => fitFlatBoxes(cy, latest.current.elements);
    cy.on('drag', 'node', onDrag);
    return () => {
      cy.off('drag', 'node', onDrag);
    };
  }, [inst, flat, latest]);

  const { found, hidden, elements, topology } = p;
  const hiddenKey = useMemo(() => hiddenKeyOf(hidden), [hidden]);
  const effective = p.layout.effective;
  const savedKey = savedKeyOf(p.savedPositions);
  useEffect(() => {
    const cy = inst?.cy;
    if (!cy) {
      return;
    }
    if (seen.current !== inst) {
      // A new instance: what it holds and how it was laid out.
      seen.current = inst;
      const c = inst.created;
      appliedClasses.current = { found: c.found, hidden: c.hidden, elements: c.elements };
      lastLayout.current = c.layout;
    }
    const a = appliedClasses.current;
    // A refresh (new elements) as opposed to the viewer hiding or finding.
    const refreshed = a !== undefined && a.elements !== elements;
    const shown: string[] = [];
    let toggledNodes = 0;
    if (!a || a.found !== found || a.hidden !== hidden || a.elements !== elements) {
      appliedClasses.current = { found, hidden, elements };
      let changed = false;
      // Only the ids whose find or hide state changed are looked at: the kept elements carry the classes of the
      // previous pass, and the ones a refresh added were given the current classes (useGraphContent).
      const was = a ?? { found: EMPTY, hidden: EMPTY };
      const toggle = (ids: Iterable<string>, nodes: boolean) => {
        const hide = nodes ? hidden.nodes : hidden.edges;
        const find = nodes ? found.nodes : found.edges;
        for (const id of ids) {
          const e = cy.getElementById(id);
          if (e.empty() || e.isNode() !== nodes) {
            continue;
          }
          const isHidden = hide.has(id);
          const isFound = find.has(id);
          // toggleClass(c, bool) restyles the element even when nothing changes: only on a change.
          if (e.hasClass(CLASS.hidden) !== isHidden) {
            e.toggleClass(CLASS.hidden, isHidden);
            changed = true;
            if (nodes) {
              toggledNodes++;
              if (!isHidden) {
                shown.push(id);
              }
            }
          }
          if (e.hasClass(CLASS.find) !== isFound) {
            e.toggleClass(CLASS.find, isFound);
          }
        }
      };
      cy.batch(() => {
        toggle(
          changedIds([
            [was.hidden.nodes, hidden.nodes],
            [was.found.nodes, found.nodes],
          ]),
          true
        );
        toggle(
          changedIds([
            [was.hidden.edges, hidden.edges],
            [was.found.edges, found.edges],
          ]),
          false
        );
      });
      if (changed || a?.elements !== elements) {
        // What the instance holds are the elements' nodes (a refresh held during a drag has the same ids).
        setAttr(containerRef.current, 'data-visible-node-count', visibleNodeCount(elements, hidden));
      }
    }
    const previous = lastLayout.current;
    const next: LayoutParts = { topology, effective, hiddenKey, savedKey };
    if (previous && sameParts(previous, next)) {
      return;
    }
    lastLayout.current = next;
    if (!previous) {
      runLayout();
      return;
    }
    // The topology is the drawn one, or the refresh placed its new nodes around the kept ones.
    const placed = previous.topology === topology || placedTopology.current === topology;
    const sameView = placed && previous.effective === effective && previous.savedKey === savedKey;
    if (sameView && previous.hiddenKey === hiddenKey) {
      return;
    }
    // What follows places or lays out (runLayout settles too): on the settled instance, as a refresh may have left
    // writes and styles for later tasks. A refresh that placed its own new nodes needs neither, and its chunks run on.
    settleDrawing(cy);
    if (sameView && refreshed && toggledNodes <= SMALL_SHARE * cy.nodes().length) {
      // A refresh hid or showed a few elements (traffic stopped or came back): no layout pass.
      placeShown(cy, shown);
      if (usesFlatBoxes(latest.current.layout)) {
        fitFlatBoxes(cy, elements);
      }
      return;
    }
    // Saving the positions on screen changes nothing on screen: no layout pass (and no re-fit).
    const sameGraph =
      previous.topology === topology && previous.effective === effective && previous.hiddenKey === hiddenKey;
    const saved = latest.current.savedPositions;
    if (!(sameGraph && hasSaved(saved) && showsPositions(cy, saved))) {
      runLayout();
    }
  }, [
    inst,
    found,
    hidden,
    hiddenKey,
    effective,
    savedKey,
    runLayout,
    elements,
    fcoseLoaded,
    topology,
    containerRef,
    latest,
    placedTopology,
  ]);

  return { runLayout };
}
