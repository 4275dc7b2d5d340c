import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type CeremonyIntentRequest, type MeetingOutcomeInput, MeetingResult } from '@zj/shared';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsDecimalString, Trim } from '../../../common/validation/validators';

/** 意向金额: 万元, more than 0, at most 99999999.99 (numeric(14,2) would hold more; no intent is that large). */
export const INTENT_AMOUNT = { min: 0.01, max: 99_999_999.99 };
const AMOUNT_MSG = { message: '意向金额应在0.01至99999999.99万元之间，最多两位小数（如 500.00）' };

export class CheckInDto {
  @ApiProperty({ example: 'K7QM-2XHD-9RTA', description: '签到码（扫码或手工输入；大小写、空格与横线不限）' })
  @IsString({ message: '签到码应为文字' })
  @Length(1, 40, { message: '签到码应为1至40个字符' })
  code: string;
}

export class OutcomeDto implements MeetingOutcomeInput {
  @ApiProperty({ description: '会谈是否举行' })
  @IsBoolean({ message: '是否举行应为 true 或 false' })
  held: boolean;

  @ApiPropertyOptional({ enum: MeetingResult, description: '会谈结果：NO_INTEREST 无意向 / FOLLOW_UP 继续跟进 / INTENT 达成意向（会谈举行时）' })
  @IsOptional()
  @IsEnum(MeetingResult, { message: '会谈结果应为 NO_INTEREST（无意向）、FOLLOW_UP（继续跟进）或 INTENT（达成意向）' })
  result?: MeetingResult;

  @ApiPropertyOptional({ example: '500.00', description: '意向金额（万元，达成意向时必填）' })
  @IsOptional()
  @IsDecimalString(INTENT_AMOUNT, AMOUNT_MSG)
  amount?: string;

  @ApiPropertyOptional({ description: '意向对应的融资需求（会谈未指定融资需求时必填，须为该企业在对接中的需求）' })
  @IsOptional()
  @IsUUID('all', { message: '融资需求编号无效' })
  needId?: string;

  @ApiPropertyOptional({ description: '备注' })
  @IsOptional()
  @Trim()
  @IsString({ message: '备注应为文字' })
  @MaxLength(500, { message: '备注不能超过500字' })
  note?: string;
}

export class CeremonyIntentDto implements CeremonyIntentRequest {
  @ApiProperty({ description: '签约企业' })
  @IsUUID('all', { message: '签约企业编号无效' })
  enterpriseOrganizationId: string;

  @ApiProperty({ description: '签约金融机构' })
  @IsUUID('all', { message: '签约金融机构编号无效' })
  bankOrganizationId: string;

  @ApiProperty({ description: '企业的融资需求' })
  @IsUUID('all', { message: '融资需求编号无效' })
  needId: string;

  @ApiProperty({ example: '500.00', description: '意向金额（万元）' })
  @IsDecimalString(INTENT_AMOUNT, AMOUNT_MSG)
  amount: string;

  @ApiPropertyOptional({ description: '对应的一对一会谈（签约仪式上签署会谈达成的意向时）' })
  @IsOptional()
  @IsUUID('all', { message: '会谈编号无效' })
  meetingId?: string;

  @ApiPropertyOptional({ description: '备注' })
  @IsOptional()
  @Trim()
  @IsString({ message: '备注应为文字' })
  @MaxLength(500, { message: '备注不能超过500字' })
  note?: string;
}
