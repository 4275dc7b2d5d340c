/**
 * Lengths of free-text fields, in characters: the API's DTOs check them (class-validator `Length` /
 * `MaxLength`) and the web's forms state them before submit (a counter under the field, a rule that
 * names the field). One table for both, so that the form never allows what the API refuses.
 */
export interface TextLimit {
  /** Fewest characters when filled in (a required field says so on its own). */
  min?: number;
  max: number;
}

export const TEXT_LIMITS = {
  /** 姓名 of a user, 联系人姓名 at registration. */
  personName: { min: 1, max: 100 },
  /** 机构名称 and 企业名称. */
  organizationName: { min: 2, max: 200 },
  /** 分支机构. */
  organizationBranch: { min: 1, max: 100 },
  projectName: { min: 2, max: 200 },
  projectLocation: { max: 200 },
  projectDescription: { max: 5000 },
  projectOtherBenefits: { max: 500 },
  needPurpose: { min: 2, max: 500 },
  needCollateralNote: { max: 200 },
  enterpriseLegalRepresentative: { max: 50 },
  enterpriseAddress: { max: 200 },
  enterpriseBusinessScope: { max: 2000 },
  enterpriseContactName: { min: 1, max: 50 },
  industryName: { max: 100 },
  carbonIntensityUnit: { max: 40 },
  eventTitle: { min: 2, max: 200 },
  eventVenue: { min: 2, max: 200 },
  eventDescription: { max: 5000 },
  eventOnlineLink: { max: 500 },
  agendaTitle: { min: 1, max: 100 },
  agendaSpeaker: { max: 100 },
  /** 具体工作内容 of a plan's work item. */
  workItemText: { min: 2, max: 2000 },
  /** 说明 of a bank's monthly loan report. */
  loanReportNote: { max: 500 },
  /** 团队说明 of a bank's green finance profile. */
  greenTeamNote: { max: 500 },
  /** 披露报告链接. */
  disclosureUrl: { max: 500 },
} as const satisfies Record<string, TextLimit>;

/** The most registrations (organisations) an event takes: its 名额 is 1 to this. */
export const MAX_EVENT_CAPACITY = 5000;
