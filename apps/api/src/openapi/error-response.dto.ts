import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Messages about one field of the request. */
export class FieldErrorDto {
  @ApiProperty({ example: 'channels.0' })
  field!: string;

  @ApiProperty({
    type: [String],
    example: ['channels.0: Channel name "a b" contains characters other than A-Z a-z 0-9 _ - = @ , . ; (first: " ")'],
  })
  messages!: string[];
}

/** Body of every error answer. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ description: 'Machine-readable error code.', example: 'validation_failed' })
  error!: string;

  @ApiProperty({ example: 'Validation failed' })
  message!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Per-field problems (validation errors).' })
  details?: FieldErrorDto[];
}
