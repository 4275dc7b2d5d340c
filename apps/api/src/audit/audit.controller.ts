import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type AuditLogQueryParams, Role } from '@zj/shared';
import { IsOptional, IsString, Length } from 'class-validator';
import { Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { PageQueryDto } from '../common/http/pagination';
import { AuditNames } from './audit-names';
import { AuditService } from './audit.service';

class ListAuditQuery extends PageQueryDto implements AuditLogQueryParams {
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '对象类型应为文字' }) @Length(1, 60, { message: '对象类型应为1至60个字符' }) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '对象编号应为文字' }) @Length(1, 64, { message: '对象编号应为1至64个字符' }) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '动作应为文字' }) @Length(1, 60, { message: '动作应为1至60个字符' }) action?: string;
}

@ApiTags('audit 审计日志')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly names: AuditNames,
  ) {}

  @Get()
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '审计日志（市金融工作局）：每次状态变更的操作人（姓名、机构）、对象名称、前后内容' })
  @ApiErrors(400, 401, 403)
  list(@Query() query: ListAuditQuery) {
    return this.audit.list(query, this.names);
  }

  @Get('verify')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '校验审计日志哈希链（市金融工作局）' })
  @ApiErrors(401, 403)
  verify() {
    return this.audit.verify();
  }
}
