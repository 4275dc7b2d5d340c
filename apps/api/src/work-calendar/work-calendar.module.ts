import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkCalendarDay } from './work-calendar-day.entity';
import { WorkCalendarController } from './work-calendar.controller';
import { WorkCalendarService } from './work-calendar.service';

@Module({
  imports: [TypeOrmModule.forFeature([WorkCalendarDay])],
  controllers: [WorkCalendarController],
  providers: [WorkCalendarService],
  exports: [WorkCalendarService],
})
export class WorkCalendarModule {}
