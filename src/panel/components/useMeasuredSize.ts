import { useCallback, useLayoutEffect, useState } from 'react';

export interface Size {
  width: number;
  height: number;
  /** False until the element was measured once (its children can wait for the real size). */
  measured: boolean;
}

/**
 * The content size of an element, measured when it mounts and whenever it changes size (ResizeObserver runs
 * before the browser paints). Returns a callback ref, so an element that mounts later (after a loading state) is
 * measured too. The first measure happens in a layout effect, so a child drawn only once `measured` is true is
 * drawn at the real size before the first paint (one layout, no re-fit). Sizes are 0 where layout is unknown (jsdom).
 */
export function useMeasuredSize(): [(el: HTMLElement | null) => void, Size] {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0, measured: false });
  const ref = useCallback((node: HTMLElement | null) => setEl(node), []);
  useLayoutEffect(() => {
    if (!el) {
      return;
    }
    const measure = () => {
      const width = el.clientWidth;
      const height = el.clientHeight;
      setSize((s) => (s.measured && s.width === width && s.height === height ? s : { width, height, measured: true }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return [ref, size];
}
