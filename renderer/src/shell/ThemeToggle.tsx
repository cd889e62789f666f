import { useThemeStore } from '../stores/themeStore';

const LABELS = { system: 'System', light: 'Light', dark: 'Dark' } as const;

/** Cycles system → light → dark; the label says the current choice. */
export function ThemeToggle() {
  const theme = useThemeStore((s) => s.theme);
  const cycle = useThemeStore((s) => s.cycle);
  return (
    <button type="button" className="btn btn-small btn-ghost" onClick={cycle} title="Change the colour theme">
      Theme: {LABELS[theme]}
    </button>
  );
}
