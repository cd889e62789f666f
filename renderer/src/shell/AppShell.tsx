import { Outlet } from 'react-router';
import { EventConnector } from './EventConnector';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';

export function AppShell() {
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
