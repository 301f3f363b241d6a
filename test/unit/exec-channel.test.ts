/**
 * The exec channel protocol and the Statuses on channel 3, as upstream's stream translator writes
 * them (codeExitToStatusError, apierrors.NewInternalError, metav1.Status without kind/apiVersion).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Channel, channelFrame, execStatus, internalErrorStatus, parseChannelFrame } from '../../src/http/exec-socket.js';

test('channel frames: first byte is the channel', () => {
  assert.deepEqual([...channelFrame(Channel.stdout, 'hi')], [1, 104, 105]);
  assert.deepEqual([...channelFrame(Channel.close, Buffer.from([0]))], [255, 0]);
  assert.deepEqual(parseChannelFrame(Buffer.from([0, 97])), { channel: 0, data: Buffer.from('a') });
  assert.equal(parseChannelFrame(Buffer.alloc(0)), undefined);
});

const cases: Array<[string, Parameters<typeof execStatus>[0], string]> = [
  ['exit 0', { exitCode: 0 }, '{"metadata":{},"status":"Success"}'],
  [
    'exit 3',
    { exitCode: 3 },
    '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: command terminated with exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}',
  ],
  [
    'a node error',
    { error: 'unable to upgrade connection: container not found ("x")' },
    '{"metadata":{},"status":"Failure","message":"Internal error occurred: unable to upgrade connection: container not found (\\"x\\")","reason":"InternalError","details":{"causes":[{"message":"unable to upgrade connection: container not found (\\"x\\")"}]},"code":500}',
  ],
];
for (const [name, outcome, json] of cases) {
  test(`status JSON: ${name}`, () => {
    assert.equal(JSON.stringify(execStatus(outcome)), json);
  });
}

test('internal errors wrap once more each time they pass a translator', () => {
  assert.equal(internalErrorStatus('Internal error occurred: boom').message, 'Internal error occurred: Internal error occurred: boom');
});
