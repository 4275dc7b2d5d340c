import { Module } from '@nestjs/common';
import { EventsModule } from '../events';
import { ReferenceModule } from '../reference';
import { SetupService } from './setup.service';

@Module({
  imports: [ReferenceModule, EventsModule],
  providers: [SetupService],
  exports: [SetupService],
})
export class SetupModule {}
