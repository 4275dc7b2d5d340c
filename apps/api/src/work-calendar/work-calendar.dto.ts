import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CalendarDayKind } from '@zj/shared';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Trim } from '../common/validation/validators';

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CalendarYearQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class PutCalendarDayDto {
  @ApiProperty({ enum: CalendarDayKind, description: 'HOLIDAY 放假（工作日放假）；WORKDAY 调休上班（周末上班）' })
  @IsEnum(CalendarDayKind, { message: '类型应为 HOLIDAY 或 WORKDAY' })
  kind: CalendarDayKind;

  @ApiProperty({ example: '春节' })
  @Trim()
  @IsString()
  @Length(1, 50, { message: '名称长度应为1–50个字' })
  name: string;
}

export class CalendarDateParam {
  @Matches(ISO_DATE, { message: '日期格式应为 YYYY-MM-DD' })
  date: string;
}
