/**
 * An IAM endpoint that echoes the request form back, as some gateways, proxies and debugging
 * servers do: every password the request carried comes back in the answer, in several encodings.
 */
export type FormEchoStyle = 'xmlError' | 'htmlGateway' | 'everyEncoding';

export interface FormEcho {
  style: FormEchoStyle;
  /** Only requests for this Action; ChangePassword when absent. */
  action?: string;
  /** Process the request (so the password changes) before echoing; default false. */
  applied?: boolean;
  /** Echo the last form of this other action instead of the request's own, as a debugging gateway's "last request" page does. */
  replay?: string;
}

export interface EchoAnswer {
  status: number;
  contentType: string;
  body: string;
}

const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
/** Every character a numeric reference, as some XML writers do. */
const numericReferences = (text: string): string => [...text].map((c) => `&#${c.codePointAt(0)};`).join('');
/** Every character but letters, digits and _ as \uXXXX, as some JSON writers do (Python's ensure_ascii, and more). */
const unicodeEscaped = (text: string): string => text.replace(/\W/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * xmlError: a 400 AWS error whose message quotes the raw form and the decoded values.
 * htmlGateway: a 502 page that shows the raw form, the decoded values HTML-escaped, as numeric
 * references, and as JSON (plain and \u-escaped).
 * everyEncoding: a 502 debugging page with each value raw, percent-encoded once and twice,
 * XML-escaped, as numeric references, JSON-escaped (plain and \u), in base64, and as its UTF-8
 * bytes read as Latin-1; and the whole form in base64.
 */
export function echoAnswer(style: FormEchoStyle, rawBody: string, params: URLSearchParams, namespace: string, requestId: string): EchoAnswer {
  const pairs = [...params];
  if (style === 'xmlError') {
    const decoded = pairs.map(([name, value]) => `${name}="${value}"`).join(', ');
    const message = `Could not read the request body ${rawBody} (parameters: ${decoded})`;
    return {
      status: 400,
      contentType: 'text/xml',
      body:
        `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>MalformedInput</Code>` +
        `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  const values = Object.fromEntries(pairs);
  if (style === 'everyEncoding') {
    const forms = (value: string): string[] => [
      value,
      encodeURIComponent(value),
      encodeURIComponent(encodeURIComponent(value)),
      escapeXml(value),
      numericReferences(value),
      JSON.stringify(value),
      unicodeEscaped(value),
      Buffer.from(value).toString('base64'),
      Buffer.from(value, 'utf8').toString('latin1'),
    ];
    return {
      status: 502,
      contentType: 'text/html; charset=utf-8',
      body: [
        '<html><body><h1>502 Bad Gateway</h1><pre>',
        ...pairs.map(([name, value]) => `${name}: ${forms(value).join(' | ')}`),
        `form (base64): ${Buffer.from(rawBody).toString('base64')}`,
        '</pre></body></html>',
      ].join('\n'),
    };
  }
  return {
    status: 502,
    contentType: 'text/html; charset=utf-8',
    body: [
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>',
      `<p>The upstream server did not answer. Your request:</p><pre>${escapeXml(rawBody)}</pre>`,
      `<dl>${pairs.map(([name, value]) => `<dt>${escapeXml(name)}</dt><dd>${escapeXml(value)}</dd>`).join('')}</dl>`,
      `<p hidden>${pairs.map(([name, value]) => `${name}=${numericReferences(value)}`).join(' ')}</p>`,
      `<script>var request = ${JSON.stringify(values)}; var escaped = {${pairs.map(([name, value]) => `"${name}":"${unicodeEscaped(value)}"`).join(',')}};</script>`,
      '</body></html>',
    ].join('\n'),
  };
}
