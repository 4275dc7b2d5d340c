import { Module } from '@nestjs/common';
import { FinancingNeedsModule } from '../financing-needs/financing-needs.module';
import { ProductsModule } from '../products/products.module';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';

@Module({
  imports: [FinancingNeedsModule, ProductsModule],
  controllers: [MatchingController],
  providers: [MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {}
