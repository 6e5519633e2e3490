import * as assert from 'node:assert/strict';

/** Width and height of a PNG, from its IHDR chunk; fails the test when `data` is no PNG. */
export function pngSize(data: Buffer): { width: number; height: number } {
  assert.equal(data.subarray(1, 4).toString('latin1'), 'PNG', 'not a PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
