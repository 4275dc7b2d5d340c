import { AUDIT_ACTION_SENTENCES, AUDIT_ENTITY_LABELS as SHARED_ENTITY_LABELS } from '@zj/shared';

/**
 * Chinese names of the audit actions and entity types, for the filters. The sentences themselves
 * (who did what to which record) are built by `auditSentence` of @zj/shared.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(AUDIT_ACTION_SENTENCES).map(([action, sentence]) => [action, sentence.replace(/^的/, '').replace('{record}', '…')]),
);

export const AUDIT_ENTITY_LABELS: Record<string, string> = SHARED_ENTITY_LABELS;

export function auditLabel(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}

/** Options for a filter: the Chinese name, searchable by it and by the code. */
export function auditOptions(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
}
