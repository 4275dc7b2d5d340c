import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { GreenIdentificationStatus, Role } from '@zj/shared';
import { IsEnum, IsOptional } from 'class-validator';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { ApplyIdentificationDto, CreateEnterpriseDto, CreateScorecardDto, DecideIdentificationDto, EnterpriseProfileDto, ListEnterprisesQuery } from './dto/enterprise.dto';
import { EnterprisesService } from './enterprises.service';

const READERS = [Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU, Role.BANK];

class IdentificationsQuery {
  @ApiPropertyOptional({ enum: GreenIdentificationStatus })
  @IsOptional()
  @IsEnum(GreenIdentificationStatus, { message: '认定状态应为待审核、已认定、未通过或已撤销' })
  status?: GreenIdentificationStatus;
}

@ApiTags('enterprises 绿色企业库')
@ApiBearerAuth()
@Controller()
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Get('enterprises')
  @Roles(...READERS)
  @ApiOperation({ summary: '企业列表：关键词（名称、信用代码）、县区、规模、行业、环境信用、绿色等级筛选' })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListEnterprisesQuery) {
    return this.enterprises.list(actor, query);
  }

  @Get('enterprises/stats')
  @Roles(...READERS, Role.REGULATOR)
  @ApiOperation({ summary: '企业统计：按县区、规模、绿色等级、行业' })
  @ApiErrors(401, 403)
  stats(@CurrentActor() actor: Actor) {
    return this.enterprises.stats(actor);
  }

  @Post('enterprises')
  @Roles(Role.COUNTY, Role.DEPARTMENT, Role.BUREAU)
  @ApiOperation({ summary: '登记企业（县区、部门、金融局）：建立企业机构与企业资料' })
  @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateEnterpriseDto) {
    return this.enterprises.create(actor, dto);
  }

  @Get('green-identifications')
  @Roles(Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU)
  @ApiOperation({ summary: '绿色企业认定申请列表' })
  @ApiErrors(400, 401, 403)
  identifications(@CurrentActor() actor: Actor, @Query() query: IdentificationsQuery) {
    return this.enterprises.listIdentifications(actor, query.status);
  }

  @Post('green-identifications/:id/decision')
  @HttpCode(200)
  @Roles(Role.DEPARTMENT, Role.BUREAU)
  @ApiOperation({ summary: '绿色企业认定：认定（含有效期）、不予认定、撤销' })
  @ApiErrors(400, 401, 403, 404, 409)
  decide(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideIdentificationDto) {
    return this.enterprises.decideIdentification(actor, id, dto);
  }

  @Get('scorecards')
  @Roles(Role.BUREAU, Role.DEPARTMENT, Role.COUNTY, Role.BANK, Role.ENTERPRISE, Role.REGULATOR)
  @ApiOperation({ summary: '绿色评分卡各版本（指标、权重、等级）' })
  @ApiErrors(401)
  scorecards() {
    return this.enterprises.listScorecards();
  }

  @Post('scorecards')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '新建评分卡版本（草稿）' })
  @ApiErrors(400, 401, 403)
  createScorecard(@CurrentActor() actor: Actor, @Body() dto: CreateScorecardDto) {
    return this.enterprises.createScorecard(actor, dto);
  }

  @Post('scorecards/:id/activate')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '启用评分卡版本；已算出的等级保留原版本' })
  @ApiErrors(401, 403, 404, 409)
  activate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.enterprises.activateScorecard(actor, id);
  }

  @Get('enterprises/:orgId')
  @Roles(...READERS)
  @ApiOperation({ summary: '企业详情（资料、认定、绿色等级）；银行承接需求前联系方式为掩码' })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('orgId', ParseUUIDPipe) orgId: string) {
    return this.enterprises.get(actor, orgId);
  }

  @Put('enterprises/:orgId/profile')
  @Roles(Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU)
  @ApiOperation({ summary: '填写或修改企业资料' })
  @ApiErrors(400, 401, 403, 404, 409)
  saveProfile(@CurrentActor() actor: Actor, @Param('orgId', ParseUUIDPipe) orgId: string, @Body() dto: EnterpriseProfileDto) {
    return this.enterprises.saveProfile(actor, orgId, dto);
  }

  @Post('enterprises/:orgId/green-identifications')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '申请绿色企业认定（企业本身）' })
  @ApiErrors(400, 401, 403, 404, 409)
  apply(@CurrentActor() actor: Actor, @Param('orgId', ParseUUIDPipe) orgId: string, @Body() dto: ApplyIdentificationDto) {
    return this.enterprises.applyIdentification(actor, orgId, dto);
  }

  @Post('enterprises/:orgId/grade')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU)
  @ApiOperation({ summary: '按启用中的评分卡计算绿色等级（显示每项得分与依据）' })
  @ApiErrors(401, 403, 404, 409)
  grade(@CurrentActor() actor: Actor, @Param('orgId', ParseUUIDPipe) orgId: string) {
    return this.enterprises.grade(actor, orgId);
  }

  @Get('enterprises/:orgId/grades')
  @Roles(...READERS)
  @ApiOperation({ summary: '绿色等级历史（各自保留计算时的评分卡版本）' })
  @ApiErrors(401, 403, 404)
  grades(@CurrentActor() actor: Actor, @Param('orgId', ParseUUIDPipe) orgId: string) {
    return this.enterprises.grades(actor, orgId);
  }
}
