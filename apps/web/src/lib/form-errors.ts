import type { FormInstance } from 'antd';
import type { FieldError } from '@zj/shared';
import { ApiError } from './api-client';
import { errorMessage, notifyError } from './errors';

type NamePath = (string | number)[];

/**
 * The server's field path as an antd name path: `targets[0].value` (and `categoryRules.1`) →
 * `['targets', 0, 'value']`, the name a `Form.List` item's field has (`name={[field.name, 'value']}`).
 */
export function fieldNamePath(field: string): NamePath {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((s): s is string => s !== undefined && s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A field error as text a person reads: its messages (they name the field), an item of a list by its position — never the raw path. */
export function fieldErrorText(fe: FieldError): string {
  const index = /\[(\d+)\][^[]*$|\.(\d+)(?:\.[^.]*)?$/.exec(fe.field);
  const position = index ? `（第${Number(index[1] ?? index[2]) + 1}项）` : '';
  return `${fe.messages.join('；')}${position}`;
}

const key = (name: NamePath) => JSON.stringify(name);
const isPrefix = (prefix: NamePath, path: NamePath) => prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
/** A `Form.List`'s value: items that are objects (a multiple select holds strings). */
const isListOfObjects = (v: unknown) => Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object' && !('$d' in (x as object)));

export interface FieldErrorOptions {
  /** Server field → form field, where the form names a field otherwise (`{ categoryRules: 'categoryPrefixes' }`). */
  aliases?: Record<string, string | NamePath>;
}

/**
 * Where each server error goes: the form field of the same name path (a `Form.List` item's field
 * too); else the nearest enclosing field that is not a list of items (a multiple select holding
 * `categories[1].code`), with the item's position; else nowhere (returned, to be shown above the
 * form) — so is an error of a whole list of items (`targets`: '目标最多20项').
 */
export function placeFieldErrors(fieldErrors: FieldError[], registered: NamePath[], valueOf: (name: NamePath) => unknown, options: FieldErrorOptions = {}) {
  const known = new Map(registered.map((n) => [key(n), n]));
  const placed = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: FieldError[] = [];
  for (const fe of fieldErrors) {
    let path = fieldNamePath(fe.field);
    const alias = options.aliases?.[String(path[0])];
    if (alias !== undefined) path = [...(typeof alias === 'string' ? fieldNamePath(alias) : alias), ...path.slice(1)];
    // A list of items (Form.List) shows its own errors only where the form renders them: above the form instead.
    let target = isListOfObjects(valueOf(path)) ? undefined : known.get(key(path));
    let errors = fe.messages;
    if (!target) {
      const enclosing = registered.filter((n) => n.length < path.length && isPrefix(n, path) && !isListOfObjects(valueOf(n))).sort((a, b) => b.length - a.length)[0];
      if (enclosing) {
        target = enclosing;
        errors = [fieldErrorText(fe)];
      }
    }
    if (!target) {
      unmatched.push(fe);
      continue;
    }
    const entry = placed.get(key(target)) ?? { name: target, errors: [] };
    entry.errors.push(...errors.filter((m) => !entry.errors.includes(m)));
    placed.set(key(target), entry);
  }
  return { placed: [...placed.values()], unmatched };
}

// A server error stays under its field until the field changes. antd re-validates a field on
// change only when it has rules of its own, so a field without rules (or whose rules pass) kept the
// server's message after it was corrected: the form's store is watched for that.
interface Watched {
  fields: Map<string, { name: NamePath; value: string; errors: string[] }>;
  stop: () => void;
}
const watched = new WeakMap<FormInstance, Watched>();
const snapshot = (v: unknown) => JSON.stringify(v ?? null);

function clearOnChange(form: FormInstance, placed: { name: NamePath; errors: string[] }[]) {
  let w = watched.get(form);
  if (!w) {
    // The form store's own watch list (what Form.useWatch uses); absent, errors stay until the next submit.
    const hooks = (form as unknown as { getInternalHooks?: (mark: string) => { registerWatch?: (cb: () => void) => () => void } | null }).getInternalHooks?.('RC_FORM_INTERNAL_HOOKS');
    if (!hooks?.registerWatch) return;
    const fields = new Map<string, { name: NamePath; value: string; errors: string[] }>();
    const state: Watched = { fields, stop: () => undefined };
    state.stop = hooks.registerWatch(() => {
      const changed = [...fields.values()].filter((f) => snapshot(form.getFieldValue(f.name)) !== f.value);
      if (!changed.length) return;
      for (const f of changed) fields.delete(key(f.name));
      // Only the server's messages go: the field's own rules may have just said something about the new value.
      const cleared = changed.map((f) => ({ name: f.name, before: form.getFieldError(f.name), server: f.errors }));
      form.setFields(cleared.filter((c) => c.before.some((m) => c.server.includes(m))).map((c) => ({ name: c.name, errors: c.before.filter((m) => !c.server.includes(m)) })));
      if (!fields.size) {
        state.stop();
        watched.delete(form);
      }
    });
    w = state;
    watched.set(form, w);
  }
  for (const { name, errors } of placed) w.fields.set(key(name), { name, errors, value: snapshot(form.getFieldValue(name)) });
}

/**
 * Puts the server's messages (`details: [{ field, messages }]`) under the form's fields, nested ones
 * (`targets[0].value`) under the list item's field; each clears when its field changes. Returns the
 * field errors that match no field of the form (to be shown above it, see `fieldErrorText`).
 */
export function applyFieldErrors(form: FormInstance, error: unknown, options: FieldErrorOptions = {}): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  const registered = form.getFieldsError().map((f) => f.name as NamePath);
  const { placed, unmatched } = placeFieldErrors(error.fieldErrors, registered, (n) => form.getFieldValue(n), options);
  if (placed.length) {
    form.setFields(placed);
    clearOnChange(form, placed);
  }
  return unmatched;
}

/**
 * The usual handling of a failed form submit: field messages go under the fields; anything else
 * is returned as text for an <Alert> above the form (or shown as a message when `toast` is set).
 * The text names fields as the messages do, never by the server's field path.
 */
export function handleFormError(form: FormInstance, error: unknown, toastOrOptions: boolean | (FieldErrorOptions & { toast?: boolean }) = false): string | null {
  const options = typeof toastOrOptions === 'boolean' ? { toast: toastOrOptions } : toastOrOptions;
  const unmatched = applyFieldErrors(form, error, options);
  if (error instanceof ApiError && error.fieldErrors.length > 0 && unmatched.length === 0) return null;
  const text = unmatched.length ? unmatched.map(fieldErrorText).join('\n') : errorMessage(error);
  if (options.toast) {
    notifyError(unmatched.length ? new ApiError((error as ApiError).status, { code: (error as ApiError).code, message: text, requestId: (error as ApiError).requestId }) : error);
    return null;
  }
  return text;
}

/** antd's `validateFields()` failure: each field already shows its own message. */
export function isValidationFailure(e: unknown): e is { errorFields: { name: NamePath; errors: string[] }[] } {
  return typeof e === 'object' && e !== null && Array.isArray((e as { errorFields?: unknown }).errorFields) && 'values' in e;
}

/**
 * The form's values once they pass its rules, or `null` when they do not — the messages are then
 * under the fields, and the first field in error is scrolled to and focused. Every submit that is not
 * the form's own (a Modal's 确定, a step of a confirmation) goes through here: `await
 * form.validateFields()` rejects on invalid input, and in an `onOk` handler nobody catches that
 * (one unhandled rejection per failed submit). The lint forbids calling `validateFields` elsewhere.
 *
 *   const v = await validated(form);
 *   if (!v) return;
 */
export async function validated<V>(form: FormInstance<V>, fields?: NamePath[]): Promise<V | null> {
  try {
    // eslint-disable-next-line no-restricted-syntax -- the one place that calls it
    return await (fields ? form.validateFields(fields) : form.validateFields());
  } catch (e) {
    if (!isValidationFailure(e)) throw e;
    const first = e.errorFields[0]?.name;
    if (first) form.scrollToField(first, { block: 'center', focus: true });
    return null;
  }
}
