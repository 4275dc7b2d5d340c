import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

// STUB: filled in by its owner.
@ApiTags('events 宣讲·推介·对接会')
@ApiBearerAuth()
@Controller('events')
export class RegistrationsController {}
