import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Workbench } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { AnyRole, CurrentActor } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { WorkbenchService } from './workbench.service';

@ApiTags('workbench 工作台')
@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary:
      '工作台：当前用户的待办（按角色）：企业为退回的项目、待处理的对接、活动邀请与绿色评级；金融机构为限时答复（剩余工作日，超时在前）、待推进的对接、资金用途检查、到期产品；县区与行业主管部门为待审核项目与进展报送；市金融工作局为今日概况与待办；监管部门为本单位任务的数据。金融机构、企业仅本机构的',
  })
  @ApiErrors(401)
  get(@CurrentActor() actor: Actor): Promise<Workbench> {
    return this.workbench.forActor(actor);
  }
}
