import { CategoryRule, CollateralKind, EnterpriseSize, ProductStatus, ProductType, RateKind } from '@zj/shared';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Organization } from '../organizations';

/** A green financial product of a bank (绿色金融产品). Amounts in 万元 as strings. */
@Entity('products')
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bankOrgId: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'bank_org_id' })
  bank?: Organization;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: ProductType;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  minAmount: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  maxAmount: string | null;

  @Column({ type: 'integer', nullable: true })
  minTermMonths: number | null;

  @Column({ type: 'integer', nullable: true })
  maxTermMonths: number | null;

  @Column({ type: 'varchar', length: 10, default: RateKind.NONE })
  rateKind: RateKind;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  rateMinPercent: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  rateMaxPercent: string | null;

  @Column({ type: 'integer', nullable: true })
  lprBasisPointsMin: number | null;

  @Column({ type: 'integer', nullable: true })
  lprBasisPointsMax: number | null;

  /** Accepted collateral; empty or NONE = unsecured (信用) accepted. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  collateralAccepted: CollateralKind[];

  /** Eligible green categories (catalogue version + code or prefix); empty = any. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  categoryRules: CategoryRule[];

  /** Counties served; empty = the whole city. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  counties: string[];

  /** Enterprise sizes served; empty = any. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  enterpriseSizes: EnterpriseSize[];

  @Column({ type: 'varchar', length: 10, nullable: true })
  minGreenGrade: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requiredMaterials: string[];

  @Column({ type: 'varchar', length: 50, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'varchar', length: 10, default: ProductStatus.DRAFT })
  status: ProductStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
