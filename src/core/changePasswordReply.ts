/**
 * A ChangePassword reply counts as success only when it is IAM's. ChangePassword has no output, so
 * the SDK accepts any 2xx whose body parses as XML or is empty: a proxy's or captive portal's HTML
 * page, `<Foo/>`, nothing at all. Saying "changed" then would be a guess.
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import { HttpResponse } from '@smithy/core/protocols';
import type { DeserializeHandler, DeserializeHandlerArguments, DeserializeHandlerOutput, MetadataBearer } from '@smithy/types';

/** A 2xx to ChangePassword that is not IAM's ChangePasswordResponse; whether the change happened is unknown. */
class UnexpectedReplyError extends Error {
  constructor(contentType: string | undefined) {
    // Never the body: a gateway may echo the request, passwords included. Untranslated, like the SDK's errors.
    super(`The success reply to ChangePassword is not IAM's ChangePasswordResponse (Content-Type: ${contentType ?? 'none'}).`);
    this.name = 'UnexpectedReply';
  }
}

/** IAM's success body: an XML document whose root element is ChangePasswordResponse (the SDK has already parsed it). */
const CHANGE_PASSWORD_RESPONSE = /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[^]*?-->\s*)*<ChangePasswordResponse[\s>]/;

function isIamReply(response: unknown): boolean {
  if (!HttpResponse.isInstance(response) || !(response.body instanceof Uint8Array)) {
    return false;
  }
  return CHANGE_PASSWORD_RESPONSE.test(Buffer.from(response.body).toString('utf8'));
}

/** Adds the check to the client ChangePassword is sent with: around the SDK's own deserializer, inside its retries. */
export function requireChangePasswordReply(client: IAMClient): void {
  client.middlewareStack.add(
    <Output extends MetadataBearer>(next: DeserializeHandler<object, Output>) =>
      async (args: DeserializeHandlerArguments<object>): Promise<DeserializeHandlerOutput<Output>> => {
        const result = await next(args);
        if (!isIamReply(result.response)) {
          const headers = HttpResponse.isInstance(result.response) ? result.response.headers : {};
          const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
          throw new UnexpectedReplyError(contentType);
        }
        return result;
      },
    { step: 'deserialize', priority: 'high', name: 'requireChangePasswordReply' },
  );
}
