import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Answers the current names of records of one type, by id (ids not found are left out). */
export type AuditNameResolver = (ids: string[]) => Promise<Map<string, string>>;

/**
 * Names for the audit log's sentences (issue 15): each module registers how the records it owns are
 * named (projects by name, users by display name…), so the audit log names "which record" without
 * reading other modules' tables. Types without a resolver are named from their snapshots, or by id.
 */
@Injectable()
export class AuditNames {
  private readonly resolvers = new Map<string, AuditNameResolver>();

  register(entityType: string, resolver: AuditNameResolver) {
    this.resolvers.set(entityType, resolver);
  }

  /** The names of records of several types at once: entityType → id → name. */
  async resolve(wanted: Map<string, Set<string>>): Promise<Map<string, Map<string, string>>> {
    const out = new Map<string, Map<string, string>>();
    await Promise.all(
      [...wanted].map(async ([type, ids]) => {
        const resolver = this.resolvers.get(type);
        if (!resolver || !ids.size) return;
        out.set(type, await resolver([...ids]));
      }),
    );
    return out;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A resolver from a query answering rows (id, name) for `$1` = the ids: uuid[] (ids that are not
 * uuids are not asked for), or text[] with `{ uuid: false }`.
 */
export function namesByQuery(dataSource: DataSource, sql: string, opts: { uuid?: boolean } = {}): AuditNameResolver {
  return async (ids) => {
    const asked = opts.uuid === false ? ids : ids.filter((id) => UUID.test(id));
    if (!asked.length) return new Map();
    const rows: { id: string; name: string | null }[] = await dataSource.query(sql, [asked]);
    return new Map(rows.filter((r) => r.name).map((r) => [String(r.id), r.name!]));
  };
}
