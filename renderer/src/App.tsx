import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { ServicesProvider } from './api/ApiContext';
import { AuditPage } from './pages/AuditPage';
import type { Services } from './api/ApiContext';
import { GovernancePage } from './pages/GovernancePage';
import { ModelsPage } from './pages/ModelsPage';
import { NotBuiltPage } from './pages/NotBuiltPage';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { PromptsPage } from './pages/PromptsPage';
import { TraceDetailPage } from './pages/TraceDetailPage';
import { TracesPage } from './pages/TracesPage';
import { AppShell } from './shell/AppShell';
import { StartupGate } from './startup/StartupGate';
import { ThemeSync } from './shell/ThemeSync';

export function App({ services }: { services: Services }) {
  return (
    <ServicesProvider services={services}>
      <ThemeSync />
      <HashRouter>
        <StartupGate>
          <Routes>
            <Route element={<AppShell />}>
              <Route index element={<Navigate to="/playground" replace />} />
              <Route path="playground" element={<PlaygroundPage />} />
              <Route path="compare" element={<NotBuiltPage area="compare" />} />
              <Route path="models" element={<ModelsPage />} />
              <Route path="prompts" element={<PromptsPage />} />
              <Route path="evals" element={<NotBuiltPage area="evals" />} />
              <Route path="traces" element={<TracesPage />} />
              <Route path="traces/:id" element={<TraceDetailPage />} />
              <Route path="dashboard" element={<NotBuiltPage area="dashboard" />} />
              <Route path="governance" element={<GovernancePage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="*" element={<Navigate to="/playground" replace />} />
            </Route>
          </Routes>
        </StartupGate>
      </HashRouter>
    </ServicesProvider>
  );
}
