/**
 * Highlight and selection: hovering or selecting a node or edge highlights what is connected to it and dims the
 * rest (graph/highlight.ts); taps select; a double-click activates a node. Large-graph mode skips the graph-wide
 * hover highlight (every element the pointer crosses would draw the whole graph again) and shows the element's label
 * as text under the pointer instead.
 */
import { MutableRefObject, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type cytoscape from 'cytoscape';
import type { ElementDefs } from '../../graph/elements';
import { GraphIndex, HighlightTarget, highlightSet, indexGraph } from '../../graph/highlight';
import { CLASS } from '../../graph/style';
import { markStoreOf, type MarkChange } from './highlightMarks';
import { batching, CyInstance, measureBounds, prepareDrawing } from './shared';

export interface SelectedElement {
  kind: 'node' | 'edge';
  id: string;
}

/** The label under the pointer, large-graph mode (rendered as text). */
export interface HoverLabel {
  text: string;
  x: number;
  y: number;
}

export interface HighlightInputs {
  elements: ElementDefs;
  layout: { large: boolean };
  selected?: SelectedElement;
  onSelect: (sel: SelectedElement | undefined) => void;
  onNodeActivate?: (id: string) => void;
}

export function indexOf(elements: ElementDefs): GraphIndex {
  return indexGraph({
    nodes: [...elements.nodeData.values()].map((n) => ({ id: n.id, parent: n.parent, isBox: n.isBox })),
    edges: [...elements.edgeData.values()],
  });
}

/** `make`'s result, made at the first call and kept. */
function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** Where a pointer on the element would be (nodes: centre; edges: between their ends). */
function renderedCentre(t: cytoscape.NodeSingular | cytoscape.EdgeSingular): { x: number; y: number } {
  if (t.isNode()) {
    return (t as cytoscape.NodeSingular).renderedPosition();
  }
  const e = t as cytoscape.EdgeSingular;
  const s = e.source().renderedPosition();
  const d = e.target().renderedPosition();
  return { x: (s.x + d.x) / 2, y: (s.y + d.y) / 2 };
}

/**
 * Marks the highlight set and dims the rest, writing only the marks that change (with classes, Cytoscape restyles
 * every element a class call touches, changed or not). Moving the selection from one node to another, or a new
 * answer under a kept selection, so touches what changed, not the whole graph. Returns the elements Cytoscape
 * restyles for it: those whose mark changed where classes carry the marks, none where the canvas renderer draws the
 * dimming (highlightMarks.ts).
 */
export function applyHighlight(
  cy: cytoscape.Core,
  index: () => GraphIndex,
  target: HighlightTarget | undefined
): cytoscape.CollectionReturnValue {
  const marks = markStoreOf(cy);
  const set = target ? highlightSet(index(), target) : undefined;
  const changes: MarkChange[] = [];
  if (!set || set.size === 0) {
    marks.marked().forEach((e) => {
      changes.push([e, undefined]);
    });
  } else {
    cy.elements().forEach((e) => {
      const mark = set.has(e.id()) ? 'lit' : 'dim';
      if (marks.of(e) !== mark) {
        changes.push([e, mark]);
      }
    });
  }
  return marks.write(changes) as cytoscape.CollectionReturnValue;
}

export function useHighlight(
  inst: CyInstance | undefined,
  p: HighlightInputs,
  latest: MutableRefObject<HighlightInputs>,
  topology: string
): HoverLabel | undefined {
  const [hoverLabel, setHoverLabel] = useState<HoverLabel | undefined>(undefined);
  // The reachability index depends on the ids only: made again when the topology changes, not on every refresh,
  // and only once something is highlighted (a refresh that changes the topology with nothing selected does not make
  // it). Made from the latest elements, which have this topology: the getter holds no answer of its own.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const index = useMemo(() => onFirstUse(() => indexOf(latest.current.elements)), [topology]);
  const indexRef = useRef(index);
  useLayoutEffect(() => {
    indexRef.current = index;
  });

  useEffect(() => {
    if (!inst) {
      return;
    }
    const cy = inst.cy;
    const highlight = (t: HighlightTarget | undefined) => applyHighlight(cy, indexRef.current, t);
    const onOver = (evt: cytoscape.EventObject) => {
      const t = evt.target;
      if (latest.current.layout.large) {
        // No graph-wide highlight here (it draws the whole graph again); the element's label instead, as text.
        const text = String((t.isNode() ? t.data('label') : t.data('labelVerbose') || t.data('label')) ?? '');
        const at = evt.renderedPosition ?? renderedCentre(t);
        setHoverLabel(text ? { text, x: at.x, y: at.y } : undefined);
        return;
      }
      if (t.isEdge()) {
        // Kiali shows an edge's label while the pointer is on it.
        t.addClass(CLASS.hover);
      }
      if (!latest.current.selected) {
        highlight({ kind: t.isNode() ? 'node' : 'edge', id: t.id() });
      }
    };
    const onOut = (evt: cytoscape.EventObject) => {
      if (latest.current.layout.large) {
        setHoverLabel(undefined);
        return;
      }
      if (evt.target.isEdge() && evt.target.hasClass(CLASS.hover)) {
        evt.target.removeClass(CLASS.hover);
      }
      if (!latest.current.selected) {
        highlight(undefined);
      }
    };
    const onTap = (evt: cytoscape.EventObject) => {
      if (evt.target === cy) {
        latest.current.onSelect(undefined);
        return;
      }
      latest.current.onSelect({ kind: evt.target.isNode() ? 'node' : 'edge', id: evt.target.id() });
    };
    const onDblTap = (evt: cytoscape.EventObject) => latest.current.onNodeActivate?.(evt.target.id());
    // The hover label belongs to a place on screen: gone when the view moves.
    const onViewport = () => setHoverLabel(undefined);
    cy.on('mouseover', 'node,edge', onOver);
    cy.on('mouseout', 'node,edge', onOut);
    cy.on('tap', onTap);
    cy.on('dbltap', 'node', onDblTap);
    cy.on('viewport', onViewport);
    return () => {
      cy.off('mouseover', 'node,edge', onOver);
      cy.off('mouseout', 'node,edge', onOut);
      cy.off('tap', onTap);
      cy.off('dbltap', 'node', onDblTap);
      cy.off('viewport', onViewport);
      setHoverLabel(undefined);
    };
  }, [inst, latest]);

  // The selection and its highlight (the hover highlight is the listeners').
  const { selected } = p;
  useEffect(() => {
    const cy = inst?.cy;
    if (!cy) {
      return;
    }
    const unselected = cy.elements(':selected');
    const chosen = selected ? cy.getElementById(selected.id) : cy.collection();
    cy.batch(() => {
      unselected.unselect();
      chosen.select();
    });
    const restyled = applyHighlight(cy, index, selected);
    const reselected = unselected.union(chosen).filter((e) => !e.removed());
    // During a refresh's write, which keeps a batch open, its next task computes what changed (and the selected
    // element is the one it was, or one the refresh adds and measures itself).
    if (batching(cy) || (restyled.empty() && reselected.empty())) {
      return;
    }
    // Styles and drawing order now, so the next frame only draws. The marks change only opacity; the selection's
    // own style can change an element's bounds, which Cytoscape would otherwise measure at its first draw, marking
    // the element changed once more.
    prepareDrawing(cy);
    if (reselected.nonempty()) {
      cy.batch(() => measureBounds(cy, reselected));
      prepareDrawing(cy);
    }
  }, [inst, selected, index]);

  return hoverLabel;
}
