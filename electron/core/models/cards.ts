import { z } from 'zod';
import { ModelCardFieldsSchema, type ModelCard } from '../../../shared/methods/models';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { AuditLog } from '../governance/audit';
import type { Witness } from './integrity';
import { versionRef, type StoredModelVersion } from './versionRows';

type CardFields = z.infer<typeof ModelCardFieldsSchema>;

interface CardRow {
  intended_use: string;
  limitations: string;
  owner: string;
  risk_tier: CardFields['riskTier'];
  evaluation_evidence: string;
  updated_at: number;
  updated_by_name: string | null;
}

const EMPTY_CARD: ModelCard = {
  intendedUse: '',
  limitations: '',
  owner: '',
  riskTier: 'unassessed',
  evaluationEvidence: [],
  updatedAt: null,
  updatedBy: null,
};

/** One model card per version: what it is for, what it is not for, who owns it, how risky, what evidence. */
export class ModelCards {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  get(versionId: string): ModelCard {
    const row = this.db
      .prepare(
        `SELECT c.intended_use, c.limitations, c.owner, c.risk_tier, c.evaluation_evidence, c.updated_at, u.username AS updated_by_name
         FROM model_cards c LEFT JOIN users u ON u.id = c.updated_by WHERE c.version_id = ?`,
      )
      .get(versionId) as CardRow | undefined;
    if (!row) return EMPTY_CARD;
    return {
      intendedUse: row.intended_use,
      limitations: row.limitations,
      owner: row.owner,
      riskTier: row.risk_tier,
      evaluationEvidence: z.array(z.string()).catch([]).parse(JSON.parse(row.evaluation_evidence)),
      updatedAt: iso(row.updated_at),
      updatedBy: row.updated_by_name ?? 'system',
    };
  }

  set(v: StoredModelVersion, fields: CardFields, who: Witness): ModelCard {
    const card = ModelCardFieldsSchema.parse(fields);
    const tx = this.db.transaction(() => {
      const before = this.get(v.id);
      this.db
        .prepare(
          `INSERT INTO model_cards (version_id, intended_use, limitations, owner, risk_tier, evaluation_evidence, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (version_id) DO UPDATE SET intended_use = excluded.intended_use, limitations = excluded.limitations,
             owner = excluded.owner, risk_tier = excluded.risk_tier, evaluation_evidence = excluded.evaluation_evidence,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(v.id, card.intendedUse, card.limitations, card.owner, card.riskTier, JSON.stringify(card.evaluationEvidence), this.clock.now(), who.actor.id);
      const { updatedAt: _a, updatedBy: _b, ...beforeFields } = before;
      this.audit.record({ actor: who.actor, source: who.source, action: 'model.card', target: `model:${versionRef(v)}`, before: beforeFields, after: card });
    });
    tx.immediate();
    return this.get(v.id);
  }
}
