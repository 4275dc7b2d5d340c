import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CalendarDayKind, CALENDAR_DAY_KIND_LABELS } from '@zj/shared';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsCalendarDate, Trim } from '../common/validation/validators';
import { oneOf } from '../common/validation/messages';

export class CalendarYearQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份应为2000至2100的整数' })
  @Min(2000, { message: '年份应为2000至2100的整数' })
  @Max(2100, { message: '年份应为2000至2100的整数' })
  year?: number;
}

export class PutCalendarDayDto {
  @ApiProperty({ enum: CalendarDayKind, description: 'HOLIDAY 放假（工作日放假）；WORKDAY 调休上班（周末上班）' })
  @IsEnum(CalendarDayKind, { message: oneOf('类型', CALENDAR_DAY_KIND_LABELS) })
  kind: CalendarDayKind;

  @ApiProperty({ example: '春节' })
  @Trim()
  @IsString({ message: '名称应为文字' })
  @Length(1, 50, { message: '名称应为1至50个字' })
  name: string;
}

export class CalendarDateParam {
  @IsCalendarDate({ label: '日期' })
  date: string;
}
