import { Injectable } from '@nestjs/common';
import type { TaxonomySummary } from '@zj/shared';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { categoryKeywords } from './data/category-keywords';
import { ImportTaxonomyDto } from './dto/taxonomy.dto';
import { ReferenceErrorCode } from './reference.errors';
import { parseTaxonomyCsv, TaxonomyCategoryRow } from './taxonomy-csv';
import { buildCategoryTree } from './taxonomy-tree';
import { DivisionRecord, TaxonomyCategory, TaxonomyVersion } from './taxonomy.entity';

@Injectable()
export class ReferenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  divisions() {
    return this.dataSource.getRepository(DivisionRecord).find({ order: { code: 'ASC' } });
  }

  async taxonomies(): Promise<TaxonomySummary[]> {
    const versions = await this.dataSource.getRepository(TaxonomyVersion).find({ order: { version: 'ASC' } });
    const counts: { version: string; level: number; n: string }[] = await this.dataSource.query(
      'SELECT version, level, count(*) AS n FROM taxonomy_categories GROUP BY version, level',
    );
    return versions.map((v) => ({
      version: v.version,
      name: v.name,
      effectiveFrom: v.effectiveFrom,
      categoryCounts: Object.fromEntries(counts.filter((c) => c.version === v.version).map((c) => [c.level, Number(c.n)])),
    }));
  }

  async categories(version: string, format: 'tree' | 'flat' = 'flat') {
    if (!(await this.dataSource.getRepository(TaxonomyVersion).exists({ where: { version } }))) {
      throw AppException.notFound('分类标准版本', ReferenceErrorCode.TAXONOMY_NOT_FOUND);
    }
    const flat = await this.dataSource.getRepository(TaxonomyCategory).find({ where: { version }, order: { level: 'ASC', code: 'ASC' } });
    const items = flat.map(({ code, name, level, parentCode, description, standards, keywords }) => ({ code, name, level, parentCode, description, standards, keywords }));
    return format === 'tree' ? buildCategoryTree(items) : items;
  }

  /** An administrator loads a catalogue version from a CSV of the 2019 file's shape; nothing is stored if any line is bad. */
  async importTaxonomy(actor: Actor, dto: ImportTaxonomyDto, csv: Buffer | undefined) {
    if (!csv?.length) throw AppException.badRequest('请上传 CSV 文件', ReferenceErrorCode.FILE_REQUIRED, [{ field: 'file', messages: ['请上传 CSV 文件'] }]);
    const { categories, errors } = parseTaxonomyCsv(csv.toString('utf8'));
    if (errors.length) throw AppException.badRequest(`CSV 有 ${errors.length} 处错误，未导入`, ReferenceErrorCode.TAXONOMY_CSV_INVALID, errors);
    return this.dataSource.transaction(async (m) => {
      if (await m.exists(TaxonomyVersion, { where: { version: dto.version } })) {
        throw AppException.conflict(`版本 ${dto.version} 已存在；已有分类保持不变`, ReferenceErrorCode.TAXONOMY_VERSION_EXISTS);
      }
      await this.insertTaxonomy(m, { version: dto.version, name: dto.name, effectiveFrom: dto.effectiveFrom ?? null }, categories);
      const counts = { 1: 0, 2: 0, 3: 0 } as Record<number, number>;
      categories.forEach((c) => (counts[c.level] += 1));
      await this.audit.record(m, actor, { action: 'taxonomy.import', entityType: 'taxonomy_version', entityId: dto.version, after: { name: dto.name, counts } });
      return { version: dto.version, name: dto.name, effectiveFrom: dto.effectiveFrom ?? null, categoryCounts: counts };
    });
  }

  /** Stores a version and its categories (parents first, in chunks). */
  async insertTaxonomy(m: EntityManager, version: Pick<TaxonomyVersion, 'version' | 'name' | 'effectiveFrom'>, categories: TaxonomyCategoryRow[]) {
    await m.insert(TaxonomyVersion, version);
    const ordered = [...categories].sort((a, b) => a.level - b.level);
    for (let i = 0; i < ordered.length; i += 200) {
      await m.insert(
        TaxonomyCategory,
        ordered.slice(i, i + 200).map((c) => ({ ...c, version: version.version, keywords: categoryKeywords(version.version, c.code) })),
      );
    }
  }

  /**
   * The words a category is searched by, for each (version, code) given: its name and keywords and
   * those of its parents, joined by spaces (the projects' `category_terms`). A catalogue version never
   * changes once loaded (a version is imported once), so its categories are read once per process.
   */
  async categoryTerms(m: EntityManager, categories: { taxonomyVersion: string; code: string }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const version of new Set(categories.map((c) => c.taxonomyVersion))) {
      const byCode = await this.catalogueTerms(m, version);
      for (const c of categories) {
        if (c.taxonomyVersion !== version) continue;
        const words: string[] = [];
        for (let node = byCode.get(c.code); node; node = node.parentCode ? byCode.get(node.parentCode) : undefined) words.push(node.name, ...node.keywords);
        out.set(`${version}|${c.code}`, [...new Set(words)].join(' '));
      }
    }
    return out;
  }

  /** The search words of a set of categories (one project's), deduplicated, joined by spaces. */
  async termsOf(m: EntityManager, categories: { taxonomyVersion: string; code: string }[]): Promise<string> {
    const terms = await this.categoryTerms(m, categories);
    return [...new Set([...terms.values()].flatMap((t) => t.split(' ')).filter(Boolean))].join(' ');
  }

  private readonly catalogues = new Map<string, Map<string, { name: string; parentCode: string | null; keywords: string[] }>>();

  private async catalogueTerms(m: EntityManager, version: string) {
    const known = this.catalogues.get(version);
    if (known) return known;
    const rows = await m.find(TaxonomyCategory, { where: { version }, select: { code: true, name: true, parentCode: true, keywords: true } });
    const byCode = new Map(rows.map((r) => [r.code, { name: r.name, parentCode: r.parentCode, keywords: r.keywords ?? [] }]));
    // A version not loaded yet is not remembered: it may be loaded later.
    if (byCode.size) this.catalogues.set(version, byCode);
    return byCode;
  }
}
