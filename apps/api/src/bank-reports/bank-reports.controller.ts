import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { BankReportsService } from './bank-reports.service';
import { CoverageQuery, ListLoanReportsQuery, MonthParam, PutBankProfileDto, PutLoanReportDto, RatioQuery } from './dto/bank-report.dto';

const READERS = [Role.BUREAU, Role.REGULATOR];
const GOVERNMENT = [Role.BUREAU, Role.REGULATOR, Role.DEPARTMENT, Role.COUNTY];

@ApiTags('bank-reports 银行绿色信贷报送')
@ApiBearerAuth()
@Controller()
export class BankReportsController {
  constructor(private readonly banks: BankReportsService) {}

  @Get('bank-profiles/me')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '本机构的绿色金融资料（团队、法人农商行、环境信息披露）' })
  @ApiErrors(401, 403)
  myProfile(@CurrentActor() actor: Actor) {
    return this.banks.myProfile(actor);
  }

  @Put('bank-profiles/me')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '填写或修改本机构资料（修改时附版本号，过期得到409）' })
  @ApiErrors(400, 401, 403, 409)
  putMyProfile(@CurrentActor() actor: Actor, @Body() dto: PutBankProfileDto) {
    return this.banks.putMyProfile(actor, dto);
  }

  @Get('bank-profiles')
  @Roles(...READERS)
  @ApiOperation({ summary: '各金融机构资料（市金融工作局、监管部门）' })
  @ApiErrors(401, 403)
  profiles() {
    return this.banks.listProfiles();
  }

  @Get('bank-loan-reports/mine')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '本行历次绿色贷款月报' })
  @ApiErrors(401, 403)
  mine(@CurrentActor() actor: Actor) {
    return this.banks.myLoanReports(actor);
  }

  @Get('bank-loan-reports/coverage')
  @Roles(...READERS)
  @ApiOperation({ summary: '某月已报送、未报送的银行' })
  @ApiErrors(400, 401, 403)
  coverage(@Query() query: CoverageQuery) {
    return this.banks.coverage(query.month);
  }

  @Get('bank-loan-reports')
  @Roles(...READERS)
  @ApiOperation({ summary: '各银行绿色贷款月报（市金融工作局、监管部门）' })
  @ApiErrors(400, 401, 403)
  list(@Query() query: ListLoanReportsQuery) {
    return this.banks.listLoanReports(query);
  }

  @Put('bank-loan-reports/:month')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '报送或更正本行某月（YYYY-MM）月末绿色贷款余额与各项贷款余额（万元）' })
  @ApiErrors(400, 401, 403, 409)
  put(@CurrentActor() actor: Actor, @Param() params: MonthParam, @Body() dto: PutLoanReportDto) {
    return this.banks.putLoanReport(actor, params.month, dto);
  }

  @Get('green-loan-ratio')
  @Roles(...GOVERNMENT)
  @ApiOperation({ summary: '全市绿色信贷占比：按月 Σ绿色贷款余额 ÷ Σ各项贷款余额，含走势与目标线' })
  @ApiErrors(400, 401, 403)
  ratio(@Query() query: RatioQuery) {
    return this.banks.ratio(query);
  }
}
