import { Outlet } from 'react-router';
import { useSessionUserSync } from '../governance/sessionUser';
import { EventConnector } from './EventConnector';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';

export function AppShell() {
  useSessionUserSync();
  return (
    <div className="app-shell">
      <EventConnector />
      <TopBar />
      <SideNav />
      <main className="content" id="main">
        <Outlet />
      </main>
    </div>
  );
}
