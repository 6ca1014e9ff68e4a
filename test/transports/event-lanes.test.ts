import { describe, expect, it } from 'vitest';
import { EventLanes, isShed } from '../../src/transports/webex/event-lanes.js';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe('event lanes', () => {
  it('runs a lane in order and other lanes alongside', async () => {
    const lanes = new EventLanes({ eventsInFlight: 10, eventsPerRoom: 10 });
    const order: string[] = [];
    const first = gate();
    const a1 = lanes.take('room-a', async () => (await first.opened, order.push('a1')));
    const a2 = lanes.take('room-a', async () => order.push('a2'));
    const b1 = lanes.take('room-b', async () => order.push('b1'));
    await b1;
    expect(order).toEqual(['b1']); // room b did not wait for room a
    first.open();
    await Promise.all([a1, a2]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
    expect(lanes.inFlight).toBe(0);
  });

  it('sheds past the events in flight and past a lane\'s bound, and takes work again once they are done', async () => {
    const lanes = new EventLanes({ eventsInFlight: 3, eventsPerRoom: 2 });
    const hold = gate();
    const work = () => hold.opened;
    expect(isShed(lanes.take('a', work))).toBe(false);
    expect(isShed(lanes.take('a', work))).toBe(false);
    const laneFull = lanes.take('a', work);
    expect(laneFull).toMatchObject({ shed: true, reason: 'lane', inLane: 2 });
    expect(isShed(lanes.take('b', work))).toBe(false);
    expect(lanes.take('c', work)).toMatchObject({ shed: true, reason: 'in flight', inFlight: 3, shedSoFar: 2 });
    hold.open();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lanes.inFlight).toBe(0);
    expect(isShed(lanes.take('a', work))).toBe(false);
  });
});
