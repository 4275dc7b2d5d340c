import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { CreateNeedDto, ListNeedsQuery, UpdateNeedDto, WithdrawNeedDto } from './dto/need.dto';
import { FinancingNeedsService } from './financing-needs.service';

const READERS = [Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU, Role.BANK];
const WRITERS = [Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU];

@ApiTags('financing-needs 融资需求')
@ApiBearerAuth()
@Controller('financing-needs')
export class FinancingNeedsController {
  constructor(private readonly needs: FinancingNeedsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '融资需求列表：企业看本企业；银行看共享给本机构且项目已入库的待对接需求' })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListNeedsQuery) {
    return this.needs.list(actor, query);
  }

  @Get('stats')
  @Roles(...READERS, Role.REGULATOR)
  @ApiOperation({ summary: '融资需求统计：按状态、融资方式、县区的笔数与金额' })
  @ApiErrors(401, 403)
  stats(@CurrentActor() actor: Actor) {
    return this.needs.stats(actor);
  }

  @Get('banks')
  @Roles(...WRITERS)
  @ApiOperation({ summary: '可指定共享的金融机构（名称列表）' })
  @ApiErrors(401, 403)
  banks() {
    return this.needs.banks();
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: '融资需求详情；银行在承接需求前看到的企业联系方式为掩码' })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.needs.get(actor, id);
  }

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({ summary: '登记融资需求（按项目或企业整体），并选择共享范围' })
  @ApiErrors(400, 401, 403, 404, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateNeedDto) {
    return this.needs.create(actor, dto);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: '修改融资需求（待对接时）；version 不符返回409' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateNeedDto) {
    return this.needs.update(actor, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: '撤回融资需求' })
  @ApiErrors(400, 401, 403, 404, 409)
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: WithdrawNeedDto) {
    return this.needs.withdraw(actor, id, dto.version);
  }
}
