import { narrow } from './cell-text';

/**
 * The green-industry catalogue versions an import checks category codes against (every version the
 * platform has loaded: 绿色产业指导目录（2019年版） GIC-2019, the 2025 catalogue, …), and how a
 * spreadsheet names one: by its code (GIC-2019), its name, or its year (2019年版).
 */

export interface CatalogueVersion {
  version: string;
  name: string;
  effectiveFrom: string | null;
  /** Its third-level category codes. */
  codes: ReadonlySet<string>;
  /** Its first- and second-level codes (a row naming one is told to give a third-level code). */
  upperCodes?: ReadonlySet<string>;
}

/** The catalogue of files that name none: every import before catalogue versions could be named used it. */
export const LEGACY_VERSION = 'GIC-2019';

/**
 * The current version on `today`: the latest in force (effective on or before today), a version
 * without a date only when none has one; as enterprises.service picks it.
 */
export function currentVersion(versions: readonly Pick<CatalogueVersion, 'version' | 'effectiveFrom'>[], today: string): string | null {
  const inForce = versions.filter((v) => v.effectiveFrom === null || v.effectiveFrom <= today);
  inForce.sort((a, b) => {
    if (a.effectiveFrom !== b.effectiveFrom) {
      if (a.effectiveFrom === null) return 1;
      if (b.effectiveFrom === null) return -1;
      return a.effectiveFrom < b.effectiveFrom ? 1 : -1;
    }
    return a.version < b.version ? 1 : a.version > b.version ? -1 : 0;
  });
  return inForce[0]?.version ?? null;
}

const squash = (s: string) => narrow(s).replace(/[\s\u3000]+/g, '').toUpperCase();

export class Catalogues {
  private readonly byVersion: Map<string, CatalogueVersion>;

  constructor(
    readonly versions: readonly CatalogueVersion[],
    /** The version of rows and files that name none. */
    readonly fallback: string,
  ) {
    this.byVersion = new Map(versions.map((v) => [v.version, v]));
  }

  /** Catalogues from loaded versions: files naming no version are read as GIC-2019 when it is loaded, else as the current version. */
  static of(versions: CatalogueVersion[], today: string): Catalogues {
    const fallback = versions.some((v) => v.version === LEGACY_VERSION) ? LEGACY_VERSION : (currentVersion(versions, today) ?? LEGACY_VERSION);
    return new Catalogues(versions, fallback);
  }

  get(version: string): CatalogueVersion | undefined {
    return this.byVersion.get(version);
  }

  /** 《name》（code）, as messages name a version. */
  label(version: string): string {
    const v = this.byVersion.get(version);
    return v ? `《${v.name.replace(/^《|》$/g, '')}》（${v.version}）` : version;
  }

  /** What may be written to name a version, for messages. */
  choices(): string {
    return this.versions.map((v) => `${v.version}（${v.name}）`).join('、');
  }

  /**
   * The version a text names: its code (any case, full-width too), its name, a text containing its code
   * ('分类标准：GIC-2019'), or its year ('2019年版', '2025版') when one version alone has that year.
   */
  resolve(text: string): { version: string } | { problem: string } {
    const t = squash(text);
    if (!t) return { version: this.fallback };
    const byCode = this.versions.find((v) => squash(v.version) === t) ?? this.versions.find((v) => squash(v.name) === t);
    if (byCode) return { version: byCode.version };
    const containing = this.versions.filter((v) => t.includes(squash(v.version)));
    if (containing.length === 1) return { version: containing[0].version };
    const years = [...new Set(t.match(/(?:19|20)\d{2}/g) ?? [])];
    if (years.length === 1) {
      const withYear = this.versions.filter((v) => squash(v.version).includes(years[0]) || squash(v.name).includes(years[0]));
      if (withYear.length === 1) return { version: withYear[0].version };
      if (withYear.length > 1) return { problem: `“${text}”可指多个分类标准，请填写版本代码：${withYear.map((v) => `${v.version}（${v.name}）`).join('、')}` };
    }
    return { problem: `“${text}”不是平台已加载的分类标准，可填：${this.choices()}` };
  }

  /** The other loaded versions holding every one of `codes` as a third-level category. */
  holding(codes: string[], except: string): CatalogueVersion[] {
    return this.versions.filter((v) => v.version !== except && codes.every((c) => v.codes.has(c)));
  }
}
