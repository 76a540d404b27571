// The compiler file of @ts-morph/common exports the `ts` namespace itself (its package types declare
// it as the package's `ts` export).
declare module '@ts-morph/common/dist/typescript.js' {
  import { ts } from '@ts-morph/common';
  export = ts;
}
