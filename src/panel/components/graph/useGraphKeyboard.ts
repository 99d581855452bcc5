/**
 * Keyboard navigation: arrow keys move between nodes, E along the edges of the focused node (Shift+E back),
 * Enter or Space opens the details, X activates a node (expands or collapses a rolled-up namespace). The focused
 * element carries a focus ring (a class) and each move is announced in words.
 */
import React, { MutableRefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { ElementDefs } from '../../graph/elements';
import { describeElement, nextByArrow } from '../../graph/keyboard';
import { CLASS } from '../../graph/style';
import type { SelectedElement } from './useHighlight';
import type { CyInstance } from './shared';

export interface KeyboardInputs {
  elements: ElementDefs;
  width: number;
  height: number;
  onSelect: (sel: SelectedElement | undefined) => void;
  onNodeActivate?: (id: string) => void;
}

export interface GraphKeyboard {
  focusedId: string | undefined;
  announcement: string;
  onKeyDown(e: React.KeyboardEvent<HTMLDivElement>): void;
  onBlur(e: React.FocusEvent<HTMLDivElement>): void;
}

export function useGraphKeyboard(
  inst: CyInstance | undefined,
  latest: MutableRefObject<KeyboardInputs>,
  topology: string
): GraphKeyboard {
  const [focusedId, setFocusedId] = useState<string | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');

  // The focus ring (a class on the element the keys moved to), put again on the element of that id after a change of
  // topology. Only this effect sets the class: the element it set it on is the one to clear, without a search of
  // every element at each refresh.
  const ringed = useRef<string | undefined>(undefined);
  useEffect(() => {
    const cy = inst?.cy;
    const before = ringed.current;
    if (!cy || (before === undefined && focusedId === undefined)) {
      return;
    }
    cy.batch(() => {
      if (before !== undefined) {
        cy.getElementById(before).removeClass(CLASS.focus);
      }
      if (focusedId) {
        cy.getElementById(focusedId).addClass(CLASS.focus);
      }
    });
    ringed.current = focusedId;
  }, [inst, focusedId, topology]);

  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLDivElement>) => {
      e.currentTarget.removeAttribute('data-pointer-focus');
      const cy = inst?.cy;
      if (!cy || e.altKey || e.ctrlKey || e.metaKey) {
        return;
      }
      const p = latest.current;
      const current = focusedId ? cy.getElementById(focusedId) : undefined;
      const alive = current && current.nonempty() && current.visible() ? current : undefined;
      const move = (id: string | undefined) => {
        if (!id) {
          return;
        }
        setFocusedId(id);
        const ele = cy.getElementById(id);
        setAnnouncement(describeElement(ele, p.elements));
        // Keep it in view.
        const bb = ele.renderedBoundingBox({ includeLabels: false });
        if (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > p.width || bb.y2 > p.height) {
          cy.center(ele);
        }
      };
      if (e.key.startsWith('Arrow')) {
        e.preventDefault();
        move(nextByArrow(cy, alive, e.key as 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight'));
      } else if (e.key === 'e' || e.key === 'E') {
        e.preventDefault();
        const node = alive?.isEdge() ? alive.source() : alive;
        const edges = node ? node.connectedEdges().filter((x) => x.visible()) : cy.collection();
        if (edges.nonempty()) {
          const ids = edges.map((x) => x.id()).sort();
          const at = alive?.isEdge() ? ids.indexOf(alive.id()) : -1;
          move(ids[(at + (e.shiftKey ? ids.length - 1 : 1)) % ids.length]);
        }
      } else if ((e.key === 'x' || e.key === 'X') && alive?.isNode() && p.onNodeActivate) {
        e.preventDefault();
        p.onNodeActivate(alive.id());
      } else if ((e.key === 'Enter' || e.key === ' ') && alive) {
        e.preventDefault();
        p.onSelect({ kind: alive.isNode() ? 'node' : 'edge', id: alive.id() });
      }
    },
    [inst, focusedId, latest]
  );

  const onBlur = useCallback((e: React.FocusEvent<HTMLDivElement>) => {
    setAnnouncement('');
    e.currentTarget.removeAttribute('data-pointer-focus');
  }, []);

  return { focusedId, announcement, onKeyDown, onBlur };
}
