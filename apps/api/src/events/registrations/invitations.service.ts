import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CommonErrorCode, EventOrgRef, EventStatus, InvitationPreview, InvitationSendResult, OrgType } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app.exception';
import { EnterprisesService } from '../../enterprises';
import { NotificationsService } from '../../notifications';
import { MatchmakingEvent } from '../event.entity';
import { findEvent } from '../event-guards';
import { sendInvitations, syncEventReminders } from '../event-reminders';
import { EventErrorCode } from '../events.errors';
import { EventsService } from '../events.service';
import { InvitationFilterDto } from './dto/invitation.dto';

export const INVITATION_SAMPLE_SIZE = 20;

interface Picked extends EventOrgRef {
  invited: boolean;
}

/**
 * The bureau invites with the library's own filters: enterprises picked by EnterprisesService
 * (county, category, green grade, open needs and their amount range, combined with AND), banks by
 * name or all of them, and further organisations by id. The preview counts them before sending;
 * sending adds them to the event's invitees (EventsService.setInvitees) and, once the event is
 * published, tells the newly invited only.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly events: EventsService,
    private readonly enterprises: EnterprisesService,
  ) {}

  /** The organisations the filter picks (each once), not yet invited first, then by kind and name. */
  private async pick(m: EntityManager, eventId: string, f: InvitationFilterDto): Promise<Picked[]> {
    if (f.needAmountMin && f.needAmountMax && Number(f.needAmountMin) > Number(f.needAmountMax)) {
      throw AppException.badRequest('需求金额上限不能小于下限', CommonErrorCode.VALIDATION_FAILED, [{ field: 'needAmountMax', messages: ['需求金额上限不能小于下限'] }]);
    }
    const banks = [...new Set(f.bankOrganizationIds ?? [])];
    if (banks.length) {
      const found: { id: string }[] = await m.query(`SELECT id FROM organizations WHERE id = ANY($1::uuid[]) AND type = $2`, [banks, OrgType.FINANCIAL_INSTITUTION]);
      if (found.length !== banks.length) {
        throw AppException.badRequest('所选金融机构不存在', EventErrorCode.INVITEE_INVALID, [{ field: 'bankOrganizationIds', messages: ['含有不存在或不是金融机构的机构'] }]);
      }
    }
    const others = [...new Set(f.organizationIds ?? [])];
    if (others.length) {
      const found: { id: string }[] = await m.query(`SELECT id FROM organizations WHERE id = ANY($1::uuid[])`, [others]);
      if (found.length !== others.length) {
        throw AppException.badRequest('受邀机构不存在', EventErrorCode.INVITEE_INVALID, [{ field: 'organizationIds', messages: ['含有不存在的机构'] }]);
      }
    }
    const enterprises = await this.enterprises.selectIds(f, m);
    const ids = [...new Set([...enterprises, ...banks, ...others])];
    if (!ids.length && !f.allBanks) return [];
    // Names and kinds of what was picked (and every bank, when asked for all).
    const rows: { id: string; name: string; type: string; invited: boolean }[] = await m.query(
      `SELECT o.id, o.name, o.type, EXISTS (SELECT 1 FROM event_invitations i WHERE i.event_id = $1 AND i.organization_id = o.id) AS invited
         FROM organizations o
        WHERE o.id = ANY($2::uuid[]) OR ($3 AND o.type = 'FINANCIAL_INSTITUTION')
        ORDER BY 4, CASE o.type WHEN 'ENTERPRISE' THEN 0 WHEN 'FINANCIAL_INSTITUTION' THEN 1 ELSE 2 END, o.name, o.id`,
      [eventId, ids, f.allBanks === true],
    );
    return rows;
  }

  private summary(picked: Picked[]): InvitationPreview {
    return {
      enterprises: picked.filter((o) => o.type === OrgType.ENTERPRISE).length,
      banks: picked.filter((o) => o.type === OrgType.FINANCIAL_INSTITUTION).length,
      others: picked.filter((o) => o.type !== OrgType.ENTERPRISE && o.type !== OrgType.FINANCIAL_INSTITUTION).length,
      alreadyInvited: picked.filter((o) => o.invited).length,
      sample: picked.slice(0, INVITATION_SAMPLE_SIZE).map(({ id, name, type }) => ({ id, name, type })),
    };
  }

  private checkOpen(e: MatchmakingEvent) {
    if (e.status === EventStatus.HELD || e.status === EventStatus.CANCELLED) {
      throw AppException.conflict(`活动${e.status === EventStatus.HELD ? '已结束' : '已取消'}，不能再邀请`, EventErrorCode.STATE_CONFLICT);
    }
  }

  /** How many the filter picks, by kind, how many of them are already invited, and the first names. */
  async preview(actor: Actor, eventId: string, f: InvitationFilterDto): Promise<InvitationPreview> {
    const m = this.dataSource.manager;
    const e = await findEvent(m, eventId);
    this.checkOpen(e);
    return this.summary(await this.pick(m, eventId, f));
  }

  /** Invites them: the newly invited are told when the event is published (a draft's at publish). */
  send(actor: Actor, eventId: string, f: InvitationFilterDto): Promise<InvitationSendResult> {
    return this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      this.checkOpen(e);
      const picked = await this.pick(m, eventId, f);
      const added = await this.events.setInvitees(m, eventId, picked.map((o) => o.id), { replace: false, field: 'organizationIds' });
      const inviteeCount = (await this.events.invitees(m, eventId)).length;
      await this.audit.record(m, actor, {
        action: 'event.invite',
        entityType: 'event',
        entityId: eventId,
        after: { filter: { ...f }, addedOrganizationIds: added, inviteeCount },
      });
      if (added.length) {
        await sendInvitations(m, this.notifications, e, added);
        await syncEventReminders(m, this.notifications, e);
      }
      return { added: added.length, alreadyInvited: picked.length - added.length, inviteeCount };
    });
  }
}
