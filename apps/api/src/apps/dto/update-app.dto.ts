import { PartialType } from '@nestjs/swagger';
import { AppSettingsDto } from './create-app.dto';

/** `PATCH /admin/apps/{id}`: any settings; id and key never change, the secret changes by rotation. */
export class UpdateAppDto extends PartialType(AppSettingsDto) {}
