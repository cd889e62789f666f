export interface NavArea {
  path: string;
  label: string;
  /** False while the page only says that it is not built yet. */
  built: boolean;
}

export interface NavGroup {
  title: string;
  areas: NavArea[];
}

export const NAV_GROUPS: NavGroup[] = [
  {
    title: 'Build',
    areas: [
      { path: '/playground', label: 'Playground', built: true },
      { path: '/compare', label: 'Compare', built: false },
      { path: '/models', label: 'Models', built: true },
      { path: '/prompts', label: 'Prompts', built: true },
      { path: '/evals', label: 'Evals', built: false },
    ],
  },
  {
    title: 'Observe',
    areas: [
      { path: '/traces', label: 'Traces', built: true },
      { path: '/dashboard', label: 'Dashboard', built: false },
    ],
  },
  {
    title: 'Govern',
    areas: [
      { path: '/governance', label: 'Governance', built: true },
      { path: '/audit', label: 'Audit', built: true },
    ],
  },
];
