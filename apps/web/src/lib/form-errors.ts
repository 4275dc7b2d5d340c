import type { FormInstance } from 'antd';
import { CommonErrorCode, type FieldError } from '@zj/shared';
import { ApiError } from './api-client';
import { errorMessage, notifyError } from './errors';

/**
 * Puts the server's VALIDATION_FAILED messages (`details: [{ field, messages }]`) under the form's
 * fields. Returns the field errors that match no field of the form (to be shown above it).
 */
export function applyFieldErrors(form: FormInstance, error: unknown): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const unmatched: FieldError[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const fe of error.fieldErrors) {
    const name = fe.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    if (known.has(String(name[0]))) fields.push({ name, errors: fe.messages });
    else unmatched.push(fe);
  }
  if (fields.length) form.setFields(fields);
  return unmatched;
}

/**
 * The usual handling of a failed form submit: field messages go under the fields; anything else
 * is returned as one line of text for an <Alert> above the form (or shown as a message when
 * `toast` is set).
 */
export function handleFormError(form: FormInstance, error: unknown, toast = false): string | null {
  const unmatched = applyFieldErrors(form, error);
  const isValidation = error instanceof ApiError && error.code === CommonErrorCode.VALIDATION_FAILED;
  if (isValidation && error.fieldErrors.length > 0 && unmatched.length === 0) return null;
  const text = unmatched.length
    ? unmatched.map((u) => `${u.field}：${u.messages.join('；')}`).join('\n')
    : errorMessage(error);
  if (toast) {
    notifyError(error);
    return null;
  }
  return text;
}
