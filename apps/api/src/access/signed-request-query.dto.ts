import { ApiHideProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/**
 * The Pusher signing parameters, so a query DTO of an app-authenticated route accepts them alongside its own
 * fields. The guard has already verified them; they are documented once, by the `signed-request` security scheme.
 */
export class SignedRequestQueryDto {
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  auth_key?: string;

  @ApiHideProperty()
  @IsOptional()
  @IsString()
  auth_timestamp?: string;

  @ApiHideProperty()
  @IsOptional()
  @IsString()
  auth_version?: string;

  @ApiHideProperty()
  @IsOptional()
  @IsString()
  body_md5?: string;

  @ApiHideProperty()
  @IsOptional()
  @IsString()
  auth_signature?: string;
}
