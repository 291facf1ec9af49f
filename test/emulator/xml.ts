import type { ApiError } from './errors';

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Element content: text, a nested element map, a list (each item a `<member>`), or undefined to leave the element out. */
export type XmlValue = string | number | boolean | Date | XmlFields | XmlFields[] | undefined;
export interface XmlFields {
  [element: string]: XmlValue;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** ISO 8601 without milliseconds, as IAM and STS print timestamps. */
export function awsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function renderValue(value: Exclude<XmlValue, undefined>): string {
  if (value instanceof Date) {
    return awsTimestamp(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => `<member>${renderFields(item)}</member>`).join('');
  }
  if (typeof value === 'object') {
    return renderFields(value);
  }
  return escapeXml(String(value));
}

function renderFields(fields: XmlFields): string {
  return Object.entries(fields)
    .map(([name, value]) => (value === undefined ? '' : `<${name}>${renderValue(value)}</${name}>`))
    .join('');
}

/**
 * `<ActionResponse xmlns=..><ActionResult>..</ActionResult><ResponseMetadata>..`;
 * operations without output (ChangePassword) have no Result element.
 */
export function successXml(namespace: string, action: string, result: XmlFields | undefined, requestId: string): string {
  const resultXml = result === undefined ? '' : `<${action}Result>${renderFields(result)}</${action}Result>`;
  return (
    `<${action}Response xmlns="${namespace}">${resultXml}` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>\n`
  );
}

/** The Query protocol error shape; IAM and STS differ only in the namespace. */
export function errorXml(namespace: string, error: ApiError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${namespace}"><Error>` +
    `<Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `</Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>\n`
  );
}
