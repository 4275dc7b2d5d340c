import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A green taxonomy catalogue version, e.g. 绿色产业指导目录（2019年版）. Catalogues are data. */
@Entity('taxonomy_versions')
export class TaxonomyVersion {
  /** Short stable key, e.g. 'GIC-2019'. A classification is always (version, code). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  version: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'date', nullable: true })
  effectiveFrom: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('taxonomy_categories')
@Index(['version', 'parentCode'])
export class TaxonomyCategory {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  version: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  parentCode: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  standards: string[];

  /** Everyday words the category is searched by (reference/data/category-keywords.ts). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];
}

@Entity('divisions')
export class DivisionRecord {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 12 })
  kind: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  parentCode: string | null;
}
