// ChangePassword has no output, so the SDK accepts any 2xx that parses as XML or is empty (a captive portal's page, `<Foo/>`, nothing):
// saying "changed" then would be a guess. Success is IAM's own reply only.
import type { IAMClient } from '@aws-sdk/client-iam';
import { HttpResponse } from '@smithy/core/protocols';
import type { DeserializeHandler, DeserializeHandlerArguments, DeserializeHandlerOutput, MetadataBearer } from '@smithy/types';

/**
 * Whether the body is an XML document whose root element is ChangePasswordResponse (the SDK has
 * already parsed it). Step by step, each pattern anchored where the last ended: a server's reply is
 * read in linear time.
 */
export function isChangePasswordResponse(body: string): boolean {
  let at = 0;
  const skip = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    const match = pattern.exec(body);
    at += match?.[0].length ?? 0;
    return match !== null;
  };
  skip(/\uFEFF?\s*/y);
  if (skip(/<\?xml[^>]*\?>/y)) {
    skip(/\s*/y);
  }
  while (skip(/<!--[^]*?-->/y)) {
    skip(/\s*/y);
  }
  return skip(/<ChangePasswordResponse[\s>]/y);
}

export function requireChangePasswordReply(client: IAMClient): void {
  client.middlewareStack.add(
    <Output extends MetadataBearer>(next: DeserializeHandler<object, Output>) =>
      async (args: DeserializeHandlerArguments<object>): Promise<DeserializeHandlerOutput<Output>> => {
        const result = await next(args);
        const { response } = result;
        if (
          !HttpResponse.isInstance(response) ||
          !(response.body instanceof Uint8Array) ||
          !isChangePasswordResponse(Buffer.from(response.body).toString('utf8'))
        ) {
          const contentType = HttpResponse.isInstance(response) ? response.headers['content-type'] : undefined;
          // A 2xx that is not IAM's: whether the change happened is unknown. Never the body: a gateway
          // may echo the request, passwords included. Untranslated, like the SDK's errors.
          const error = new Error(`The success reply to ChangePassword is not IAM's ChangePasswordResponse (Content-Type: ${contentType ?? 'none'}).`);
          error.name = 'UnexpectedReply';
          throw error;
        }
        return result;
      },
    { step: 'deserialize', priority: 'high', name: 'requireChangePasswordReply' },
  );
}
