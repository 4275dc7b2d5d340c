import { Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { FinancingNeedsModule, NeedVisibility } from '../financing-needs';
import { NotificationsService } from '../notifications';
import { ProductsModule } from '../products';
import { MatchingController } from './matching.controller';
import { noticeFittingBanks } from './matching-notices';
import { MatchingService } from './matching.service';

@Module({
  imports: [FinancingNeedsModule, ProductsModule],
  controllers: [MatchingController],
  providers: [MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {
  /** A need banks may now see: the banks whose published products it fits are told (batched), in the same transaction. */
  constructor(needs: NeedVisibility, notifications: NotificationsService, config: AppConfig) {
    needs.onNeedVisible((m, needId) => noticeFittingBanks(m, notifications, needId, { lprPercent: config.LPR_1Y_PERCENT }));
  }
}
