import type { EmulatorContext, EmulatorModule } from '../types';
import { FunctionError } from './runner';

/**
 * `cloud.callFunction` from inside a function. WeChat does not hand the caller's user identity to
 * the called function, so neither does the emulator: pass ids in the data when the callee needs them.
 */
export function createFunctionsModule(ctx: EmulatorContext): EmulatorModule {
  return {
    name: 'functions',
    actions: {
      'functions.invokeFunction': async (body) => {
        const name = body.function_name;
        if (typeof name !== 'string' || !name) return { code: 'INVALID_PARAM', message: 'function_name is required' };
        let event: unknown = {};
        if (typeof body.request_data === 'string' && body.request_data) {
          try {
            event = JSON.parse(body.request_data);
          } catch {
            return { code: 'INVALID_PARAM', message: 'request_data must be a JSON string' };
          }
        }
        try {
          const { result, requestId } = await ctx.invokeFunction(name, event, { OPENID: '', SOURCE: 'wx_cloud' });
          return { data: { response_data: JSON.stringify(result) }, invokeRequestId: requestId };
        } catch (e) {
          if (e instanceof FunctionError) {
            const code = e.code === 'FUNCTION_NOT_FOUND' ? 'FUNCTIONS_REQUEST_FAIL' : 'FUNCTIONS_EXECUTE_FAIL';
            return { code, message: e.message.split('\n')[0] };
          }
          throw e;
        }
      },
    },
  };
}
