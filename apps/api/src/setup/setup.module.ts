import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { ReferenceModule } from '../reference/reference.module';
import { SetupService } from './setup.service';

@Module({
  imports: [ReferenceModule, EventsModule],
  providers: [SetupService],
  exports: [SetupService],
})
export class SetupModule {}
