import { Injectable } from '@nestjs/common';

// STUB: filled in by its owner.
@Injectable()
export class ScheduleService {}
