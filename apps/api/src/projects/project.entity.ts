import { AttachmentKind, ProjectSource, ProjectStage, ProjectStatus, ReviewAction, ReviewStage } from '@zj/shared';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Organization } from '../organizations';

/** A green project of the library (绿色项目库). Amounts in 万元 and quantities per year as strings. */
@Entity('projects')
export class Project {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The owner enterprise's organisation. */
  @Column({ type: 'uuid' })
  enterpriseOrgId: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'enterprise_org_id' })
  enterprise?: Organization;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** County-level division (or zone) where the project is. */
  @Column({ type: 'varchar', length: 12 })
  divisionCode: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 20 })
  stage: ProjectStage;

  /** 总投资, 万元. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  totalInvestment: string;

  @Column({ type: 'date', nullable: true })
  constructionStart: string | null;

  @Column({ type: 'date', nullable: true })
  constructionEnd: string | null;

  /** Environmental benefits per year: CO2 avoided t, standard coal saved tce, water saved t. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  co2AvoidedT: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  coalSavedTce: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  waterSavedT: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  otherBenefits: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** 绿色建筑星级 1–3 for building projects. */
  @Column({ type: 'smallint', nullable: true })
  greenBuildingStars: number | null;

  /** The primary green category (catalogue version, third-level code); all categories in project_categories. */
  @Column({ type: 'varchar', length: 40 })
  primaryCategoryVersion: string;

  @Column({ type: 'varchar', length: 20 })
  primaryCategoryCode: string;

  @OneToMany(() => ProjectCategory, (c) => c.project)
  categories?: ProjectCategory[];

  /**
   * The names and keywords of the categories and their parents (ReferenceService.termsOf), set whenever
   * the categories are written; part of the generated keyword search text `search_text`.
   */
  @Column({ type: 'text', default: '', select: false })
  categoryTerms?: string;

  @Column({ type: 'varchar', length: 30 })
  source: ProjectSource;

  /** The organisation that registered the project: the enterprise itself, a county or a department. */
  @Column({ type: 'uuid' })
  submittedByOrgId: string;

  @Column({ type: 'varchar', length: 20, default: ProjectStatus.DRAFT })
  status: ProjectStatus;

  /** While SUBMITTED / UNDER_REVIEW: whose review it is. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  reviewStage: ReviewStage | null;

  /** The sector department that the primary category routes to (review_routes, longest prefix). */
  @Column({ type: 'uuid', nullable: true })
  departmentOrgId: string | null;

  /** The organisation whose turn it is to review (county at COUNTY stage, department at DEPARTMENT). */
  @Column({ type: 'uuid', nullable: true })
  reviewerOrgId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  listedAt: Date | null;

  /** The reasons of the latest return, shown to the submitter until resubmission. */
  @Column({ type: 'jsonb', nullable: true })
  returnReasons: ReturnReason[] | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A reason of a return: optionally the field it concerns. */
export interface ReturnReason {
  field?: string | null;
  message: string;
}

/** A green category of a project: (catalogue version, third-level code); exactly one is primary. */
@Entity('project_categories')
export class ProjectCategory {
  @PrimaryColumn('uuid')
  projectId: string;

  @ManyToOne(() => Project, (p) => p.categories, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  taxonomyVersion: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;
}

/** A step of a project's timeline: who did what, when, with which comment or reasons. */
@Entity('project_review_events')
export class ProjectReviewEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'varchar', length: 20 })
  action: ReviewAction;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: ProjectStatus | null;

  @Column({ type: 'varchar', length: 20 })
  toStatus: ProjectStatus;

  @Column({ type: 'varchar', length: 20, nullable: true })
  reviewStage: ReviewStage | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrgId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actorOrgName: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb', nullable: true })
  reasons: ReturnReason[] | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/** A file attached to a project (type and size limited; content kept in the database). */
@Entity('project_attachments')
export class ProjectAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: AttachmentKind;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Column({ type: 'varchar', length: 120 })
  mimeType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ type: 'uuid', nullable: true })
  uploadedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Review routing: category prefix (of a catalogue version) → reviewing department. Longest prefix wins. */
@Entity('review_routes')
export class ReviewRoute {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  taxonomyVersion: string;

  @Column({ type: 'varchar', length: 20 })
  prefix: string;

  @Column({ type: 'uuid' })
  departmentOrgId: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'department_org_id' })
  department?: Organization;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
