import { useQuery } from '../hooks/useQuery';

/** The workspace's home folder, which is what tells two workspaces apart. */
export function WorkspaceLabel() {
  const { data, error } = useQuery('workspace.info', {});
  if (error !== undefined && data === undefined) {
    return (
      <span className="workspace-label muted" title={error.message}>
        Workspace unavailable
      </span>
    );
  }
  return (
    <span className="workspace-label" title={data?.home}>
      <span className="muted">Workspace</span>{' '}
      <code className="mono workspace-home">{data?.home ?? '…'}</code>
      {data !== undefined && <span className="muted small">v{data.appVersion}</span>}
    </span>
  );
}
