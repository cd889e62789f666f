import { Link } from 'react-router';
import { LedgerStatus } from './LedgerStatus';
import { StreamIndicator } from './StreamIndicator';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';
import { WorkspaceLabel } from './WorkspaceLabel';

export function TopBar() {
  return (
    <header className="top-bar">
      <Link to="/playground" className="brand" aria-label="Triad home">
        <span className="brand-mark" aria-hidden="true">
          ▲
        </span>
        <span className="brand-name">Triad</span>
      </Link>
      <WorkspaceLabel />
      <div className="top-bar-spacer" />
      <StreamIndicator />
      <LedgerStatus />
      <ThemeToggle />
      <UserMenu />
    </header>
  );
}
