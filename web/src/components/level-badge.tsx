import { useI18n } from '../i18n/i18n';

// A data level (GB/T 43697 一般1–4 / 重要 / 核心, with the provincial L1–L4 beside it) as a coloured badge:
// green, blue, orange and red for 一般1–4, dark red for 重要, purple for 核心. Colour is never the only
// signal: the badge always carries the level's name.

export function LevelBadge({ level, provincial }: { level: string; provincial?: string | null }) {
  const { label } = useI18n();
  return (
    <span
      className={`badge level-badge level-${level}`}
      data-level={level}
      data-testid="level-badge"
      title={provincial ? `${label('catalogue.level.', level)} / ${provincial}` : undefined}
    >
      {label('catalogue.level.', level)}
      {provincial && <span className="level-provincial">{provincial}</span>}
    </span>
  );
}

/** A provincial level alone (L1–L4), coloured like the national level it sits beside. */
export function ProvincialBadge({ level }: { level: string }) {
  return (
    <span className={`badge level-badge level-${level}`} data-level={level}>
      {level}
    </span>
  );
}
