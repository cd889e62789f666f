import { useState } from 'react';
import { RISK_TIERS, type ModelDetail, type ModelVersionDetail } from '../../../shared/methods/models';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { formatDateTime } from '../format/format';
import { useAction } from './useAction';

type RiskTier = (typeof RISK_TIERS)[number];

function CardForm({ version, mayWrite, onChanged }: { version: ModelVersionDetail; mayWrite: boolean; onChanged: () => void }) {
  const api = useApi();
  const card = version.card;
  const [intendedUse, setIntendedUse] = useState(card.intendedUse);
  const [limitations, setLimitations] = useState(card.limitations);
  const [owner, setOwner] = useState(card.owner);
  const [riskTier, setRiskTier] = useState<RiskTier>(card.riskTier);
  const [evidence, setEvidence] = useState(card.evaluationEvidence.join('\n'));
  const action = useAction(onChanged);
  const save = () =>
    action.run(() =>
      api.call('models.setCard', {
        ref: `${version.name}@${version.version}`,
        card: {
          intendedUse,
          limitations,
          owner,
          riskTier,
          evaluationEvidence: evidence
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        },
      }),
    );
  return (
    <div className="stack">
      <div className="row">
        <TextField label="Owner" value={owner} onChange={setOwner} disabled={!mayWrite} placeholder="accountable person or team" />
        <div className="field">
          <label className="field-label" htmlFor="risk-tier">
            Risk tier
          </label>
          <select id="risk-tier" className="input" value={riskTier} onChange={(e) => setRiskTier(e.target.value as RiskTier)} disabled={!mayWrite}>
            {RISK_TIERS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
      </div>
      <label className="field-label" htmlFor="intended-use">
        Intended use
      </label>
      <textarea id="intended-use" className="textarea" rows={2} value={intendedUse} onChange={(e) => setIntendedUse(e.target.value)} disabled={!mayWrite} />
      <label className="field-label" htmlFor="limitations">
        Limitations
      </label>
      <textarea id="limitations" className="textarea" rows={2} value={limitations} onChange={(e) => setLimitations(e.target.value)} disabled={!mayWrite} />
      <label className="field-label" htmlFor="evidence">
        Evaluation evidence (one per line: eval run ids, report paths)
      </label>
      <textarea id="evidence" className="textarea mono" rows={2} value={evidence} onChange={(e) => setEvidence(e.target.value)} disabled={!mayWrite} />
      <div className="row">
        {mayWrite && (
          <button type="button" className="btn btn-small btn-primary" disabled={action.busy} onClick={() => void save()}>
            Save card
          </button>
        )}
        <span className="muted small">{card.updatedAt === null ? 'Not written yet.' : `Last saved ${formatDateTime(card.updatedAt)} by ${card.updatedBy}.`}</span>
      </div>
      {action.error !== null && <ErrorNotice error={action.error} title="The card was not saved" />}
    </div>
  );
}

/** The model card of one version: what it is for, its limits, its owner, risk tier and evidence. */
export function ModelCardEditor({ detail, mayWrite, onChanged }: { detail: ModelDetail; mayWrite: boolean; onChanged: () => void }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const version = detail.versions.find((v) => v.version === chosen) ?? detail.versions.at(-1);
  if (!version) return null;
  return (
    <section className="panel" aria-label="Model card">
      <div className="row">
        <h2 className="section-title">Model card</h2>
        <select className="input input-small" aria-label="Card version" value={version.version} onChange={(e) => setChosen(Number(e.target.value))}>
          {detail.versions.map((v) => (
            <option key={v.version} value={v.version}>
              @{v.version}
            </option>
          ))}
        </select>
      </div>
      {/* Keyed by version and save time: switching versions or saving starts from the stored card. */}
      <CardForm key={`${version.id}:${version.card.updatedAt ?? ''}`} version={version} mayWrite={mayWrite} onChanged={onChanged} />
    </section>
  );
}
