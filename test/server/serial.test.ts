import { describe, expect, it } from 'vitest';
import { KeyedSerial } from '../../server/domain/serial';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('KeyedSerial', () => {
  it('runs work of one key one at a time, in order', async () => {
    const serial = new KeyedSerial();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (n: number) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${n}`);
      await tick();
      log.push(`end ${n}`);
      running--;
      return n;
    };
    const results = await Promise.all([1, 2, 3].map((n) => serial.run('a', job(n))));
    expect(results).toEqual([1, 2, 3]);
    expect(most).toBe(1);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs different keys concurrently', async () => {
    const serial = new KeyedSerial();
    let running = 0;
    let most = 0;
    const job = async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    };
    await Promise.all([serial.run('a', job), serial.run('b', job)]);
    expect(most).toBe(2);
  });

  it('goes on after a failure and forgets idle keys', async () => {
    const serial = new KeyedSerial();
    const failed = serial.run('a', async () => {
      throw new Error('boom');
    });
    const next = serial.run('a', () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    await tick();
    expect(serial.size).toBe(0);
  });

  it('makes a read-then-write sequence safe', async () => {
    const serial = new KeyedSerial();
    let value = 0;
    const increment = async () => {
      const read = value;
      await tick();
      value = read + 1;
    };
    await Promise.all(Array.from({ length: 20 }, () => serial.run('k', increment)));
    expect(value).toBe(20);
  });
});
