import { GreenIdentificationStatus } from '@zj/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** 绿色企业认定: an application by an enterprise and a reviewer's decision with a validity period. */
@Entity('green_identifications')
export class GreenIdentification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enterpriseOrgId: string;

  @Column({ type: 'varchar', length: 10 })
  status: GreenIdentificationStatus;

  /** The enterprise's statement of why it is green. */
  @Column({ type: 'text' })
  statement: string;

  @Column({ type: 'uuid', nullable: true })
  appliedByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByOrgId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
