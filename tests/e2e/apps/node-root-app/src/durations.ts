import ms from 'ms';

export interface Parsed {
  input: string;
  millis: number;
  pretty: string;
}

export function parseAll(inputs: readonly string[]): Parsed[] {
  return inputs.map((input) => {
    const millis = ms(input);
    if (typeof millis !== 'number' || Number.isNaN(millis)) {
      throw new Error(`cannot parse duration: ${input}`);
    }
    return { input, millis, pretty: ms(millis, { long: true }) };
  });
}
