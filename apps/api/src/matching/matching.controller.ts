import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { MatchLimitQuery } from './matching.dto';
import { MatchingService } from './matching.service';

@ApiTags('matching 智能匹配')
@Controller()
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get('financing-needs/:id/matches')
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU, Role.COUNTY, Role.DEPARTMENT)
  @ApiOperation({ summary: '融资需求的匹配产品：得分（0–100）、逐项说明（符合/部分符合/不符合）及差一项符合的产品' })
  @ApiErrors(400, 401, 403, 404)
  forNeed(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: MatchLimitQuery) {
    return this.matching.forNeed(actor, id, q.limit ?? 20);
  }

  @Get('products/:id/matches')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '本机构某产品匹配的融资需求（已向本机构共享的）' })
  @ApiErrors(400, 401, 403, 404)
  forProduct(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: MatchLimitQuery) {
    return this.matching.forProduct(actor, id, q.limit ?? 50);
  }

  @Get('matches')
  @Roles(Role.BANK, Role.ENTERPRISE)
  @ApiOperation({ summary: '我的匹配：金融机构为推荐的融资需求；企业为各项融资需求的推荐产品' })
  @ApiErrors(400, 401, 403)
  mine(@CurrentActor() actor: Actor, @Query() q: MatchLimitQuery) {
    if (actor.role === Role.BANK) return this.matching.forBank(actor.organizationId, q.limit ?? 50);
    return this.matching.forEnterprise(actor.organizationId, q.limit ?? 5);
  }
}
