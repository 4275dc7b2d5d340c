import { GradeBreakdownLine, ScorecardBand, ScorecardIndicator, ScorecardStatus } from '@zj/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/** A version of the green scorecard (绿色评分卡): indicators, weights and grade bands. At most one ACTIVE. */
@Entity('scorecards')
export class Scorecard {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 1, 2, 3 …: grades keep the version they were computed with. */
  @Column({ type: 'integer', unique: true })
  version: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  status: ScorecardStatus;

  @Column({ type: 'jsonb' })
  indicators: ScorecardIndicator[];

  @Column({ type: 'jsonb' })
  bands: ScorecardBand[];

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @VersionColumn()
  rowVersion: number;
}

/** An enterprise's green grade: computed with one scorecard version, with how it was computed. */
@Entity('green_grades')
export class GreenGrade {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enterpriseOrgId: string;

  @Column({ type: 'uuid' })
  scorecardId: string;

  @Column({ type: 'integer' })
  scorecardVersion: number;

  /** 0–100, 2 decimals, as a string. */
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  score: string;

  /** e.g. 'A'; label e.g. '深绿'. */
  @Column({ type: 'varchar', length: 10 })
  grade: string;

  @Column({ type: 'varchar', length: 20 })
  gradeLabel: string;

  @Column({ type: 'jsonb' })
  breakdown: GradeBreakdownLine[];

  /** The enterprise data the grade was computed from (a snapshot). */
  @Column({ type: 'jsonb' })
  inputs: Record<string, unknown>;

  /** The latest grade of the enterprise; older ones are kept with is_current = false. */
  @Column({ type: 'boolean', default: true })
  isCurrent: boolean;

  @Column({ type: 'uuid', nullable: true })
  computedByUserId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  computedAt: Date;
}
