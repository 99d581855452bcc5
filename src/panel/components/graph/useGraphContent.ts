/**
 * What the instance draws: the elements and the stylesheet. Same ids: the changed data is written in place
 * (refresh.ts), no layout. A few nodes more or fewer: only those are added or removed, placed around the kept
 * ones (then `placedTopology` tells the layout hook that no layout is due); so do rolled-up nodes expanding or
 * collapsing (groupChange.ts). Anything larger: the elements are replaced and the layout hook lays out. After an
 * in-place change the styles and drawing order are computed before the next frame, so that frame only draws: in
 * chunks, a task each, with a batch open in between, and Cytoscape's cached layer stays on screen until a replacement
 * is ready (writeThenPrepare). When a few nodes came or went, they are added and removed in the first task and the
 * kept elements' data follows in chunks; a group opening or closing is one task. At 1,000 nodes with health
 * changing, one frame of about 70 ms became tasks of at most about 35 ms.
 *
 * While a pointer is down on the graph (a pan or a node drag), a refresh with the same ids waits for its release:
 * restyling and redrawing a large graph mid-drag would drop frames, and the numbers may wait that long.
 */
import { MutableRefObject, RefObject, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type cytoscape from 'cytoscape';
import { elementDefinitions, ZoomDetail } from '../../graph/cyContent';
import type { ElementDefs } from '../../graph/elements';
import type { Selection } from '../../graph/findHide';
import type { LayoutChoice } from '../../graph/layouts';
import type { StyleBlock } from '../../graph/style';
import { fitFlatBoxes, usesFlatBoxes } from './flatBoxLayout';
import { applyGroupChange, groupChangeOf } from './groupChange';
import { applyTopologyDiff, diffTopology, isSmallChange, styleFieldsOf, updateChunks, updateData } from './refresh';
import {
  CyInstance,
  elementCounts,
  measureBounds,
  prepareDrawing,
  setAttr,
  settleDrawing,
  visibleNodeCount,
  writeThenPrepare,
} from './shared';
import type { ViewportControl } from './useViewport';

export interface ContentInputs {
  elements: ElementDefs;
  topology: string;
  stylesheet: StyleBlock[];
  layout: LayoutChoice;
  found: Selection;
  hidden: Selection;
}

/** The longest a refresh waits for a pointer release. */
const HOLD_LIMIT_MS = 10_000;

/** What the instance holds now. */
interface Applied {
  inst: CyInstance;
  elements: ElementDefs;
  topology: string;
  stylesheet: StyleBlock[];
  /** Element sets taken since the instance was created. */
  version: number;
}

/** The record for this instance (a new instance starts from what it was created with). */
function appliedTo(ref: MutableRefObject<Applied | undefined>, inst: CyInstance): Applied {
  if (ref.current?.inst !== inst) {
    const c = inst.created;
    ref.current = { inst, elements: c.elements, topology: c.topology, stylesheet: c.stylesheet, version: 0 };
  }
  return ref.current;
}

function boxIds(elements: ElementDefs): string[] {
  return elements.nodes.filter((n) => n.data.isBox).map((n) => n.data.id);
}

export function useGraphContent(
  inst: CyInstance | undefined,
  p: ContentInputs,
  containerRef: RefObject<HTMLDivElement>,
  detailRef: MutableRefObject<ZoomDetail>,
  viewport?: ViewportControl
): MutableRefObject<string | undefined> {
  const applied = useRef<Applied | undefined>(undefined);
  // Set when a refresh placed its new nodes itself: the layout hook then lays nothing out for that topology.
  const placedTopology = useRef<string | undefined>(undefined);
  const { elements, topology, stylesheet, layout, found, hidden } = p;
  const fields = useMemo(() => styleFieldsOf(stylesheet), [stylesheet]);
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!inst) {
      return;
    }
    const cy = inst.cy;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const up = () => {
      clearTimeout(timer);
      timer = undefined;
      setHeld(false);
    };
    const down = () => {
      setHeld(true);
      // A release the graph never hears of (outside the window) must not hold refreshes back for long.
      clearTimeout(timer);
      timer = setTimeout(up, HOLD_LIMIT_MS);
    };
    cy.on('tapstart', down);
    cy.on('tapend', up);
    return () => {
      cy.off('tapstart', down);
      cy.off('tapend', up);
      clearTimeout(timer);
      setHeld(false);
    };
  }, [inst]);
  // Read by the effect for new elements only: their changes are the layout hook's (find/hide classes).
  const classes = useRef({ found, hidden });
  useLayoutEffect(() => {
    classes.current = { found, hidden };
  });

  useEffect(() => {
    if (!inst) {
      return;
    }
    const a = appliedTo(applied, inst);
    if (a.elements === elements || (held && a.topology === topology)) {
      return;
    }
    const cy = inst.cy;
    const el = containerRef.current;
    const drawn = a.elements;
    a.elements = elements;
    // Test and bench hook: a new answer is in the graph once this changes (frames are read a task after they come).
    setAttr(el, 'data-content-version', ++a.version);
    const flat = usesFlatBoxes(layout);
    const { found: f, hidden: h } = classes.current;
    const detail = layout.large ? detailRef.current : undefined;
    if (a.topology === topology) {
      writeThenPrepare(cy, updateChunks(cy, elements, fields));
    } else {
      settleDrawing(cy);
      a.topology = topology;
      const regroup = groupChangeOf(drawn, elements);
      const d = regroup ? undefined : diffTopology(drawn, elements);
      const opts = { found: f, hidden: h, detail, flatBoxes: flat };
      if (regroup) {
        // Rolled-up nodes expanded or collapsed: the group opens or closes in place, the rest keeps its layout.
        cy.batch(() => {
          applyGroupChange(cy, drawn, elements, regroup, opts);
          updateData(cy, elements, fields);
        });
        if (flat) {
          fitFlatBoxes(cy, elements);
        }
        // The graph grew or shrank around the group: a view the user has not moved shows all of it again.
        viewport?.refit();
        prepareDrawing(cy);
        placedTopology.current = topology;
      } else if (d && isSmallChange(d, drawn.nodes.length, elements.nodes.length)) {
        // A few nodes came or went (placed around the kept ones): the rest keeps its layout. They are added and
        // removed in this task, the kept elements' new data written in chunks after it, as for the same ids.
        writeThenPrepare(cy, [
          () => {
            applyTopologyDiff(cy, elements, d, opts);
            if (flat) {
              fitFlatBoxes(cy, elements);
            }
          },
          ...updateChunks(cy, elements, fields),
          // The new elements, and the boxes the new members may have grown.
          () => measureBounds(cy, [...d.addedNodes, ...d.addedEdges, ...boxIds(elements)]),
        ]);
        placedTopology.current = topology;
      } else {
        placedTopology.current = undefined;
        cy.batch(() => {
          cy.elements().remove();
          // With their classes (as they stand now), so the find/hide pass finds nothing to toggle.
          cy.add(
            elementDefinitions(elements, {
              found: f,
              hidden: h,
              detail,
              // Flat boxes are sized by the layout that follows.
              flatBoxes: flat ? new Map() : undefined,
            }) as cytoscape.ElementDefinition[]
          );
        });
      }
      setAttr(el, 'data-visible-node-count', visibleNodeCount(elements, h));
      // Counted in place: cy.elements() would copy every element into a new collection. Same ids: same counts.
      const { nodes: nodeCount, edges: edgeCount } = elementCounts(cy);
      if (nodeCount + edgeCount === 0) {
        // The layout hook, which runs next, lays out; here only the empty case is settled.
        setAttr(el, 'data-status', 'empty');
      }
      setAttr(el, 'data-node-count', nodeCount);
      setAttr(el, 'data-edge-count', edgeCount);
    }
  }, [inst, elements, topology, layout, fields, containerRef, detailRef, held, viewport]);

  useEffect(() => {
    // Setting a stylesheet restyles every element: only when it is not the one the instance has.
    if (!inst) {
      return;
    }
    const a = appliedTo(applied, inst);
    if (a.stylesheet === stylesheet) {
      return;
    }
    a.stylesheet = stylesheet;
    settleDrawing(inst.cy);
    inst.cy.style(stylesheet as unknown as cytoscape.StylesheetJson);
  }, [inst, stylesheet]);

  return placedTopology;
}
