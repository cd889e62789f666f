import { useEffect } from 'react';
import { applyTheme, followSystemTheme, useThemeStore } from '../stores/themeStore';

/** Mirrors the chosen theme onto <html>; main.tsx applies it once before the first paint. */
export function ThemeSync() {
  const theme = useThemeStore((s) => s.theme);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => followSystemTheme(() => useThemeStore.getState().theme), []);
  return null;
}
