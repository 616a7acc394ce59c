// node 20 lacks fs.globSync (node 22+); the conformance CLI imports it for its tier-check command only
export * from 'node:fs';
import fs from 'node:fs';
export default fs;
export function globSync() {
  throw new Error('fs.globSync needs node 22 or later');
}
