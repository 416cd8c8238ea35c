#!/usr/bin/env node
/**
 * Generates src/dictionary/tags.generated.ts, the EMV data dictionary as plain data.
 *
 * Input: ../shared/oda/tags.json (names, formats, sources, templates and lengths merged from
 * public dictionaries, with their provenance). The public dictionaries disagree and are often
 * loose, so the rows below marked CANON fix the canonical name (EMV Book 3 Annex A wording, and
 * the contactless books C-2 to C-7 for kernel tags), format, source, template and length of the
 * data objects that matter most; every other tag takes the best-sourced value from tags.json.
 *
 *     node scripts/gen-dictionary.mjs            # reads ../shared, writes the TS file
 *
 * The output is committed; the build and the tests do not need ../shared.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const input = JSON.parse(readFileSync(join(root, '..', 'shared', 'oda', 'tags.json'), 'utf8'));

// [tag, name, format, source, templates (space separated, '-' none), length 'n' or 'min-max']
// EMV Book 3 Annex A (v4.3), Book 1 §11-12 (selection), Book B (entry point), Book 4 Annex A.
const CANON = [
  ['42', 'Issuer Identification Number (IIN)', 'n', 'card', 'BF0C 73', '3'],
  ['4F', 'Application Dedicated File (ADF) Name', 'b', 'card', '61', '5-16'],
  ['50', 'Application Label', 'ans', 'card', '61 A5', '1-16'],
  ['52', 'Command to Perform', 'b', 'issuer', '-', '0-252'],
  ['56', 'Track 1 Data', 'ans', 'card', '70 77', '0-76'],
  ['57', 'Track 2 Equivalent Data', 'b', 'card', '70 77', '0-19'],
  ['5A', 'Application Primary Account Number (PAN)', 'cn', 'card', '70 77', '0-10'],
  ['5F20', 'Cardholder Name', 'ans', 'card', '70 77', '2-26'],
  ['5F24', 'Application Expiration Date', 'n', 'card', '70 77', '3'],
  ['5F25', 'Application Effective Date', 'n', 'card', '70 77', '3'],
  ['5F28', 'Issuer Country Code', 'n', 'card', '70 77', '2'],
  ['5F2A', 'Transaction Currency Code', 'n', 'terminal', '-', '2'],
  ['5F2D', 'Language Preference', 'an', 'card', 'A5', '2-8'],
  ['5F30', 'Service Code', 'n', 'card', '70 77', '2'],
  ['5F34', 'Application Primary Account Number (PAN) Sequence Number', 'n', 'card', '70 77', '1'],
  ['5F36', 'Transaction Currency Exponent', 'n', 'terminal', '-', '1'],
  ['5F50', 'Issuer URL', 'ans', 'card', 'BF0C 73', '0-252'],
  ['5F53', 'International Bank Account Number (IBAN)', 'var', 'card', 'BF0C 73', '0-34'],
  ['5F54', 'Bank Identifier Code (BIC)', 'var', 'card', 'BF0C 73', '8-11'],
  ['5F55', 'Issuer Country Code (alpha2 format)', 'a', 'card', 'BF0C 73', '2'],
  ['5F56', 'Issuer Country Code (alpha3 format)', 'a', 'card', 'BF0C 73', '3'],
  ['5F57', 'Account Type', 'n', 'terminal', '-', '1'],
  ['61', 'Application Template', 'var', 'card', '70', '0-252'],
  ['6F', 'File Control Information (FCI) Template', 'var', 'card', '-', '0-252'],
  ['70', 'READ RECORD Response Message Template', 'var', 'card', '-', '0-252'],
  ['71', 'Issuer Script Template 1', 'var', 'issuer', '-', '0-252'],
  ['72', 'Issuer Script Template 2', 'var', 'issuer', '-', '0-252'],
  ['73', 'Directory Discretionary Template', 'var', 'card', '70', '0-252'],
  ['77', 'Response Message Template Format 2', 'var', 'card', '-', '0-252'],
  ['80', 'Response Message Template Format 1', 'var', 'card', '-', '0-252'],
  ['81', 'Amount, Authorised (Binary)', 'b', 'terminal', '-', '4'],
  ['82', 'Application Interchange Profile', 'b', 'card', '77 80', '2'],
  ['83', 'Command Template', 'b', 'terminal', '-', '0-252'],
  ['84', 'Dedicated File (DF) Name', 'b', 'card', '6F', '5-16'],
  ['86', 'Issuer Script Command', 'b', 'issuer', '71 72', '0-261'],
  ['87', 'Application Priority Indicator', 'b', 'card', '61 A5', '1'],
  ['88', 'Short File Identifier (SFI)', 'b', 'card', 'A5', '1'],
  ['89', 'Authorisation Code', 'ans', 'issuer', '-', '6'],
  ['8A', 'Authorisation Response Code', 'an', 'issuer', '-', '2'],
  ['8C', 'Card Risk Management Data Object List 1 (CDOL1)', 'b', 'card', '70 77', '0-252'],
  ['8D', 'Card Risk Management Data Object List 2 (CDOL2)', 'b', 'card', '70 77', '0-252'],
  ['8E', 'Cardholder Verification Method (CVM) List', 'b', 'card', '70 77', '10-252'],
  ['8F', 'Certification Authority Public Key Index', 'b', 'card', '70 77', '1'],
  ['90', 'Issuer Public Key Certificate', 'b', 'card', '70 77', '0-248'],
  ['91', 'Issuer Authentication Data', 'b', 'issuer', '-', '8-16'],
  ['92', 'Issuer Public Key Remainder', 'b', 'card', '70 77', '0-248'],
  ['93', 'Signed Static Application Data', 'b', 'card', '70 77', '0-248'],
  ['94', 'Application File Locator (AFL)', 'var', 'card', '77 80', '0-252'],
  ['95', 'Terminal Verification Results', 'b', 'terminal', '-', '5'],
  ['97', 'Transaction Certificate Data Object List (TDOL)', 'b', 'card', '70 77', '0-252'],
  ['98', 'Transaction Certificate (TC) Hash Value', 'b', 'terminal', '-', '20'],
  ['99', 'Transaction Personal Identification Number (PIN) Data', 'b', 'terminal', '-', '0-252'],
  ['9A', 'Transaction Date', 'n', 'terminal', '-', '3'],
  ['9B', 'Transaction Status Information', 'b', 'terminal', '-', '2'],
  ['9C', 'Transaction Type', 'n', 'terminal', '-', '1'],
  ['9D', 'Directory Definition File (DDF) Name', 'b', 'card', '61', '5-16'],
  ['9F01', 'Acquirer Identifier', 'n', 'terminal', '-', '6'],
  ['9F02', 'Amount, Authorised (Numeric)', 'n', 'terminal', '-', '6'],
  ['9F03', 'Amount, Other (Numeric)', 'n', 'terminal', '-', '6'],
  ['9F04', 'Amount, Other (Binary)', 'b', 'terminal', '-', '4'],
  ['9F05', 'Application Discretionary Data', 'b', 'card', '70 77', '1-32'],
  ['9F06', 'Application Identifier (AID) - terminal', 'b', 'terminal', '-', '5-16'],
  ['9F07', 'Application Usage Control', 'b', 'card', '70 77', '2'],
  ['9F08', 'Application Version Number', 'b', 'card', '70 77', '2'],
  ['9F09', 'Application Version Number (terminal)', 'b', 'terminal', '-', '2'],
  ['9F0A', 'Application Selection Registered Proprietary Data', 'b', 'card', 'BF0C', '0-252'],
  ['9F0B', 'Cardholder Name Extended', 'ans', 'card', '70 77', '27-45'],
  ['9F0C', 'Issuer Identification Number Extended (IINE)', 'n', 'card', 'BF0C 73', '3-4'],
  ['9F0D', 'Issuer Action Code - Default', 'b', 'card', '70 77', '5'],
  ['9F0E', 'Issuer Action Code - Denial', 'b', 'card', '70 77', '5'],
  ['9F0F', 'Issuer Action Code - Online', 'b', 'card', '70 77', '5'],
  ['9F10', 'Issuer Application Data', 'b', 'card', '77 80', '0-32'],
  ['9F11', 'Issuer Code Table Index', 'n', 'card', 'A5', '1'],
  ['9F12', 'Application Preferred Name', 'ans', 'card', 'A5', '1-16'],
  ['9F13', 'Last Online Application Transaction Counter (ATC) Register', 'b', 'card', '-', '2'],
  ['9F14', 'Lower Consecutive Offline Limit', 'b', 'card', '70 77', '1'],
  ['9F15', 'Merchant Category Code', 'n', 'terminal', '-', '2'],
  ['9F16', 'Merchant Identifier', 'ans', 'terminal', '-', '15'],
  ['9F17', 'Personal Identification Number (PIN) Try Counter', 'b', 'card', '-', '1'],
  ['9F18', 'Issuer Script Identifier', 'b', 'issuer', '71 72', '4'],
  ['9F19', 'Token Requestor ID', 'n', 'card', '70 77', '6'],
  ['9F1A', 'Terminal Country Code', 'n', 'terminal', '-', '2'],
  ['9F1B', 'Terminal Floor Limit', 'b', 'terminal', '-', '4'],
  ['9F1C', 'Terminal Identification', 'an', 'terminal', '-', '8'],
  ['9F1D', 'Terminal Risk Management Data', 'b', 'terminal', '-', '1-8'],
  ['9F1E', 'Interface Device (IFD) Serial Number', 'an', 'terminal', '-', '8'],
  ['9F1F', 'Track 1 Discretionary Data', 'ans', 'card', '70 77', '0-54'],
  ['9F20', 'Track 2 Discretionary Data', 'cn', 'card', '70 77', '0-16'],
  ['9F21', 'Transaction Time', 'n', 'terminal', '-', '3'],
  ['9F22', 'Certification Authority Public Key Index (terminal)', 'b', 'terminal', '-', '1'],
  ['9F23', 'Upper Consecutive Offline Limit', 'b', 'card', '70 77', '1'],
  ['9F24', 'Payment Account Reference (PAR)', 'an', 'card', '70 77', '29'],
  ['9F25', 'Last 4 Digits of PAN', 'n', 'card', '70 77', '2'],
  ['9F26', 'Application Cryptogram', 'b', 'card', '77 80', '8'],
  ['9F27', 'Cryptogram Information Data', 'b', 'card', '77 80', '1'],
  ['9F29', 'Extended Selection', 'b', 'card', '61', '0-252'],
  ['9F2A', 'Kernel Identifier', 'b', 'card', '61', '1-8'],
  ['9F2D', 'ICC PIN Encipherment Public Key Certificate', 'b', 'card', '70 77', '0-248'],
  ['9F2E', 'ICC PIN Encipherment Public Key Exponent', 'b', 'card', '70 77', '1-3'],
  ['9F2F', 'ICC PIN Encipherment Public Key Remainder', 'b', 'card', '70 77', '0-248'],
  ['9F32', 'Issuer Public Key Exponent', 'b', 'card', '70 77', '1-3'],
  ['9F33', 'Terminal Capabilities', 'b', 'terminal', '-', '3'],
  ['9F34', 'Cardholder Verification Method (CVM) Results', 'b', 'terminal', '-', '3'],
  ['9F35', 'Terminal Type', 'n', 'terminal', '-', '1'],
  ['9F36', 'Application Transaction Counter (ATC)', 'b', 'card', '77 80', '2'],
  ['9F37', 'Unpredictable Number', 'b', 'terminal', '-', '4'],
  ['9F38', 'Processing Options Data Object List (PDOL)', 'b', 'card', 'A5', '0-252'],
  ['9F39', 'Point-of-Service (POS) Entry Mode', 'n', 'terminal', '-', '1'],
  ['9F3A', 'Amount, Reference Currency', 'b', 'terminal', '-', '4'],
  ['9F3B', 'Application Reference Currency', 'n', 'card', '70 77', '2-8'],
  ['9F3C', 'Transaction Reference Currency Code', 'n', 'terminal', '-', '2'],
  ['9F3D', 'Transaction Reference Currency Exponent', 'n', 'terminal', '-', '1'],
  ['9F40', 'Additional Terminal Capabilities', 'b', 'terminal', '-', '5'],
  ['9F41', 'Transaction Sequence Counter', 'n', 'terminal', '-', '2-4'],
  ['9F42', 'Application Currency Code', 'n', 'card', '70 77', '2'],
  ['9F43', 'Application Reference Currency Exponent', 'n', 'card', '70 77', '1-4'],
  ['9F44', 'Application Currency Exponent', 'n', 'card', '70 77', '1'],
  ['9F45', 'Data Authentication Code', 'b', 'card', '-', '2'],
  ['9F46', 'ICC Public Key Certificate', 'b', 'card', '70 77', '0-248'],
  ['9F47', 'ICC Public Key Exponent', 'b', 'card', '70 77', '1-3'],
  ['9F48', 'ICC Public Key Remainder', 'b', 'card', '70 77', '0-248'],
  ['9F49', 'Dynamic Data Authentication Data Object List (DDOL)', 'b', 'card', '70 77', '0-252'],
  ['9F4A', 'Static Data Authentication Tag List', 'b', 'card', '70 77', '0-252'],
  ['9F4B', 'Signed Dynamic Application Data', 'b', 'card', '77 80', '0-248'],
  ['9F4C', 'ICC Dynamic Number', 'b', 'card', '-', '2-8'],
  ['9F4D', 'Log Entry', 'b', 'card', 'BF0C 73', '2'],
  ['9F4E', 'Merchant Name and Location', 'ans', 'terminal', '-', '0-252'],
  ['9F4F', 'Log Format', 'b', 'card', '-', '0-252'],
  ['A5', 'File Control Information (FCI) Proprietary Template', 'var', 'card', '6F', '0-252'],
  [
    'BF0C',
    'File Control Information (FCI) Issuer Discretionary Data',
    'var',
    'card',
    'A5',
    '0-222',
  ],
  // Common contactless meaning (Visa payWave, Discover D-PAS, UnionPay QuickPass, JCB): the
  // Mastercard meaning of the same tags is in SCHEME_CANON below.
  ['9F66', 'Terminal Transaction Qualifiers (TTQ)', 'b', 'terminal', '-', '4'],
  ['9F6C', 'Card Transaction Qualifiers (CTQ)', 'b', 'card', '77', '2'],
  ['9F6E', 'Form Factor Indicator (FFI)', 'b', 'card', '77', '4-32'],
  ['9F5D', 'Available Offline Spending Amount (AOSA)', 'n', 'card', '77', '6'],
  ['9F69', 'Card Authentication Related Data', 'b', 'card', '70 77', '5-16'],
  ['9F7C', 'Customer Exclusive Data (CED)', 'b', 'card', '77', '0-32'],
];

// Where a kernel gives a tag another meaning (EMV Contactless Books C-2 to C-7, scheme specs).
const SCHEME_CANON = {
  visa: [
    ['9F51', 'Application Currency Code', 'n', 'card', '70 77', '2'],
    ['9F52', 'Application Default Action (ADA)', 'b', 'card', '70 77', '2-4'],
    [
      '9F53',
      'Consecutive Transaction Counter International Limit (CTCIL)',
      'b',
      'card',
      '70 77',
      '1',
    ],
    ['9F54', 'Cumulative Total Transaction Amount Limit (CTTAL)', 'n', 'card', '70 77', '6'],
    ['9F55', 'Geographic Indicator', 'b', 'card', '70 77', '1'],
    ['9F56', 'Issuer Authentication Indicator', 'b', 'card', '70 77', '1'],
    ['9F57', 'Issuer Country Code', 'n', 'card', '70 77', '2'],
    ['9F58', 'Consecutive Transaction Counter Limit (CTCL)', 'b', 'card', '70 77', '1'],
    ['9F59', 'Consecutive Transaction Counter Upper Limit (CTCUL)', 'b', 'card', '70 77', '1'],
    ['9F5A', 'Application Program Identifier (Program ID)', 'b', 'card', 'BF0C', '1-16'],
    ['9F5C', 'Cumulative Total Transaction Amount Upper Limit (CTTAUL)', 'n', 'card', '70 77', '6'],
    [
      '9F5E',
      'Consecutive Transaction International Upper Limit (CTIUL)',
      'b',
      'card',
      '70 77',
      '1',
    ],
    ['9F68', 'Card Additional Processes', 'b', 'card', '70 77', '4'],
    ['9F6B', 'Card CVM Limit', 'n', 'card', '70 77', '6'],
    ['9F6D', 'VLP Reset Threshold', 'n', 'card', '70 77', '6'],
    ['9F72', 'Consecutive Transaction Limit (International-Country)', 'b', 'card', '70 77', '1'],
    ['9F73', 'Currency Conversion Parameters', 'b', 'card', '70 77', '4'],
    ['9F74', 'VLP Issuer Authorisation Code', 'a', 'card', '77', '6'],
    [
      '9F75',
      'Cumulative Total Transaction Amount Limit - Dual Currency',
      'n',
      'card',
      '70 77',
      '6',
    ],
    ['9F76', 'Secondary Application Currency Code', 'n', 'card', '70 77', '2'],
    ['9F77', 'VLP Funds Limit', 'n', 'card', '70 77', '6'],
    ['9F78', 'VLP Single Transaction Limit', 'n', 'card', '70 77', '6'],
    ['9F79', 'VLP Available Funds', 'n', 'card', '77', '6'],
    ['9F7A', 'VLP Terminal Support Indicator', 'b', 'terminal', '-', '1'],
    ['9F7B', 'VLP Terminal Transaction Limit', 'n', 'terminal', '-', '6'],
    ['9F7D', 'Visa Applet Data', 'b', 'card', '-', '0-252'],
    ['9F7E', 'Application Life Cycle Data', 'b', 'card', '-', '0-48'],
    ['9F7F', 'Card Production Life Cycle (CPLC) Data', 'b', 'card', '-', '0-252'],
  ],
  mastercard: [
    ['9F50', 'Offline Accumulator Balance', 'n', 'card', '-', '6'],
    ['9F51', 'DRDOL', 'b', 'card', '70', '0-252'],
    ['9F53', 'Transaction Category Code', 'an', 'terminal', '-', '1'],
    ['9F54', 'DS ODS Card', 'b', 'card', '-', '0-160'],
    ['9F5B', 'DSDOL', 'b', 'card', '70', '0-252'],
    ['9F5C', 'DS Requested Operator ID', 'b', 'terminal', '-', '8'],
    ['9F5D', 'Application Capabilities Information', 'b', 'card', 'A5 70', '3'],
    ['9F5E', 'DS ID', 'n', 'card', '70', '8-11'],
    ['9F5F', 'DS Slot Availability', 'b', 'card', '70', '1'],
    ['9F60', 'CVC3 (Track1)', 'b', 'card', '77', '2'],
    ['9F61', 'CVC3 (Track2)', 'b', 'card', '77', '2'],
    ['9F62', 'PCVC3 (Track1)', 'b', 'card', '70', '6'],
    ['9F63', 'PUNATC (Track1)', 'b', 'card', '70', '6'],
    ['9F64', 'NATC (Track1)', 'b', 'card', '70', '1'],
    ['9F65', 'PCVC3 (Track2)', 'b', 'card', '70', '2'],
    ['9F66', 'PUNATC (Track2)', 'b', 'card', '70', '2'],
    ['9F67', 'NATC (Track2)', 'b', 'card', '70', '1'],
    ['9F68', 'Mag-stripe CVM List', 'b', 'card', '70', '10-32'],
    ['9F69', 'UDOL', 'b', 'card', '70', '0-252'],
    ['9F6A', 'Unpredictable Number (Numeric)', 'n', 'terminal', '-', '4'],
    ['9F6B', 'Track 2 Data', 'b', 'card', '70', '0-19'],
    ['9F6C', 'Mag-stripe Application Version Number (Card)', 'b', 'card', '70', '2'],
    ['9F6D', 'Mag-stripe Application Version Number (Reader)', 'b', 'terminal', '-', '2'],
    ['9F6E', 'Third Party Data', 'b', 'card', '70 77', '5-32'],
    ['9F6F', 'DS Slot Management Control', 'b', 'card', '70', '1'],
    ['9F70', 'Protected Data Envelope 1', 'b', 'card', '-', '0-192'],
    ['9F71', 'Protected Data Envelope 2', 'b', 'card', '-', '0-192'],
    ['9F72', 'Protected Data Envelope 3', 'b', 'card', '-', '0-192'],
    ['9F73', 'Protected Data Envelope 4', 'b', 'card', '-', '0-192'],
    ['9F74', 'Protected Data Envelope 5', 'b', 'card', '-', '0-192'],
    ['9F75', 'Unprotected Data Envelope 1', 'b', 'card', '-', '0-192'],
    ['9F76', 'Unprotected Data Envelope 2', 'b', 'card', '-', '0-192'],
    ['9F77', 'Unprotected Data Envelope 3', 'b', 'card', '-', '0-192'],
    ['9F78', 'Unprotected Data Envelope 4', 'b', 'card', '-', '0-192'],
    ['9F79', 'Unprotected Data Envelope 5', 'b', 'card', '-', '0-192'],
    ['9F7C', 'Merchant Custom Data', 'b', 'terminal', '-', '20'],
    ['9F7D', 'DS Summary 1', 'b', 'card', '-', '8-16'],
    ['9F7E', 'Mobile Support Indicator', 'b', 'terminal', '-', '1'],
    ['9F7F', 'DS Unpredictable Number', 'b', 'terminal', '-', '4'],
  ],
  amex: [
    ['9F6D', 'Contactless Reader Capabilities', 'b', 'terminal', '-', '1'],
    ['9F6E', 'Enhanced Contactless Reader Capabilities', 'b', 'terminal', '-', '4'],
    ['9F70', 'Card Interface Capabilities', 'b', 'card', '77', '2'],
    ['9F71', 'Mobile CVM Results', 'b', 'card', '77', '3'],
  ],
  jcb: [
    ['9F50', 'Cardholder Verification Status', 'b', 'card', '77', '1'],
    ['9F52', 'Terminal Compatibility Indicator', 'b', 'terminal', '-', '1'],
    ['9F53', 'Terminal Interchange Profile (dynamic)', 'b', 'terminal', '-', '3'],
    ['9F54', 'DS ODS Card', 'b', 'card', '-', '0-160'],
    ['9F55', 'Issuer Authentication Flags', 'b', 'card', '-', '1'],
    ['9F56', 'Issuer Proprietary Bitmap', 'b', 'card', '-', '0-32'],
    ['9F5C', 'Magstripe Data Object List (MDOL)', 'b', 'card', '70', '0-252'],
    ['9F60', 'Issuer Update Parameter', 'b', 'card', '70', '2'],
    ['9F6E', 'Form Factor Indicator (FFI)', 'b', 'card', '77', '4-32'],
  ],
  discover: [
    ['9F53', 'Consecutive Transaction Counter International Limit', 'b', 'card', '70 77', '1'],
    ['9F71', 'Card Processing Requirements (CPR)', 'b', 'card', '77', '2'],
    ['9F7D', 'D-PAS Card Feature Version Number', 'b', 'card', '70 77', '1'],
  ],
  unionpay: [
    ['9F51', 'Application Currency Code', 'n', 'card', '70 77', '2'],
    ['9F52', 'Application Default Action (ADA)', 'b', 'card', '70 77', '2'],
    ['9F53', 'Consecutive Transaction Limit (International)', 'b', 'card', '70 77', '1'],
    ['9F54', 'Cumulative Total Transaction Amount Limit', 'n', 'card', '70 77', '6'],
    ['9F56', 'Issuer Authentication Indicator', 'b', 'card', '70 77', '1'],
    ['9F57', 'Issuer Country Code', 'n', 'card', '70 77', '2'],
    ['9F58', 'Lower Consecutive Offline Limit', 'b', 'card', '70 77', '1'],
    ['9F59', 'Upper Consecutive Offline Limit', 'b', 'card', '70 77', '1'],
    ['9F5C', 'Cumulative Total Transaction Amount Upper Limit', 'n', 'card', '70 77', '6'],
    ['9F61', 'Cardholder ID Number', 'an', 'card', '70', '1-40'],
    ['9F62', 'Cardholder ID Type', 'b', 'card', '70', '1'],
    ['9F63', 'Offline Counter Initial Value', 'b', 'card', '-', '0-16'],
    ['9F6D', 'Electronic Cash Reset Threshold', 'n', 'card', '70', '6'],
    ['9F74', 'Electronic Cash Issuer Authorisation Code', 'a', 'card', '77', '6'],
    ['9F77', 'Electronic Cash Balance Limit', 'n', 'card', '70', '6'],
    ['9F78', 'Electronic Cash Single Transaction Limit', 'n', 'card', '70', '6'],
    ['9F79', 'Electronic Cash Balance', 'n', 'card', '-', '6'],
  ],
  interac: [
    ['9F58', 'Merchant Type Indicator', 'n', 'terminal', '-', '1'],
    ['9F59', 'Terminal Transaction Information', 'b', 'terminal', '-', '3'],
    ['9F5A', 'Terminal Transaction Type', 'n', 'terminal', '-', '1'],
    ['9F5D', 'Receipt Limit', 'n', 'terminal', '-', '6'],
    ['9F5E', 'Terminal Option Status', 'b', 'terminal', '-', '2'],
  ],
};

// Sources in tags.json, best first, and the scheme each kernel-specific source speaks for.
const NAME_ORDER = ['node-emv:Generic', 'python-emv', 'emv-bertlv', 'devnied'];
const KERNEL_SCHEME = {
  'node-emv:VISA': 'visa',
  'node-emv:MasterCard': 'mastercard',
  'node-emv:JCB': 'jcb',
  'node-emv:AMEX': 'amex',
  'emv-bertlv:QVSDC': 'visa',
  'emv-bertlv:MSD': 'mastercard',
  'emv-bertlv:AMEX': 'amex',
  'emv-bertlv:UPI': 'unionpay',
};
// Tokenisation data (node-emv "kernel_20/21") are not kernel tags; they stay generic.

function format(text) {
  if (!text) return undefined;
  const t = text.trim().toLowerCase();
  if (/^(binary|h\b|b\b)/.test(t)) return 'b';
  if (/^cn/.test(t)) return 'cn';
  if (/^ans/.test(t)) return 'ans';
  if (/^an/.test(t)) return 'an';
  if (/^a\b/.test(t)) return 'a';
  if (/^n\b/.test(t)) return 'n';
  if (/^var/.test(t)) return 'var';
  return undefined;
}

function source(text) {
  if (!text) return undefined;
  if (/icc|card/i.test(text)) return 'card';
  if (/terminal/i.test(text)) return 'terminal';
  if (/issuer/i.test(text)) return 'issuer';
  return undefined;
}

function templates(text) {
  if (!text) return [];
  return [...text.matchAll(/'([0-9A-F]{2,4})'/gi)].map((m) => m[1].toUpperCase());
}

function length(text, fmt) {
  const m = /^(\d+)(?:\s*-\s*(\d+))?\s*\[?B/i.exec(text ?? '');
  if (m) return [Number(m[1]), Number(m[2] ?? m[1])];
  const bits = /binary\s+(\d+)$/i.exec(fmt ?? '');
  if (bits) return [Number(bits[1]) / 8, Number(bits[1]) / 8];
  return [0, 252];
}

function first(map, order) {
  for (const k of order) if (map[k]) return [k, map[k]];
  const keys = Object.keys(map);
  return keys.length ? [keys[0], map[keys[0]]] : [undefined, undefined];
}

function tidy(name) {
  return name.replace(/\s+/g, ' ').replace(/[–—]/g, '-').trim();
}

const comparable = (s) =>
  s
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^a-z0-9]/g, '');

function row(scheme, [tag, name, fmt, src, tpl, len]) {
  const [min, max] = len.split('-').map(Number);
  return {
    tag,
    name,
    format: fmt,
    source: src,
    templates: tpl === '-' ? [] : tpl.split(' '),
    length: [min, max ?? min],
    scheme,
  };
}

function fromSources(e, key) {
  const fmtText = e.formats[key];
  const kernelLike = Object.keys(e.formats)[0];
  return {
    format: format(fmtText ?? e.formats[kernelLike]) ?? (e.constructed ? 'var' : 'b'),
    source: source(e.sources[key] ?? e.sources[kernelLike]) ?? 'card',
    templates: templates(e.templates[key] ?? e.templates[kernelLike]),
    length: length(e.lengths[key] ?? e.lengths[kernelLike], fmtText),
  };
}

// A generic row named like a kernel's canonical row of the same tag is that kernel's meaning
// (9F6B "Card CVM Limit" is Visa's, n 6): it takes that row's format, source, templates and
// length (when the kernels naming it agree on format and length), so that a value that does not fit it (an 18-byte 9F6B) can pick the kernel meaning
// that does (Mastercard Track 2 Data) in lookupTag.
function kernelShaped(r) {
  const same = Object.values(SCHEME_CANON)
    .flat()
    .filter((c) => c[0] === r.tag && comparable(c[1]) === comparable(r.name));
  const shapes = new Set(same.map((c) => `${c[2]} ${c[5]}`));
  if (shapes.size !== 1) return r;
  const { format: fmt, source: src, templates: tpl, length: len } = row(undefined, same[0]);
  return { ...r, format: fmt, source: src, templates: tpl, length: len };
}

const canon = new Map(CANON.map((r) => [r[0], row(undefined, r)]));
const generic = [];
const schemed = [];

for (const e of input.tags) {
  const tag = e.tag.toUpperCase();
  if (tag.length > 6) continue;

  const curated = canon.has(tag);
  if (curated) {
    generic.push(canon.get(tag));
    canon.delete(tag);
  } else {
    const [key, name] = first(e.names, NAME_ORDER);
    if (!name || name === '?' || /^deleted/i.test(name)) continue;
    generic.push(kernelShaped({ tag, name: tidy(name), ...fromSources(e, key) }));
  }

  // Kernel range (Book 3 Annex B: 9F50-9F7F and DFxx are for payment systems): per-scheme names,
  // unless the generic row is curated (its scheme meanings are then all in SCHEME_CANON).
  if (curated || !/^(9F[5-7]|DF)/.test(tag)) continue;
  const base = comparable(generic[generic.length - 1].name);
  const done = new Set(
    Object.entries(SCHEME_CANON)
      .filter(([, rows]) => rows.some((r) => r[0] === tag))
      .map(([s]) => s),
  );
  for (const [key, name] of Object.entries(e.names)) {
    const scheme = KERNEL_SCHEME[key];
    if (!scheme || done.has(scheme) || name === '?' || comparable(name) === base) continue;
    done.add(scheme);
    schemed.push({ tag, name: tidy(name), ...fromSources(e, key), scheme });
  }
}
for (const r of canon.values()) generic.push(r);
for (const [scheme, rows] of Object.entries(SCHEME_CANON))
  for (const r of rows) schemed.push(row(scheme, r));

const order = (a, b) =>
  a.tag.length - b.tag.length ||
  a.tag.localeCompare(b.tag) ||
  (a.scheme ?? '').localeCompare(b.scheme ?? '');
generic.sort(order);
schemed.sort(order);

const line = (r) =>
  `  { tag: '${r.tag}', name: ${JSON.stringify(r.name)}, format: '${r.format}', source: '${r.source}', ` +
  `templates: [${r.templates.map((t) => `'${t}'`).join(', ')}], length: [${r.length[0]}, ${r.length[1]}]` +
  (r.scheme ? `, scheme: '${r.scheme}'` : '') +
  ' },';

const out = [
  '/**',
  ' * The EMV data dictionary as plain data: generic rows, then rows for the schemes whose kernels',
  ' * give a tag another meaning. Generated by scripts/gen-dictionary.mjs from',
  ' * ../shared/oda/tags.json and the canonical rows in that script; do not edit by hand.',
  ' */',
  '',
  "import type { TagRow } from './types.js';",
  '',
  `/** ${generic.length} data objects valid for every application. */`,
  'export const GENERIC_TAGS: readonly TagRow[] = [',
  ...generic.map(line),
  '];',
  '',
  `/** ${schemed.length} scheme-specific meanings (EMV Contactless Books C-2 to C-7). */`,
  'export const SCHEME_TAGS: readonly TagRow[] = [',
  ...schemed.map(line),
  '];',
  '',
];
writeFileSync(join(root, 'src/dictionary/tags.generated.ts'), out.join('\n'));
console.log(`generic ${generic.length}, scheme-specific ${schemed.length}`);
