import { useEffect, useRef, useState } from 'react';

/**
 * A toolbar button's drop-down: focuses its first control when it opens and closes on a press outside it (and,
 * when asked, on Escape anywhere, e.g. from inside a select's own menu).
 */
export function useToolbarMenu(focusSelector: string, options: { closeOnEscape?: boolean } = {}) {
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const closeOnEscape = options.closeOnEscape === true;

  useEffect(() => {
    if (!open) {
      return;
    }
    menuRef.current?.querySelector<HTMLElement>(focusSelector)?.focus();
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) {
        setOpen(false);
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    if (closeOnEscape) {
      document.addEventListener('keydown', onKey);
    }
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, focusSelector, closeOnEscape]);

  return { open, setOpen, menuRef, buttonRef };
}
