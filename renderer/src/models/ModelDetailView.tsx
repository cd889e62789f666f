import { ErrorNotice } from '../components/ErrorNotice';
import { AdapterPanel } from './AdapterPanel';
import { useQuery } from '../hooks/useQuery';
import { LabelPanel } from './LabelPanel';
import type { ModelAccess } from './modelAccess';
import { MetadataDiff } from './MetadataDiff';
import { ModelCardEditor } from './ModelCardEditor';
import { VersionTimeline } from './VersionTimeline';

/** Everything about one model: versions, labels, a metadata diff and the model card. */
export function ModelDetailView({ name, access, reloadList }: { name: string; access: ModelAccess; reloadList: () => void }) {
  const { data, error, reload } = useQuery('models.show', { name });
  const changed = () => {
    reload();
    reloadList();
  };
  if (error !== undefined) return <ErrorNotice error={error} title={`Could not load ${name}`} onRetry={reload} />;
  if (data === undefined) return <p className="muted">Loading {name}…</p>;
  return (
    <div className="model-detail">
      <LabelPanel detail={data} access={access} onChanged={changed} />
      <VersionTimeline detail={data} access={access} onChanged={changed} />
      <AdapterPanel detail={data} access={access} onChanged={changed} />
      <MetadataDiff detail={data} />
      <ModelCardEditor detail={data} mayWrite={access.write} onChanged={changed} />
    </div>
  );
}
