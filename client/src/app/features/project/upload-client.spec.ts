import { describe, expect, it } from 'vitest';
import { interpretUploadResponse } from './upload-client';

describe('interpretUploadResponse', () => {
  it('accepts 201 with the new transcript id', () => {
    expect(interpretUploadResponse(201, '{"id":"t1","status":"UPLOADED"}')).toEqual({
      kind: 'created',
      transcriptId: 't1',
    });
  });

  it('turns 409 into a duplicate that points at the existing transcript', () => {
    const body = JSON.stringify({
      code: 'CONFLICT',
      message: 'Identical file already uploaded',
      existingTranscriptId: 't0',
    });
    expect(interpretUploadResponse(409, body)).toEqual({
      kind: 'duplicate',
      existingTranscriptId: 't0',
      message: 'Identical file already uploaded',
    });
  });

  it('keeps the server message and code for refusals', () => {
    expect(
      interpretUploadResponse(
        413,
        '{"code":"PAYLOAD_TOO_LARGE","message":"The file is larger than 50 MB."}',
      ),
    ).toEqual({
      kind: 'failed',
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The file is larger than 50 MB.',
    });
    expect(
      interpretUploadResponse(400, '{"code":"BAD_USER_INPUT","message":"Field file is required"}'),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Field file is required',
    });
  });

  it('falls back to readable wording when the body is not JSON', () => {
    expect(interpretUploadResponse(413, '<html>Request Entity Too Large</html>')).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The file is larger than the server accepts.',
    });
    expect(interpretUploadResponse(502, '')).toMatchObject({
      code: 'UNKNOWN',
      message: expect.stringContaining('HTTP 502'),
    });
    expect(interpretUploadResponse(0, '')).toMatchObject({ code: 'NETWORK' });
    expect(interpretUploadResponse(401, '')).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
