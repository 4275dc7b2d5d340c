import { FormerName, InstitutionKind, OrgType } from '@zj/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';


@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 30 })
  type: OrgType;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Former names of a renamed unit, oldest first. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  formerNames: FormerName[];

  /** 统一社会信用代码 (enterprises; optional for others). */
  @Column({ type: 'varchar', length: 18, nullable: true, unique: true })
  creditCode: string | null;

  /** County-level division the organisation belongs to (enterprises, counties). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  divisionCode: string | null;

  /** Stable code of a government unit named in the plan (e.g. 'pbc-zhanjiang'). */
  @Column({ type: 'varchar', length: 60, nullable: true, unique: true })
  unitCode: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  institutionKind: InstitutionKind | null;

  /** Branch of a financial institution, e.g. 湛江分行. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  branchName: string | null;

  /** Demo records say so plainly and can be removed as a set. */
  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
