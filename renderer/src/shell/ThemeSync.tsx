import { useEffect } from 'react';
import { applyTheme, useThemeStore } from '../stores/themeStore';

/** Mirrors the chosen theme onto <html>; main.tsx applies it once before the first paint. */
export function ThemeSync() {
  const theme = useThemeStore((s) => s.theme);
  useEffect(() => applyTheme(theme), [theme]);
  return null;
}
