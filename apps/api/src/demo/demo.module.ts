import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { DemoController } from './demo.controller';

/** `POST /demo/token` for the demo pages; answers 404 unless DEMO_MODE is on. */
@Module({
  imports: [AuthModule],
  controllers: [DemoController],
})
export class DemoModule {}
