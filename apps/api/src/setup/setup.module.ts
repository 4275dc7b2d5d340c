import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { SetupService } from './setup.service';

@Module({
  imports: [ReferenceModule],
  providers: [SetupService],
  exports: [SetupService],
})
export class SetupModule {}
