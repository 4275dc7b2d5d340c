import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { DashboardService } from './dashboard.service';
import { CreateIndicatorDto, CreateWorkItemDto, IndicatorValueDto, UpdateIndicatorDto, UpdateWorkItemDto, VersionDto, WorkListDto, YearQuery } from './dto/plan.dto';
import { IndicatorsService } from './indicators.service';
import { PlanService } from './plan.service';

/** Government users (departments, counties, bureau, regulators) read the plan. */
export const PLAN_READERS = [Role.BUREAU, Role.REGULATOR, Role.DEPARTMENT, Role.COUNTY];

@ApiTags('plan 行动方案')
@ApiBearerAuth()
@Controller('plan')
export class PlanController {
  constructor(
    private readonly plan: PlanService,
    private readonly indicators: IndicatorsService,
    private readonly dashboard: DashboardService,
  ) {}

  @Get('tasks')
  @Roles(...PLAN_READERS)
  @ApiOperation({ summary: '18项重点任务：行动、重点工作、工作清单（可按年度）、责任单位（现名、方案原文名称、曾用名）及进展状态' })
  @ApiErrors(400, 401, 403)
  tasks(@Query() query: YearQuery) {
    return this.plan.tasks({ year: query.year });
  }

  @Get('tasks/:id')
  @Roles(...PLAN_READERS)
  @ApiOperation({ summary: '一项重点任务及其指标' })
  @ApiErrors(400, 401, 403, 404)
  async task(@Param('id', ParseUUIDPipe) id: string, @Query() query: YearQuery) {
    const task = await this.plan.task(id, query.year);
    return { ...task, indicators: await this.indicators.list({ taskId: id }) };
  }

  @Get('years')
  @Roles(...PLAN_READERS)
  @ApiOperation({ summary: '有工作清单的年度' })
  @ApiErrors(401, 403)
  years() {
    return this.plan.years();
  }

  @Post('work-items')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '新增一项工作清单事项（市金融工作局）' })
  @ApiErrors(400, 401, 403, 404)
  addWorkItem(@CurrentActor() actor: Actor, @Body() dto: CreateWorkItemDto) {
    return this.plan.addWorkItem(actor, dto);
  }

  @Post('work-lists')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '新增某一年度的工作清单（市金融工作局）' })
  @ApiErrors(400, 401, 403, 404)
  addWorkList(@CurrentActor() actor: Actor, @Body() dto: WorkListDto) {
    return this.plan.addWorkList(actor, dto);
  }

  @Patch('work-items/:id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '修改工作清单事项（市金融工作局，附版本号）' })
  @ApiErrors(400, 401, 403, 404, 409)
  updateWorkItem(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateWorkItemDto) {
    return this.plan.updateWorkItem(actor, id, dto);
  }

  @Delete('work-items/:id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '撤销工作清单事项（归档，已有报告保留）' })
  @ApiErrors(400, 401, 403, 404, 409)
  archiveWorkItem(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: VersionDto) {
    return this.plan.archiveWorkItem(actor, id, dto.version);
  }

  @Get('indicators')
  @Roles(...PLAN_READERS)
  @ApiOperation({ summary: '指标：当前值、目标（比较方式、截止日期、达标情况）与走势' })
  @ApiErrors(401, 403)
  listIndicators() {
    return this.indicators.list();
  }

  @Get('indicators/:id')
  @Roles(...PLAN_READERS)
  @ApiOperation({ summary: '指标详情与历次报送值' })
  @ApiErrors(400, 401, 403, 404)
  indicator(@Param('id', ParseUUIDPipe) id: string) {
    return this.indicators.get(id);
  }

  @Get('indicators/:id/rows')
  // The rows name banks, enterprises and their amounts: the bureau and the regulators, as the export.
  @Roles(Role.BUREAU, Role.REGULATOR)
  @ApiOperation({ summary: '指标数值背后的明细：放款的对接案例、入库项目、举办的活动（合计即指标值），或报送类指标的历次报送值' })
  @ApiErrors(400, 401, 403, 404)
  indicatorRows(@Param('id', ParseUUIDPipe) id: string) {
    return this.indicators.rowsOf(id);
  }

  @Post('indicators')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '为重点任务新增指标及目标（市金融工作局）' })
  @ApiErrors(400, 401, 403, 404, 409)
  createIndicator(@CurrentActor() actor: Actor, @Body() dto: CreateIndicatorDto) {
    return this.indicators.create(actor, dto);
  }

  @Patch('indicators/:id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '修改指标及目标（市金融工作局，附版本号）' })
  @ApiErrors(400, 401, 403, 404, 409)
  updateIndicator(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateIndicatorDto) {
    return this.indicators.update(actor, id, dto);
  }

  @Delete('indicators/:id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '删除指标（归档：不再显示和填报，已登记的数值与报告保留）' })
  @ApiErrors(400, 401, 403, 404, 409)
  archiveIndicator(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: VersionDto) {
    return this.indicators.archive(actor, id, dto.version);
  }

  @Post('indicators/:id/values')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '登记报送类指标的数值（数值、日期、佐证）' })
  @ApiErrors(400, 401, 403, 404, 409)
  recordValue(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: IndicatorValueDto) {
    return this.indicators.recordValue(actor, id, dto);
  }

  @Get('dashboard')
  @Roles(...PLAN_READERS)
  @ApiOperation({ summary: '看板：6大行动18项任务状态、指标与目标、绿色信贷占比走势、单位按时报送排名' })
  @ApiErrors(400, 401, 403)
  getDashboard(@Query() query: YearQuery) {
    return this.dashboard.dashboard(query.year);
  }

  @Get('export.xlsx')
  @Roles(Role.BUREAU, Role.REGULATOR)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '导出 Excel：方案原表格式（工作任务 / 重点工作 / 工作清单 / 责任单位）并附进展状态、最新进展、指标完成情况' })
  @ApiErrors(400, 401, 403)
  async export(@Query() query: YearQuery, @Res() res: Response) {
    const { fileName, content } = await this.dashboard.exportXlsx(query.year);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.send(content);
  }
}
