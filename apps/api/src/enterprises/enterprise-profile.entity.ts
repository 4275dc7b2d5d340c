import { Certification, EnterpriseSize, EnvCreditRating } from '@zj/shared';
import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Organization } from '../organizations';

/**
 * The profile of an enterprise in the green enterprise library (绿色企业库), keyed by its organisation
 * (organizations: type ENTERPRISE, name, credit_code, division_code). Amounts in 万元 as strings.
 */
@Entity('enterprise_profiles')
export class EnterpriseProfile {
  @PrimaryColumn('uuid')
  organizationId: string;

  @OneToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** 国民经济行业分类 section letter (A–T) and two-digit division. */
  @Column({ type: 'varchar', length: 1, nullable: true })
  industrySection: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  industryDivision: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  industryName: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  size: EnterpriseSize | null;

  /** 注册资本, 万元. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  registeredCapital: string | null;

  @Column({ type: 'date', nullable: true })
  establishedOn: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  legalRepresentative: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  businessScope: string | null;

  /** Contact details: masked for banks until they have taken up one of the enterprise's needs. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  envCreditRating: EnvCreditRating | null;

  @Column({ type: 'smallint', nullable: true })
  envCreditRatingYear: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  certifications: Certification[];

  /** Carbon account: annual emissions tCO2e, intensity (with its unit), reporting year. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  carbonEmissionsT: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true })
  carbonIntensity: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  carbonIntensityUnit: string | null;

  @Column({ type: 'smallint', nullable: true })
  carbonYear: number | null;

  /** 环境信息披露. */
  @Column({ type: 'boolean', default: false })
  envDisclosure: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  envDisclosureUrl: string | null;

  @Column({ type: 'smallint', nullable: true })
  envDisclosureYear: number | null;

  /** Who registered the enterprise in the library (itself, a county, a department). */
  @Column({ type: 'uuid', nullable: true })
  createdByOrgId: string | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
