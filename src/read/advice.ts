/**
 * What a status word means for the person holding the card, and what to try, for the steps
 * where a card can stop a read: SELECT (EMV Book 1 §12) and GET PROCESSING OPTIONS (Book 3
 * §6.5.8.4).
 */

import { describeSw, formatSw } from '../apdu/status.js';
import type { ErrorCode } from '../errors.js';

export interface Advice {
  code: ErrorCode;
  message: string;
}

const SELECT: Record<string, string> = {
  '6A82': 'the card has no such application',
  '6A81':
    'the card or this application is blocked (function not supported); the issuer can unblock it',
  '6283': 'this application is blocked on the card (selected file invalidated); skipping it',
  '6985':
    'the card refuses to select this application now; try the other interface (contact or contactless)',
  '6999': 'the card refused selection (ISO 7816 class 69); try the other interface',
  '6D00':
    'the card does not know SELECT on this interface; try the other interface (contact or contactless)',
  '6E00': 'the card rejected the command class; it may not be a payment card',
  '6700': 'the card rejected the command length; the reader may be altering APDUs',
};

const GPO: Record<string, Advice> = {
  '6985': {
    code: 'CARD_REFUSED',
    message:
      'the card refused GET PROCESSING OPTIONS (6985, conditions of use not satisfied); ' +
      'it may need a proprietary kernel this reader does not speak, or the other interface',
  },
  '6700': {
    code: 'CARD_REFUSED',
    message: 'the card refused the processing options data (6700, wrong length)',
  },
  '6986': {
    code: 'WALLET_LOCKED',
    message:
      'the phone wallet refused to pay (6986): unlock the phone or authenticate in the wallet ' +
      '(Face ID, fingerprint, passcode), keep the wallet open, and hold it to the reader again',
  },
  '6982': {
    code: 'CARD_REFUSED',
    message:
      'the card requires a security condition this reader cannot meet (6982); a phone may need to be unlocked',
  },
  '6984': {
    code: 'CARD_REFUSED',
    message:
      'the card says its data is not usable (6984): the application is probably blocked or expired',
  },
  '6A81': {
    code: 'CARD_REFUSED',
    message: 'the application is blocked (6A81); the issuer can tell why',
  },
  '6A88': {
    code: 'CARD_REFUSED',
    message: 'the card lacks data it needs to start a transaction (6A88)',
  },
  '6D00': {
    code: 'CARD_REFUSED',
    message:
      'the card does not support GET PROCESSING OPTIONS here (6D00): try the other interface',
  },
};

export function selectAdvice(sw: number): string {
  return SELECT[formatSw(sw)] ?? `the card refused selection: ${describeSw(sw)} (${formatSw(sw)})`;
}

export function gpoAdvice(sw: number): Advice {
  return (
    GPO[formatSw(sw)] ?? {
      code: 'CARD_REFUSED',
      message: `the card refused GET PROCESSING OPTIONS: ${describeSw(sw)} (${formatSw(sw)})`,
    }
  );
}
