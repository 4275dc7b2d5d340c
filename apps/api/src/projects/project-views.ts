import type { ProjectAttachmentView, ProjectReviewEventView } from '@zj/shared';
import { isoTime } from '../common/time';
import type { ProjectAttachment, ProjectReviewEvent } from './project.entity';

/** A project's attachment and review step as the routes answer them (JSON's ISO timestamps). */
export const attachmentView = ({ content: _content, ...a }: ProjectAttachment): ProjectAttachmentView => ({ ...a, createdAt: isoTime(a.createdAt) });

export const reviewEventView = (e: ProjectReviewEvent): ProjectReviewEventView => ({ ...e, at: isoTime(e.at) });
