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
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}
