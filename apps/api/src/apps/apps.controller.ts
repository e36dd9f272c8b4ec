import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../access/admin-token.guard';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { SECURITY } from '../openapi/openapi-document';
import { AppsService } from './apps.service';
import { AppListResponseDto, AppResponseDto, AppSummaryDto } from './dto/app-response.dto';
import { CreateAppDto } from './dto/create-app.dto';
import { ListAppsQueryDto } from './dto/list-apps-query.dto';
import { UpdateAppDto } from './dto/update-app.dto';

/** Admin API for tenants. Every change reaches the realtime servers at once. */
@ApiTags('admin')
@ApiSecurity(SECURITY.admin)
@UseGuards(AdminTokenGuard)
@Controller('admin/apps')
export class AppsController {
  constructor(private readonly apps: AppsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an app', description: 'Generates the key and secret (and the id when not given).' })
  @ApiCreatedResponse({ type: AppResponseDto })
  @ApiErrors(400, 401, 403, 409)
  async create(@Body() dto: CreateAppDto): Promise<AppResponseDto> {
    return AppResponseDto.of(await this.apps.create(dto));
  }

  @Get()
  @ApiOperation({ summary: 'List apps', description: 'Oldest first, without secrets.' })
  @ApiOkResponse({ type: AppListResponseDto })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: ListAppsQueryDto): Promise<AppListResponseDto> {
    const [apps, total] = await this.apps.list(query.limit, query.offset);
    return { apps: apps.map((app) => AppSummaryDto.summary(app)), total };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Show an app with its credentials' })
  @ApiParam({ name: 'id', example: '1234567' })
  @ApiOkResponse({ type: AppResponseDto })
  @ApiErrors(401, 403, 404)
  async get(@Param('id') id: string): Promise<AppResponseDto> {
    return AppResponseDto.of(await this.apps.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an app',
    description: 'Name, enabled, limits, client events, webhooks, encryption key. The key is immutable.',
  })
  @ApiParam({ name: 'id', example: '1234567' })
  @ApiOkResponse({ type: AppResponseDto })
  @ApiErrors(400, 401, 403, 404)
  async update(@Param('id') id: string, @Body() dto: UpdateAppDto): Promise<AppResponseDto> {
    return AppResponseDto.of(await this.apps.update(id, dto));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable an app',
    description: 'Its connections are refused and its API calls rejected until it is enabled again.',
  })
  @ApiParam({ name: 'id', example: '1234567' })
  @ApiOkResponse({ type: AppResponseDto })
  @ApiErrors(401, 403, 404)
  async disable(@Param('id') id: string): Promise<AppResponseDto> {
    return AppResponseDto.of(await this.apps.setEnabled(id, false));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable an app' })
  @ApiParam({ name: 'id', example: '1234567' })
  @ApiOkResponse({ type: AppResponseDto })
  @ApiErrors(401, 403, 404)
  async enable(@Param('id') id: string): Promise<AppResponseDto> {
    return AppResponseDto.of(await this.apps.setEnabled(id, true));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the secret', description: 'A new random secret replaces the old one at once; the key stays.' })
  @ApiParam({ name: 'id', example: '1234567' })
  @ApiOkResponse({ type: AppResponseDto })
  @ApiErrors(401, 403, 404)
  async rotateSecret(@Param('id') id: string): Promise<AppResponseDto> {
    return AppResponseDto.of(await this.apps.rotateSecret(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an app', description: 'Removes the app and its messages.' })
  @ApiParam({ name: 'id', example: '1234567' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiErrors(401, 403, 404)
  async delete(@Param('id') id: string): Promise<void> {
    await this.apps.delete(id);
  }
}
