import { useQuery } from '../hooks/useQuery';
import { usePlaygroundStore } from '../stores/playgroundStore';

/** LoRA adapters bound to the chosen model version: tick to apply, with a scale. */
export function AdapterPicker({ model, disabled }: { model: string; disabled: boolean }) {
  const { data } = useQuery('adapters.list', model === '' ? {} : { model });
  const picked = usePlaygroundStore((s) => s.adapters);
  const setAdapters = usePlaygroundStore((s) => s.setAdapters);
  if (model === '' || data === undefined || data.length === 0) return null;
  const mine = picked.filter((p) => p.model === model);
  const find = (ref: string) => mine.find((p) => p.ref === ref);
  const toggle = (ref: string, on: boolean) =>
    setAdapters(on ? [...picked, { model, ref, scale: 1 }] : picked.filter((p) => !(p.model === model && p.ref === ref)));
  const setScale = (ref: string, scale: number) => setAdapters(picked.map((p) => (p.model === model && p.ref === ref ? { ...p, scale } : p)));

  return (
    <fieldset className="params" disabled={disabled} aria-label="LoRA adapters">
      <legend className="section-title">LoRA adapters</legend>
      {data.map((a) => {
        const ref = `${a.name}@${a.version}`;
        const chosen = find(ref);
        return (
          <div key={a.id} className="param-row param-row-adapter" title={`sha256 ${a.sha256} · rank ${a.rank} · ${a.targets.join(', ')}`}>
            <label className="param-label">
              <input type="checkbox" checked={chosen !== undefined} onChange={(e) => toggle(ref, e.target.checked)} />
              <span className="mono">{ref}</span>
            </label>
            <input
              className="input input-num"
              type="number"
              aria-label={`Scale of ${ref}`}
              min={-4}
              max={4}
              step={0.1}
              disabled={chosen === undefined}
              value={chosen?.scale ?? 1}
              onChange={(e) => setScale(ref, Number(e.target.value))}
            />
          </div>
        );
      })}
    </fieldset>
  );
}
