import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { DomainException } from '../common/domain.exception';
import { createValidationPipe } from './validation.pipe';

class Inner {
  @IsInt()
  count!: number;
}

class Outer {
  @IsString()
  name!: string;

  @ValidateNested({ each: true })
  @Type(() => Inner)
  items!: Inner[];
}

const metadata: ArgumentMetadata = { type: 'body', metatype: Outer };

describe('createValidationPipe', () => {
  it('reports each invalid field by its path, unknown fields included', async () => {
    const error = (await createValidationPipe()
      .transform({ name: 3, items: [{ count: 1 }, { count: 'x' }], extra: 1 }, metadata)
      .catch((caught: unknown) => caught)) as DomainException;
    expect(error).toBeInstanceOf(DomainException);
    expect(error.details?.map((detail) => detail.field).sort()).toEqual(['extra', 'items.1.count', 'name']);
  });

  it('returns a DTO instance for a valid body', async () => {
    const value: unknown = await createValidationPipe().transform({ name: 'a', items: [{ count: 2 }] }, metadata);
    expect(value).toBeInstanceOf(Outer);
  });
});
