/** The one explicit list of auditors. Add a new auditor here; nothing is discovered by scanning directories. */
import type { Auditor } from '../src/core/registry.js';
import { ec2Auditor } from './ec2/index.js';
import { s3Auditor } from './s3/index.js';

export const AUDITORS: readonly Auditor[] = [ec2Auditor, s3Auditor];
