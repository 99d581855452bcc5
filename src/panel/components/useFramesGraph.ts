import { useEffect, useState } from 'react';
import { fromFrames, FrameLike } from '../graph/fromFrames';
import type { PanelGraph } from '../graph/types';
import { postTask } from './graph/shared';

interface Read {
  series: readonly FrameLike[] | undefined;
  graph: PanelGraph;
}

/**
 * The graph of the panel's frames. The first answer is read while the panel first renders. A later one (a
 * refresh, an expansion) is read in a task of its own, posted after the render that brought it, and drawn by the
 * render that follows; until then the panel keeps the graph it has. At 1,000 nodes reading the frames takes about
 * 20 ms and building what Cytoscape draws about as long again: two tasks instead of one of 40–55 ms that input
 * would wait behind. A newer answer arriving first replaces the one waiting.
 */
export function useFramesGraph(series: readonly FrameLike[] | undefined): PanelGraph {
  const [read, setRead] = useState<Read>(() => ({ series, graph: fromFrames(series) }));
  const pending = read.series !== series;
  useEffect(() => {
    if (!pending) {
      return;
    }
    return postTask(() => setRead({ series, graph: fromFrames(series) }));
  }, [series, pending]);
  return read.graph;
}
