import { PageHeader } from '../components/PageHeader';
import { NOT_BUILT } from './notBuiltAreas';

/** An honest placeholder: the area exists in the navigation but has no content yet. */
export function NotBuiltPage({ area }: { area: keyof typeof NOT_BUILT }) {
  const info = NOT_BUILT[area];
  if (info === undefined) return null;
  return (
    <div className="page">
      <PageHeader title={info.title} />
      <div className="not-built">
        <p>
          <strong>This page is not built yet.</strong>
        </p>
        <p className="muted">{info.purpose}</p>
      </div>
    </div>
  );
}
