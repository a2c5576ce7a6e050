import { StreamableFile } from '@nestjs/common';

/**
 * One whole audit body as a file: JSON when it is complete JSON, else text (an answer cut at the
 * response limit). `name` parts are joined with the part ("request", "response-incomplete").
 */
export function auditDownload(
  body: string,
  complete: boolean,
  name: string[],
  part: 'request' | 'response',
): StreamableFile {
  const json = complete && isJson(body);
  const filename = [...name, complete ? part : `${part}-incomplete`].join('-');
  const bytes = Buffer.from(body, 'utf8');
  return new StreamableFile(bytes, {
    type: json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    disposition: `attachment; filename="${filename}.${json ? 'json' : 'txt'}"`,
    length: bytes.length,
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
