import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

interface ThemeState {
  theme: Theme;
  cycle: () => void;
}

/** The colour theme: follows the system unless the user picked one. */
export const useThemeStore = create<ThemeState>()(
  persist(
    (set, get) => ({
      theme: 'system',
      cycle: () => {
        const next = THEMES[(THEMES.indexOf(get().theme) + 1) % THEMES.length] ?? 'system';
        set({ theme: next });
      },
    }),
    { name: 'triad.theme', storage: createJSONStorage(() => localStorage) },
  ),
);

/** Writes the theme onto <html>, where the CSS variables read it. */
const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

/**
 * Sets data-theme on <html> to the colours in use, resolving "system" from the
 * OS preference, so theme.css defines each palette once.
 */
export function applyTheme(theme: Theme): void {
  const resolved = theme === 'system' ? (darkQuery().matches ? 'dark' : 'light') : theme;
  document.documentElement.setAttribute('data-theme', resolved);
}

/** Re-applies "system" when the OS switches between light and dark; returns the unsubscribe. */
export function followSystemTheme(getTheme: () => Theme): () => void {
  const query = darkQuery();
  const onChange = (): void => {
    if (getTheme() === 'system') applyTheme('system');
  };
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
