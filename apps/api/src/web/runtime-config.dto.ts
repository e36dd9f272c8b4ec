import { ApiProperty } from '@nestjs/swagger';

/** `GET /config.json`: what the web pages need to connect, taken from this deployment's configuration. */
export class RuntimeConfigResponseDto {
  @ApiProperty({ description: 'App key of the default app.', example: 'app-key' })
  key!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Realtime host; null means the host the page was loaded from.', example: null })
  host!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Realtime port; null with a cluster means hosted Pusher.', example: 6001 })
  port!: number | null;

  @ApiProperty({ description: 'Whether the WebSocket uses TLS.', example: false })
  tls!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Hosted Pusher cluster, when the platform runs on hosted Pusher.',
    example: null,
  })
  cluster!: string | null;

  @ApiProperty({ description: "Base URL of the api; '' is the page's own origin.", example: '' })
  apiUrl!: string;

  @ApiProperty({ description: 'Whether `POST /demo/token` is available.', example: true })
  demo!: boolean;
}
