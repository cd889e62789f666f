import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/ApiClient';
import { App } from './App';
import { EventHub } from './events/EventHub';
import { refreshSessionUser } from './governance/sessionUser';
import { captureLaunchToken } from './startup/launchToken';
import { currentSessionToken, useSessionStore } from './stores/sessionStore';
import { applyTheme, useThemeStore } from './stores/themeStore';
import { chooseTransport } from './transport/chooseTransport';
import './styles/theme.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/tables.css';
import './styles/pages.css';

// Before anything renders: take the launch token out of the address bar and set
// the theme, so the first paint is already the right colour.
captureLaunchToken(window);
applyTheme(useThemeStore.getState().theme);

// The composition root of the renderer: one transport, chosen once, under everything.
const transport = chooseTransport(window);
const api = new ApiClient(transport, {
  token: currentSessionToken,
  expire: (notice) => useSessionStore.getState().signOut(notice),
  // A refusal may mean an admin changed the role: let the UI catch up with the core.
  refused: () => void refreshSessionUser(api),
});
const events = new EventHub(transport);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App services={{ api, events }} />
  </StrictMode>,
);
