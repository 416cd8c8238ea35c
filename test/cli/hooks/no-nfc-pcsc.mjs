// Node module hooks that make `nfc-pcsc` unresolvable, as on a machine where the optional
// dependency failed to build (no PC/SC headers). Loaded with `node --import`.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === 'nfc-pcsc') {
          const error = new Error("Cannot find package 'nfc-pcsc'");
          error.code = 'ERR_MODULE_NOT_FOUND';
          throw error;
        }
        return next(specifier, context);
      }
    `),
);
