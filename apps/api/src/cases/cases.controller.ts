import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { CaseStatisticsService } from './case-statistics.service';
import { CasesService } from './cases.service';
import { ApplyDto, ClaimDto, FundUseCheckDto, ListCasesQuery, PushDto, ReassignDto, ReferDto, ResolveWarningDto, StatisticsQuery, TrancheDto, TransitionDto, WarningsQuery } from './dto/case.dto';

@ApiTags('cases 对接')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly stats: CaseStatisticsService,
  ) {}

  @Get()
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '对接列表（本机构的；市金融工作局为全部，默认超时的在前）' })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() q: ListCasesQuery) {
    return this.cases.list(actor, q);
  }

  @Get('pipeline')
  @Roles(Role.BUREAU, Role.BANK)
  @ApiOperation({ summary: '对接管道：各状态数量与超时数量' })
  @ApiErrors(401, 403)
  pipeline(@CurrentActor() actor: Actor) {
    return this.cases.pipeline(actor);
  }

  @Get('statistics')
  @Roles(Role.BUREAU, Role.REGULATOR, Role.BANK)
  @ApiOperation({ summary: '对接统计：按金融机构、县区、绿色类别，及全市通过平台实现的融资按月累计（金融机构仅本机构）' })
  @ApiErrors(400, 401, 403)
  statistics(@CurrentActor() actor: Actor, @Query() q: StatisticsQuery) {
    return this.stats.statistics(actor, q);
  }

  @Get('greenwashing-warnings')
  @Roles(Role.BUREAU, Role.BANK, Role.REGULATOR)
  @ApiOperation({ summary: '洗绿预警（资金用途偏离）：市金融工作局及方案任务（十七）的责任单位（湛江银保监分局牵头，人民银行配合）查阅全部，金融机构仅本机构' })
  @ApiErrors(400, 401, 403)
  warnings(@CurrentActor() actor: Actor, @Query() q: WarningsQuery) {
    return this.cases.warnings(actor, q);
  }

  @Post('greenwashing-warnings/:id/resolve')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '处理洗绿预警' })
  @ApiErrors(400, 401, 403, 404, 409)
  resolve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResolveWarningDto) {
    return this.cases.resolveWarning(actor, id, dto.note);
  }

  @Post('apply')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '企业以融资需求申请某产品' })
  @ApiErrors(400, 401, 403, 404, 409)
  apply(@CurrentActor() actor: Actor, @Body() dto: ApplyDto) {
    return this.cases.apply(actor, dto);
  }

  @Post('claim')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '金融机构认领向其共享的融资需求（每项需求至多 N 家，默认 3 家）' })
  @ApiErrors(400, 401, 403, 404, 409)
  claim(@CurrentActor() actor: Actor, @Body() dto: ClaimDto) {
    return this.cases.claim(actor, dto);
  }

  @Post('push')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '市金融工作局向选定金融机构推送融资需求' })
  @ApiErrors(400, 401, 403, 404, 409)
  push(@CurrentActor() actor: Actor, @Body() dto: PushDto) {
    return this.cases.push(actor, dto);
  }

  @Get(':id')
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '对接详情：时间线、放款、资金用途检查；企业联系方式在金融机构受理后才显示' })
  @ApiErrors(401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.cases.get(actor, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '变更对接状态（各步骤仅限相应一方）' })
  @ApiErrors(400, 401, 403, 404, 409)
  transition(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TransitionDto) {
    return this.cases.transition(actor, id, dto);
  }

  @Post(':id/tranches')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '登记放款（可分笔；累计不超过授信金额）' })
  @ApiErrors(400, 401, 403, 404, 409)
  tranche(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TrancheDto) {
    return this.cases.addTranche(actor, id, dto);
  }

  @Post(':id/choose')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '企业选择此授信方案（同一需求的其他对接随之结束）' })
  @ApiErrors(401, 403, 404, 409)
  choose(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.cases.choose(actor, id);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '市金融工作局改派（结束本对接，转给另一金融机构）' })
  @ApiErrors(400, 401, 403, 404, 409)
  reassign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReassignDto) {
    return this.cases.reassign(actor, id, dto);
  }

  @Post(':id/fund-use-checks')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '登记资金用途检查；用途偏离产生洗绿预警' })
  @ApiErrors(400, 401, 403, 404, 409)
  fundUse(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FundUseCheckDto) {
    return this.cases.addFundUseCheck(actor, id, dto);
  }

  @Get(':id/referrals')
  @Roles(Role.ENTERPRISE, Role.BUREAU)
  @ApiOperation({ summary: '转介选项：被婉拒后，尚未对接本需求的其他机构中最匹配的产品（无完全符合时为仅一项条件不符的产品，并说明），及已做的转介' })
  @ApiErrors(401, 403, 404)
  referrals(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.cases.referrals(actor, id);
  }

  @Post(':id/refer')
  @Roles(Role.ENTERPRISE, Role.BUREAU)
  @ApiOperation({ summary: '转介：被婉拒（或审查未通过）的对接把融资需求转给另一金融机构（企业选产品；市金融工作局选产品或机构），受领取名额限制，新机构收到通知' })
  @ApiErrors(400, 401, 403, 404, 409)
  refer(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReferDto) {
    return this.cases.refer(actor, id, dto);
  }
}
