import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type EventSlotInput, MeetingPriority, type MeetingRequestInput, MeetingRequestStatus, MEETING_REQUEST_STATUS_LABELS, type WalkInMeetingInput } from '@zj/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Trim } from '../../../common/validation/validators';
import { MAX_SLOTS } from '../meeting-rules';
import { oneOf } from '../../../common/validation/messages';

const TIME = { strict: true };

// ---------------------------------------------------------------- meeting requests

export class CreateMeetingRequestDto implements MeetingRequestInput {
  @ApiProperty({ description: '希望会谈的机构（企业向金融机构，或金融机构向企业）' })
  @IsUUID('all', { message: '会谈对象 id 无效' })
  targetOrganizationId: string;

  @ApiProperty({ enum: MeetingPriority, description: 'MUST 必须见面，NICE 希望见面' })
  @IsEnum(MeetingPriority, { message: '意愿应为 MUST（必须见面）或 NICE（希望见面）' })
  priority: MeetingPriority;

  @ApiPropertyOptional({ description: '拟洽谈的融资需求（企业本机构的需求；金融机构只能选企业报名时列出的需求）' })
  @IsOptional()
  @IsUUID('all', { message: '融资需求 id 无效' })
  needId?: string;

  @ApiPropertyOptional({ maxLength: 500, description: '留言' })
  @IsOptional()
  @Trim()
  @IsString({ message: '留言应为文字' })
  @MaxLength(500, { message: '留言不能超过500字' })
  message?: string;
}

export class ListMeetingRequestsQuery {
  @ApiPropertyOptional({ enum: ['sent', 'received'], description: '本机构发出的或收到的（不填为全部）' })
  @IsOptional()
  @IsIn(['sent', 'received'], { message: '方向应为 sent（发出）或 received（收到）' })
  direction?: 'sent' | 'received';

  @ApiPropertyOptional({ enum: MeetingRequestStatus })
  @IsOptional()
  @IsEnum(MeetingRequestStatus, { message: oneOf('状态', MEETING_REQUEST_STATUS_LABELS) })
  status?: MeetingRequestStatus;
}

// ---------------------------------------------------------------- slots and unavailability

export class SlotDto implements EventSlotInput {
  @ApiProperty({ example: '2026-12-07T14:00:00+08:00' })
  @IsDateString(TIME, { message: '时段开始时间格式应为 ISO 8601，如 2026-12-07T14:00:00+08:00' })
  startsAt: string;

  @ApiProperty({ example: '2026-12-07T14:20:00+08:00' })
  @IsDateString(TIME, { message: '时段结束时间格式应为 ISO 8601，如 2026-12-07T14:20:00+08:00' })
  endsAt: string;
}

export class PutSlotsDto {
  @ApiProperty({ type: [SlotDto], description: `一对一会谈的时段（1至${MAX_SLOTS}个，各5至120分钟，互不重叠；茶歇即时段间的空档）` })
  @IsArray({ message: '时段应为列表' })
  @ArrayMinSize(1, { message: '时段至少需要1个' })
  @ArrayMaxSize(MAX_SLOTS, { message: `时段不能超过${MAX_SLOTS}个` })
  @ValidateNested({ each: true, message: '时段的每一项格式无效' })
  @Type(() => SlotDto)
  slots: SlotDto[];
}

export class UnavailabilityDto {
  @ApiProperty({ type: [String], description: '本机构无法参加的时段（替换原有设置；空列表为全部可参加）' })
  @IsArray({ message: '无法参加的时段应为列表' })
  @ArrayMaxSize(MAX_SLOTS, { message: `时段不能超过${MAX_SLOTS}个` })
  @IsUUID('all', { each: true, message: '时段 id 无效' })
  slotIds: string[];

  @ApiPropertyOptional({ description: '市金融工作局代为设置时：参会机构' })
  @IsOptional()
  @IsUUID('all', { message: '机构 id 无效' })
  organizationId?: string;
}

export class OrganizationQuery {
  @ApiPropertyOptional({ description: '市金融工作局查看某参会机构时' })
  @IsOptional()
  @IsUUID('all', { message: '机构 id 无效' })
  organizationId?: string;
}

// ---------------------------------------------------------------- the schedule and its edits

export class SolveScheduleDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: 10, description: '求解时限（秒），到时返回已找到的最好日程' })
  @IsOptional()
  @IsInt({ message: '求解时限应为整数秒' })
  @Min(1, { message: '求解时限应为1至60秒' })
  @Max(60, { message: '求解时限应为1至60秒' })
  timeLimitSeconds?: number;
}

export class MoveMeetingDto {
  @ApiProperty({ description: '目标时段' })
  @IsUUID('all', { message: '时段 id 无效' })
  slotId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, description: '目标桌位（不填为该金融机构在该时段的第一个空桌）' })
  @IsOptional()
  @IsInt({ message: '桌位应为整数' })
  @Min(1, { message: '桌位应为1至20' })
  @Max(20, { message: '桌位应为1至20' })
  desk?: number;
}

export class SwapMeetingsDto {
  @ApiProperty({ type: [String], minItems: 2, maxItems: 2, description: '互换时段与桌位的两场会谈' })
  @IsArray({ message: '会谈应为列表' })
  @ArrayMinSize(2, { message: '会谈须选择2场' })
  @ArrayMaxSize(2, { message: '会谈须选择2场' })
  @IsUUID('all', { each: true, message: '会谈 id 无效' })
  meetingIds: string[];
}

export class LockMeetingDto {
  @ApiProperty({ description: 'true 锁定（重新排期时保持不动），false 解锁' })
  @IsBoolean({ message: '锁定应为 true 或 false' })
  locked: boolean;
}

export class WalkInMeetingDto implements WalkInMeetingInput {
  @ApiProperty({ description: '企业' })
  @IsUUID('all', { message: '企业 id 无效' })
  enterpriseOrganizationId: string;

  @ApiProperty({ description: '金融机构' })
  @IsUUID('all', { message: '金融机构 id 无效' })
  bankOrganizationId: string;

  @ApiProperty({ description: '时段' })
  @IsUUID('all', { message: '时段 id 无效' })
  slotId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, description: '桌位（不填为第一个空桌）' })
  @IsOptional()
  @IsInt({ message: '桌位应为整数' })
  @Min(1, { message: '桌位应为1至20' })
  @Max(20, { message: '桌位应为1至20' })
  desk?: number;

  @ApiPropertyOptional({ description: '拟洽谈的融资需求（该企业的需求）' })
  @IsOptional()
  @IsUUID('all', { message: '融资需求 id 无效' })
  needId?: string;
}
