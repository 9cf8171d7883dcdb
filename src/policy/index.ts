/** Resource policy analysis shared by every auditor that reads a resource policy (S3, SQS, OpenSearch…). */
export { PolicyParseError, parsePolicy, matchesWildcard, type PolicyDocument, type PolicyStatement, type ConditionClause, type PrincipalBlock } from './document.js';
export { assessClause, type ClauseAssessment, type ClauseOptions } from './conditions.js';
export { analysePublicAccess, type PublicAccessAnswer, type PublicAccessOptions, type StatementEvidence } from './public-access.js';
export { SOURCE_IP_READINGS, type SourceIpReading } from './source-ip.js';
export { analyseSecureTransport, type RequiredAccess, type TransportAnswer, type TransportStatement } from './secure-transport.js';
export { editPolicyStatements, fixPublicStatements, planPublicStatementsFix, statementNames, PUBLIC_STATEMENT_EDITS, type PolicyEdit, type PolicyFixPlan, type PublicStatementEdit, type PublicStatementsFix, type StatementChange, type StatementsEdit } from './fix.js';
