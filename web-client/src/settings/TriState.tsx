export type Tri = 'allow' | 'neutral' | 'deny';

/** Allow / Neutral / Deny for one permission bit of an overwrite. */
export function TriState({ label, value, onChange }: { label: string; value: Tri; onChange: (v: Tri) => void }) {
  const opt = (v: Tri, text: string, sym: string) => (
    <button type="button" className={v} aria-label={text} title={text} aria-pressed={value === v} onClick={() => onChange(v)}>
      {sym}
    </button>
  );
  return (
    <span className="tri" role="group" aria-label={label}>
      {opt('deny', 'Deny', '✕')}
      {opt('neutral', 'Neutral', '/')}
      {opt('allow', 'Allow', '✓')}
    </span>
  );
}

export function triOf(allow: bigint, deny: bigint, bit: bigint): Tri {
  if ((allow & bit) === bit) return 'allow';
  if ((deny & bit) === bit) return 'deny';
  return 'neutral';
}

export function applyTri(allow: bigint, deny: bigint, bit: bigint, v: Tri): [bigint, bigint] {
  allow &= ~bit;
  deny &= ~bit;
  if (v === 'allow') allow |= bit;
  if (v === 'deny') deny |= bit;
  return [allow, deny];
}
