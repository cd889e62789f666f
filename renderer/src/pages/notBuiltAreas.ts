/** What each unbuilt area will hold, in one sentence, so the page can say so plainly. */
export const NOT_BUILT: Record<string, { title: string; purpose: string }> = {
  compare: {
    title: 'Compare',
    purpose: 'Run one prompt on two model or prompt versions side by side and compare their outputs, tokens and latency.',
  },
  evals: {
    title: 'Evals',
    purpose: 'Datasets with assertions, run against a model version, with pass rates you can compare across versions.',
  },
  dashboard: {
    title: 'Dashboard',
    purpose: 'Charts of runs, latency, throughput and errors over time, with drift and anomaly alerts.',
  },
  audit: {
    title: 'Audit',
    purpose: 'The tamper-evident ledger of every change, and signed audit bundles a reviewer verifies offline.',
  },
};
