import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceController } from './reference.controller';
import { ReferenceService } from './reference.service';
import { DivisionRecord, TaxonomyCategory, TaxonomyVersion } from './taxonomy.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DivisionRecord, TaxonomyVersion, TaxonomyCategory])],
  controllers: [ReferenceController],
  providers: [ReferenceService],
  exports: [ReferenceService],
})
export class ReferenceModule {}
