import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../access/admin-token.guard';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { SECURITY } from '../openapi/openapi-document';
import { AdminStatsResponseDto } from './admin-stats-response.dto';
import { AdminStatsService } from './admin-stats.service';

/** The dashboard's overview of the platform. */
@ApiTags('admin')
@ApiSecurity(SECURITY.admin)
@UseGuards(AdminTokenGuard)
@Controller('admin/stats')
export class AdminStatsController {
  constructor(private readonly stats: AdminStatsService) {}

  @Get()
  @ApiOperation({
    summary: 'Platform overview',
    description: 'Messages per status (last hour and total), queue depth and failures, live connections per app.',
  })
  @ApiOkResponse({ type: AdminStatsResponseDto })
  @ApiErrors(401, 403)
  overview(): Promise<AdminStatsResponseDto> {
    return this.stats.overview();
  }
}
