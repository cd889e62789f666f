const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/** The run shortcut as this platform writes it. */
export const RUN_SHORTCUT = isMac ? '⌘ Enter' : 'Ctrl Enter';

export function isRunShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}
