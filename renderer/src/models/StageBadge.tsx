const TONES: Record<string, string> = { draft: 'neutral', candidate: 'info', approved: 'ok', retired: 'warn' };

/** A lifecycle stage as text with a tinted dot (the colour never carries the meaning alone). */
export function StageBadge({ stage }: { stage: string }) {
  return (
    <span className={`badge badge-${TONES[stage] ?? 'neutral'}`}>
      <span className="badge-dot" aria-hidden="true" />
      {stage}
    </span>
  );
}
