import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { AnyRole, CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { CalendarDateParam, CalendarYearQuery, PutCalendarDayDto } from './work-calendar.dto';
import { WorkCalendarService } from './work-calendar.service';

@ApiTags('work-calendar 工作日历')
@Controller('work-calendar')
export class WorkCalendarController {
  constructor(private readonly calendar: WorkCalendarService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: '法定节假日与调休上班日（按年）' })
  @ApiErrors(400, 401)
  list(@Query() q: CalendarYearQuery) {
    return this.calendar.list(q.year);
  }

  @Put(':date')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '设置某日为放假或调休上班（市金融工作局维护）' })
  @ApiErrors(400, 401, 403)
  put(@CurrentActor() actor: Actor, @Param() p: CalendarDateParam, @Body() dto: PutCalendarDayDto) {
    return this.calendar.put(actor, p.date, dto);
  }

  @Delete(':date')
  @Roles(Role.BUREAU)
  @HttpCode(204)
  @ApiOperation({ summary: '删除某日的设置（恢复周一至周五上班的常规）' })
  @ApiErrors(400, 401, 403, 404)
  async remove(@CurrentActor() actor: Actor, @Param() p: CalendarDateParam) {
    await this.calendar.remove(actor, p.date);
  }
}
