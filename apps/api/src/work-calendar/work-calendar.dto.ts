import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CalendarDayKind } from '@zj/shared';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsCalendarDate, Trim } from '../common/validation/validators';

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
  @IsCalendarDate()
  date: string;
}
